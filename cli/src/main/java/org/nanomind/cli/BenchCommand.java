package org.nanomind.cli;

import org.nanomind.cli.bench.KernelBench;
import org.nanomind.cli.bench.ScenarioBench;
import org.nanomind.cli.bench.SimBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nanomind bench}: the project's benchmarks, each printed as ratios to a baseline of the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark (JMH in a forked JVM) and print its table.",
        subcommands = {BenchCommand.Sim.class, BenchCommand.Kernels.class, BenchCommand.Scenarios.class})
final class BenchCommand {

    /** JMH settings shared by the benchmarks. */
    static final class JmhOptions {
        @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
        int forks;
        @Option(names = "--warmups", defaultValue = "3", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
        int warmups;
        @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        void check(picocli.CommandLine.Model.CommandSpec spec) {
            if (forks < 1 || iterations < 1 || warmups < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--forks and --iterations must be >= 1 and --warmups >= 0");
            }
        }
    }

    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = {"sim-core's event loop and fluid sharing:",
                    "(a) hold model through Simulation, (b) the same through a bare PriorityQueue loop,",
                    "(c) 100 activities sharing one resource; prints events/s, a/b, and starts+finishes/s."})
    static final class Sim implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin
        JmhOptions jmh = new JmhOptions();
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            jmh.check(spec);
            new SimBench(jmh.forks, jmh.warmups, jmh.iterations).run(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = {"The kernels against the memory roofline, 2 threads: GB/s of weight bytes for Q4_0 and",
                    "Q8_0 GEMVs (Vector API, scalar reference, OpenCL) against a plain Java streaming read of 1 GiB."})
    static final class Kernels implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin
        JmhOptions jmh = new JmhOptions();
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            jmh.check(spec);
            new KernelBench(jmh.forks, jmh.warmups, jmh.iterations).run(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "scenarios", mixinStandardHelpOptions = true,
            description = "Each built-in scenario run to battery empty: wall seconds per run, heap capped at 512 MB.")
    static final class Scenarios implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin
        JmhOptions jmh = new JmhOptions();
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            jmh.check(spec);
            new ScenarioBench(jmh.forks, jmh.warmups, jmh.iterations).run(spec.commandLine().getOut());
            return 0;
        }
    }
}
