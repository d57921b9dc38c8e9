package org.nanomind.cli.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of sim-core (the (a), (b), (c)). Scores are operations per second: events for
 * the hold models, starts plus finishes for the fluid model. Run through {@code nanomind bench sim}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimBenchmarks {
    static final long SEED = 42;
    static final int PENDING = 1_000;
    static final int EVENTS = 5_000_000;
    static final int CONCURRENT = 100;
    static final int STARTS_AND_FINISHES = 1_000_000;

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double holdSimulation() {
        return Workloads.holdSimulation(SEED, PENDING, EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double holdPriorityQueue() {
        return Workloads.holdPriorityQueue(SEED, PENDING, EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(STARTS_AND_FINISHES)
    public Workloads.FluidRun fluidSharing() {
        return Workloads.fluid(SEED, CONCURRENT, STARTS_AND_FINISHES);
    }
}
