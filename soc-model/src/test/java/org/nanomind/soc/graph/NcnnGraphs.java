package org.nanomind.soc.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The calibration set's ncnn graphs with the inputs benchncnn feeds them, for tests. */
public final class NcnnGraphs {
    public static final Path MODELS = Path.of("../../shared/data/rk356x/ncnn-models");

    private NcnnGraphs() {
    }

    public static Graph load(String model) throws IOException {
        for (String line : Files.readAllLines(MODELS.resolve("inputs.csv")).subList(1, 28)) {
            String[] f = line.split(",");
            if (f[0].equals(model)) {
                Shape in = Shape.of(Integer.parseInt(f[3]), Integer.parseInt(f[2]), Integer.parseInt(f[1]));
                return NcnnParam.load(MODELS.resolve(model + ".param"), List.of(in));
            }
        }
        throw new IllegalArgumentException("no input for " + model + " in inputs.csv");
    }
}
