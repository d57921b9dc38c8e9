package org.nanomind.cli.bench;

import java.io.PrintWriter;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link SimBenchmarks} through JMH, one benchmark at a time, and prints the table. */
public final class SimBench {
    private final int forks;
    private final int warmups;
    private final int iterations;

    public SimBench(int forks, int warmups, int iterations) {
        this.forks = forks;
        this.warmups = warmups;
        this.iterations = iterations;
    }

    public void run(PrintWriter out) {
        out.printf("sim-core benchmark: JMH, %d fork(s), %d warm-up (1 s) + %d measured (2 s) iterations; ± is JMH's 99.9%% interval%n",
                forks, warmups, iterations);
        Score a = measure(out, "holdSimulation", "(a) hold model, 1,000 pending, 5e6 events, Simulation");
        Score b = measure(out, "holdPriorityQueue", "(b) the same hold model, bare PriorityQueue loop");
        Score c = measure(out, "fluidSharing", "(c) fluid: 100 activities on one resource, 1e6 starts+finishes");
        out.println();
        out.printf("%-48s %16s %14s%n", "measure", "result", "target");
        out.printf("%-48s %16s %14s%n", "(a) events/s through Simulation", a.format(), "");
        out.printf("%-48s %16s %14s%n", "(b) events/s through PriorityQueue", b.format(), "");
        out.printf("%-48s %16.2f %14s%n", "a/b", a.mean / b.mean, ">= 0.5 (0.8)");
        out.printf("%-48s %16s %14s%n", "(c) starts+finishes/s, fluid max-min", c.format(), ">= 1e5 (1e6)");
        out.flush();
    }

    private Score measure(PrintWriter out, String method, String label) {
        out.printf("measuring %s ...%n", label);
        out.flush();
        Options opts = new OptionsBuilder()
                .include(SimBenchmarks.class.getName() + "\\." + method + "$")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g", "--sun-misc-unsafe-memory-access=allow")
                .verbosity(VerboseMode.SILENT)
                .build();
        try {
            Collection<RunResult> results = new Runner(opts).run();
            if (results.isEmpty()) {
                throw new IllegalStateException("JMH produced no result for " + method
                        + " (is the jar built with JMH's annotation processor?)");
            }
            var r = results.iterator().next().getPrimaryResult();
            return new Score(r.getScore(), r.getScoreError());
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + method + ": " + e.getMessage(), e);
        }
    }

    private record Score(double mean, double error) {
        String format() {
            return Double.isNaN(error) ? String.format("%.3g", mean)
                    : String.format("%.3g ±%.0f%%", mean, 100 * error / mean);
        }
    }
}
