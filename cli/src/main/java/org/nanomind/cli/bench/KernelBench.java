package org.nanomind.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.OpenCl;
import org.nanomind.kernels.OpenClUnavailableException;

/**
 * Runs {@link KernelBenchmarks} and prints GB/s of weight bytes streamed by each GEMV, against this
 * machine's streaming-read bandwidth measured in the same run with the same two threads.
 */
public final class KernelBench {
    private final Jmh jmh;
    private final java.nio.file.Path reference;

    /** {@code reference}: a folder holding ggml's mulmat (bench/ggml-reference/build-harness.sh), or null for none. */
    public KernelBench(int forks, int warmups, int iterations, java.nio.file.Path reference) {
        this.jmh = new Jmh(forks, warmups, iterations, 1);
        this.reference = reference;
    }

    /**
     * A GEMV case: its weights' type and shape, the engine (vector; mixed: the Vector API after GEMVs of other types ran
     * in the same JVM, as in a model that mixes types; scalar; opencl), and its row label.
     */
    private record Case(GgmlType type, int rows, int cols, String engine, String label) {
        /** From "TYPE:ROWS:COLS:ENGINE", as KernelBenchmarks.Gemv takes it. */
        static Case of(String spec, String label) {
            String[] p = spec.split(":");
            return new Case(GgmlType.valueOf(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3], label);
        }

        String spec() {
            return type + ":" + rows + ":" + cols + ":" + engine;
        }

        boolean vector() {
            return engine.equals("vector") || engine.equals("mixed");
        }

        long weightBytes() {
            return type.bytesFor((long) rows * cols);
        }
    }

    public void run(PrintWriter out) {
        out.println("kernel benchmark: " + jmh.describe() + "; " + KernelBenchmarks.THREADS + " threads");
        List<Case> cases = new ArrayList<>(List.of(
                Case.of("Q4_0:4096:4096:vector", "Q4_0 GEMV 4096x4096, Vector API"),
                Case.of("Q4_0:2048:8192:vector", "Q4_0 GEMV 2048x8192, Vector API"),
                Case.of("Q8_0:4096:4096:vector", "Q8_0 GEMV 4096x4096, Vector API"),
                Case.of("Q8_0:2048:8192:vector", "Q8_0 GEMV 2048x8192, Vector API"),
                Case.of("Q4_0:4096:4096:mixed", "Q4_0 GEMV 4096x4096, after F32, Q8_0 GEMVs"),
                Case.of("Q4_0:8192:8192:vector", "Q4_0 GEMV 8192x8192, Vector API"),
                Case.of("Q8_0:8192:8192:vector", "Q8_0 GEMV 8192x8192, Vector API"),
                Case.of("Q4_0:4096:4096:scalar", "Q4_0 GEMV 4096x4096, scalar reference")));
        long llc = GgmlReference.lastLevelCache();
        if (llc > 0 && llc > 128L << 20) {
            // The machine reports a cache larger than every shape above: add shapes beyond it, so that one is read from DRAM.
            cases.add(Case.of("Q4_0:32768:" + cols(GgmlType.Q4_0, 32768, llc) + ":vector", "Q4_0 GEMV beyond the reported cache"));
            cases.add(Case.of("Q8_0:16384:" + cols(GgmlType.Q8_0, 16384, llc) + ":vector", "Q8_0 GEMV beyond the reported cache"));
        }
        GgmlReference ggml = reference == null ? null : GgmlReference.in(reference);
        String device;
        try (OpenCl cl = OpenCl.open()) {
            device = cl.deviceName();
            cases.add(Case.of("Q4_0:4096:4096:opencl", "Q4_0 GEMV 4096x4096, OpenCL"));
        } catch (OpenClUnavailableException e) {
            device = null;
            out.println("OpenCL row skipped: " + e.getMessage());
        }

        double gib = (double) KernelBenchmarks.STREAM_LONGS * 8;
        double plainGbs = gib / jmh.measure(out, KernelBenchmarks.class, "streamRead", "streaming read of a 1 GiB long[] (plain Java loop)",
                "3g").mean() / 1e9;
        double vectorGbs = gib / jmh.measure(out, KernelBenchmarks.class, "streamReadVector",
                "streaming read of 1 GiB off the heap (Vector API)", "3g").mean() / 1e9;
        double streamGbs = Math.max(plainGbs, vectorGbs); // the honest roofline: the faster of the two
        List<String> rows = new ArrayList<>();
        for (Case c : cases) {
            double before = ggml != null && c.vector() ? ggml.seconds(c.type(), c.rows(), c.cols(), KernelBenchmarks.THREADS) : Double.NaN;
            Jmh.Score s = jmh.measure(out, KernelBenchmarks.class, "gemv", c.label(), c.weightBytes() > 256L << 20 ? "3g" : "1g",
                    Map.of("spec", c.spec()));
            // ggml just before and just after the Java kernel, on the same shape and threads: the machine's noise shared.
            double after = ggml != null && c.vector() ? ggml.seconds(c.type(), c.rows(), c.cols(), KernelBenchmarks.THREADS) : Double.NaN;
            double gbs = c.weightBytes() / s.mean() / 1e9;
            double ggmlSeconds = (before + after) / 2;
            rows.add(String.format("%-42s %9.1f %4s %10.2f %9.2f %9s %8s", c.label(), c.weightBytes() / 1e6,
                    llc > 0 && c.weightBytes() > llc ? "> " : "< ", gbs, gbs / streamGbs,
                    Double.isNaN(ggmlSeconds) ? "-" : String.format("%.2f", c.weightBytes() / ggmlSeconds / 1e9),
                    Double.isNaN(ggmlSeconds) ? "-" : String.format("%.2f", ggmlSeconds / s.mean())));
        }
        out.println();
        out.printf("%-42s %9s %4s %10s %9s %9s %8s%n", "measure", "MB", "LLC", "GB/s", "/ stream", "ggml GB/s", "/ ggml");
        out.printf("%-42s %9.1f %4s %10.2f %9.2f%n", "streaming read, plain Java loop", gib / 1e6, "", plainGbs, plainGbs / streamGbs);
        out.printf("%-42s %9.1f %4s %10.2f %9.2f%n", "streaming read off the heap, Vector API", gib / 1e6, "", vectorGbs,
                vectorGbs / streamGbs);
        rows.forEach(out::println);
        out.printf("last-level cache as the machine reports it: %.1f MB (LLC column: the matrix is larger or smaller);"
                + " judge speed on the rows larger than it%n", llc / 1e6);
        out.println("\"/ stream\" is against the faster streaming read; \"/ ggml\" is ggml's time over the kernel's (1.00: as fast),"
                + " ggml measured just before and after each kernel, 2 threads, OMP_WAIT_POLICY=passive");
        out.println("targets (issue 17): Q4_0 GEMV >= 0.6 of ggml (goal 0.9), Q8_0 >= 0.8 (goal 1.0), on matrices larger than the cache");
        if (device != null) {
            out.println("OpenCL device: " + device);
        }
        out.flush();
    }

    /** Columns (a multiple of 256) that make a rows-row matrix of {@code type} about 1.2 times {@code bytes}. */
    private static int cols(GgmlType type, int rows, long bytes) {
        long perRow = (long) (bytes * 1.2 / rows);
        long c = perRow * type.blockSize() / type.typeSize();
        return (int) Math.min(Integer.MAX_VALUE / 4, (c + 255) / 256 * 256);
    }
}
