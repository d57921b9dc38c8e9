package org.nanomind.soc.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second way to count a .param file's multiply-accumulates, sharing nothing with the importer: each
 * convolution applies its weight_data_size weights at every output pixel (read from the file's shape
 * hints), each inner product applies its weights once per output row. Files without hints for a layer
 * count from the layer's input hint instead.
 */
final class HintCount {
    private HintCount() {
    }

    static long macs(Path param) throws IOException {
        long total = 0;
        java.util.Map<String, long[]> shapes = new java.util.HashMap<>();
        for (String line : Files.readAllLines(param).subList(2, Files.readAllLines(param).size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            int nin = Integer.parseInt(f[2]);
            int nout = Integer.parseInt(f[3]);
            long weights = 0;
            long[] hint = null;
            String top = nout > 0 ? f[4 + nin] : "";
            for (int i = 4 + nin + nout; i < f.length; i++) {
                String[] kv = f[i].split("=");
                if (kv[0].equals("-23330")) {
                    String[] v = kv[1].split(",");
                    hint = new long[] {Long.parseLong(v[1]), Long.parseLong(v[2]), Long.parseLong(v[3]), Long.parseLong(v[4])};
                    for (int t = 0; t < nout && 4 * t + 4 < v.length; t++) {
                        shapes.put(f[4 + nin + t], new long[] {Long.parseLong(v[4 * t + 1]), Long.parseLong(v[4 * t + 2]),
                                Long.parseLong(v[4 * t + 3]), Long.parseLong(v[4 * t + 4])});
                    }
                }
                boolean conv = f[0].startsWith("Convolution") || f[0].startsWith("Deconvolution");
                if (conv && kv[0].equals("6") || f[0].equals("InnerProduct") && kv[0].equals("2")) {
                    weights = Long.parseLong(kv[1]);
                }
            }
            if (weights == 0) {
                continue;
            }
            long[] out = hint != null ? hint : shapes.get(top);
            if (f[0].startsWith("Convolution")) {
                total += weights * out[1] * (out[0] >= 2 ? out[2] : 1); // dims, w, h, c: pixels = w x h
            } else if (f[0].startsWith("Deconvolution")) {
                long[] in = shapes.get(f[4]);
                total += weights * in[1] * in[2];
            } else {
                total += weights * (out[0] == 2 ? out[2] : 1);
            }
        }
        return total;
    }
}
