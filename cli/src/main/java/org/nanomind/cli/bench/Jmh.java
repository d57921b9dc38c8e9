package org.nanomind.cli.bench;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs one JMH benchmark method in forked JVMs and returns its primary score. */
final class Jmh {
    /** Flags every fork needs: the kernels' Vector API and native access, quiet Unsafe use by JMH. */
    static final List<String> FORK_FLAGS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final int forks;
    private final int warmups;
    private final int iterations;
    private final int measureSeconds;

    Jmh(int forks, int warmups, int iterations, int measureSeconds) {
        this.forks = forks;
        this.warmups = warmups;
        this.iterations = iterations;
        this.measureSeconds = measureSeconds;
    }

    String describe() {
        return String.format("JMH, %d fork(s), %d warm-up (1 s) + %d measured (%d s) iterations; ± is JMH's 99.9%% interval",
                forks, warmups, iterations, measureSeconds);
    }

    /** Mean and error of the score (its unit is the benchmark's: ops/s or s/op). */
    record Score(double mean, double error) {
        String format(double scale) {
            double m = mean * scale;
            return Double.isNaN(error) ? String.format("%.3g", m)
                    : String.format("%.3g ±%.0f%%", m, 100 * error / mean);
        }
    }

    Score measure(PrintWriter out, Class<?> benchmarks, String method, String label, String heap) {
        return measure(out, benchmarks, method, label, heap, java.util.Map.of());
    }

    /** As above, with JMH @Param values set. */
    Score measure(PrintWriter out, Class<?> benchmarks, String method, String label, String heap,
                  java.util.Map<String, String> params) {
        out.printf("measuring %s ...%n", label);
        out.flush();
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(benchmarks.getName() + "\\." + method + "$")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(measureSeconds))
                .verbosity(VerboseMode.SILENT);
        opts.jvmArgsAppend(FORK_FLAGS.toArray(String[]::new));
        opts.jvmArgsAppend("-Xmx" + heap);
        params.forEach(opts::param);
        try {
            Collection<RunResult> results = new Runner(opts.build()).run();
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
}
