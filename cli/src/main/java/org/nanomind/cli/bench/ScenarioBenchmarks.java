package org.nanomind.cli.bench;

import java.util.concurrent.TimeUnit;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.ScenarioFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A built-in scenario run to battery empty (no outputs written), seconds per run. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScenarioBenchmarks {
    @Param({"cascade"})
    public String scenario;

    @Benchmark
    public double runToEmpty() {
        return Runner.run(ScenarioFile.named(scenario), null, null).simulatedSeconds();
    }
}
