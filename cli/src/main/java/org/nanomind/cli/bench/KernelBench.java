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

    public KernelBench(int forks, int warmups, int iterations) {
        this.jmh = new Jmh(forks, warmups, iterations, 1);
    }

    private record Case(String spec, String label) {
        long weightBytes() {
            String[] p = spec.split(":");
            return GgmlType.valueOf(p[0]).bytesFor(Long.parseLong(p[1]) * Long.parseLong(p[2]));
        }
    }

    public void run(PrintWriter out) {
        out.println("kernel benchmark: " + jmh.describe() + "; " + KernelBenchmarks.THREADS + " threads");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("Q4_0:4096:4096:vector", "Q4_0 GEMV 4096x4096, Vector API"),
                new Case("Q4_0:2048:8192:vector", "Q4_0 GEMV 2048x8192, Vector API"),
                new Case("Q8_0:4096:4096:vector", "Q8_0 GEMV 4096x4096, Vector API"),
                new Case("Q8_0:2048:8192:vector", "Q8_0 GEMV 2048x8192, Vector API"),
                new Case("Q4_0:8192:8192:vector", "Q4_0 GEMV 8192x8192, Vector API"),
                new Case("Q4_0:4096:4096:scalar", "Q4_0 GEMV 4096x4096, scalar reference")));
        String device;
        try (OpenCl cl = OpenCl.open()) {
            device = cl.deviceName();
            cases.add(new Case("Q4_0:4096:4096:opencl", "Q4_0 GEMV 4096x4096, OpenCL"));
        } catch (OpenClUnavailableException e) {
            device = null;
            out.println("OpenCL row skipped: " + e.getMessage());
        }

        Jmh.Score stream = jmh.measure(out, KernelBenchmarks.class, "streamRead",
                "streaming read of a 1 GiB long[] (plain Java loop)", "3g");
        double streamGbs = (double) KernelBenchmarks.STREAM_LONGS * 8 / stream.mean() / 1e9;
        List<String> rows = new ArrayList<>();
        for (Case c : cases) {
            Jmh.Score s = jmh.measure(out, KernelBenchmarks.class, "gemv", c.label(), "1g", Map.of("spec", c.spec()));
            double gbs = c.weightBytes() / s.mean() / 1e9;
            rows.add(String.format("%-42s %9.1f %10.2f %12s", c.label(), c.weightBytes() / 1e6, gbs, String.format("%.2f", gbs / streamGbs)));
        }
        out.println();
        out.printf("%-42s %9s %10s %12s%n", "measure", "MB", "GB/s", "/ stream");
        out.printf("%-42s %9.1f %10.2f %12s%n", "streaming read, plain Java loop", KernelBenchmarks.STREAM_LONGS * 8 / 1e6,
                streamGbs, "1.00");
        rows.forEach(out::println);
        out.println("target: the Vector API Q4_0 GEMV >= 0.7 of the streaming read (goal 0.85)");
        if (device != null) {
            out.println("OpenCL device: " + device);
        }
        out.println("note: a matrix smaller than the last-level cache can be read from it, not from DRAM, and beat the stream");
        out.flush();
    }
}
