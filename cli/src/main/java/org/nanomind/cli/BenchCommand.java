package org.nanomind.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nanomind.cli.bench.KernelBench;
import org.nanomind.cli.bench.ScenarioBench;
import org.nanomind.cli.bench.SimBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nanomind bench}: the project's benchmarks, each printed as ratios to a baseline of the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark (JMH in forked JVMs) and print its table.",
        subcommands = {BenchCommand.Sim.class, BenchCommand.Kernels.class, BenchCommand.Scenarios.class,
            BenchCommand.FunctionalDecode.class})
final class BenchCommand {

    /** The JMH settings every benchmark takes, checked once. */
    abstract static class JmhCommand implements Callable<Integer> {
        @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
        int forks;
        @Option(names = "--warmups", defaultValue = "3", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
        int warmups;
        @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
        int iterations;
        @Spec
        CommandSpec spec;

        abstract void run(PrintWriter out);

        @Override
        public Integer call() {
            if (forks < 1 || iterations < 1 || warmups < 0) {
                throw new ParameterException(spec.commandLine(), "--forks and --iterations must be >= 1 and --warmups >= 0");
            }
            run(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = {"sim-core's event loop and fluid sharing:",
                    "(a) hold model through Simulation, (b) the same through a bare PriorityQueue loop,",
                    "(c) 100 activities sharing one resource; prints events/s, a/b, and starts+finishes/s."})
    static final class Sim extends JmhCommand {
        @Override
        void run(PrintWriter out) {
            new SimBench(forks, warmups, iterations).run(out);
        }
    }

    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = {"The kernels against the memory roofline, 2 threads: GB/s of weight bytes for Q4_0 and",
                    "Q8_0 GEMVs (Vector API, scalar reference, OpenCL) against the faster of two 1 GiB streaming reads",
                    "(a plain loop, a Vector API loop off the heap), and with --reference against ggml's own GEMV."})
    static final class Kernels extends JmhCommand {
        @picocli.CommandLine.Option(names = "--reference", paramLabel = "DIR",
                description = "A folder with ggml's mulmat (bench/ggml-reference/build-harness.sh DIR): ggml's GEMV on each shape,"
                        + " measured before and after the kernel, and the ratio.")
        java.nio.file.Path reference;

        @Override
        void run(PrintWriter out) {
            new KernelBench(forks, warmups, iterations, reference).run(out);
        }
    }

    @Command(name = "scenarios", mixinStandardHelpOptions = true,
            description = "Each built-in scenario run to battery empty: wall seconds per run, heap capped at 512 MB.")
    static final class Scenarios extends JmhCommand {
        @Override
        void run(PrintWriter out) {
            new ScenarioBench(forks, warmups, iterations).run(out);
        }
    }

    @Command(name = "functional", mixinStandardHelpOptions = true,
            description = {"The host's tokens/s decoding a full-size Qwen2-0.5B-shaped Q4_0 model functionally (generated",
                    "weights), against a streaming read measured in the same run with the same threads, and with",
                    "--reference against llama.cpp's decode of the same file."})
    static final class FunctionalDecode implements Callable<Integer> {
        @Option(names = "--threads", defaultValue = "2", description = "Kernel threads (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--tokens", defaultValue = "32", description = "Tokens measured (default: ${DEFAULT-VALUE}).")
        int tokens;
        @Option(names = "--reference", paramLabel = "DIR", description = "A folder with llama.cpp's greedy harness"
                + " (bench/ggml-reference/build-harness.sh DIR): llama.cpp's tokens/s on the same file, prompt and threads.")
        java.nio.file.Path reference;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (threads < 1 || tokens < 1) {
                throw new ParameterException(spec.commandLine(), "--threads and --tokens must be >= 1");
            }
            new org.nanomind.cli.bench.FunctionalBench(threads, tokens, reference).run(spec.commandLine().getOut());
            return 0;
        }
    }
}
