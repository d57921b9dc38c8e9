package org.nanomind.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nanomind.kernels.GgmlType;

/**
 * ggml's GEMV as the anchor of the kernel benchmark: bench/ggml-reference/mulmat.c, built against libggml from
 * node-llama-cpp's bundle (bench/ggml-reference/build-harness.sh), run on the same shape and thread count as the
 * Java kernel it is set beside. A measuring tool: the product never loads ggml.
 */
record GgmlReference(Path binary) {
    static GgmlReference in(Path dir) {
        Path b = dir.resolve("mulmat");
        if (!Files.isExecutable(b)) {
            throw new IllegalArgumentException(b + " is not there or not executable: build it with bench/ggml-reference/build-harness.sh DIR");
        }
        return new GgmlReference(b);
    }

    /** The median seconds of ggml's product for {@code type} at rows x cols with {@code threads} threads. */
    double seconds(GgmlType type, int rows, int cols, int threads) {
        String out = run(new ProcessBuilder(List.of(binary.toString(), type.name().toLowerCase(java.util.Locale.ROOT),
                Integer.toString(rows), Integer.toString(cols), Integer.toString(threads), "15")).redirectErrorStream(true));
        return Double.parseDouble(out.strip().split("\\s+")[0]);
    }

    /**
     * Runs a reference harness (ggml's mulmat, llama.cpp's greedy) and returns what it printed; a failure to start or a
     * non-zero exit is an IllegalStateException with that output. ggml's OpenMP barrier spins by default, which
     * collapses on a loaded 2-core machine (issue 17), so the harness waits passively.
     */
    static String run(ProcessBuilder pb) {
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        String binary = pb.command().getFirst();
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(binary + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The machine's last-level cache in bytes, as it reports it (getconf LEVEL3_CACHE_SIZE, else LEVEL2), or 0.
     * A virtual machine may report its host's: the figure is printed, not assumed.
     */
    static long lastLevelCache() {
        for (String level : List.of("LEVEL3_CACHE_SIZE", "LEVEL2_CACHE_SIZE")) {
            try {
                Process p = new ProcessBuilder("getconf", level).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor() == 0 && out.matches("\\d+") && Long.parseLong(out) > 0) {
                    return Long.parseLong(out);
                }
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }
}
