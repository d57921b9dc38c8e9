package org.nanomind.scenarios.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.Precision;
import org.nanomind.soc.cost.Board;
import org.nanomind.soc.cost.Lowering;
import org.nanomind.soc.graph.Families;
import org.nanomind.soc.graph.Graph;
import org.nanomind.soc.graph.NcnnParam;
import org.nanomind.soc.graph.Shape;

/**
 * Turns measurements into cases. A row is expressible when the twin has its model's graph (a .param in the
 * models folder with its input in inputs.csv), a runtime for its framework on its unit, and its board's
 * clocks; memory-bandwidth rows need only the board. Every other row is listed with the reason.
 */
final class Cases {
    private final Path models;
    private final Platform platform;
    private final Map<String, Shape> inputs = new HashMap<>();
    private final Map<String, Graph> graphs = new HashMap<>();

    Cases(Path models, Platform platform) {
        this.models = models;
        this.platform = platform;
        if (!Files.isDirectory(models)) {
            throw new InputException(models.toString(), 0, 0, "--models", "no such folder of model graphs (.param files and"
                    + " inputs.csv; by default ncnn-models/ beside the measurements)");
        }
        Path csv = models.resolve("inputs.csv");
        if (Files.exists(csv)) {
            try {
                List<String> lines = Files.readAllLines(csv);
                for (int i = 1; i < lines.size(); i++) {
                    String[] f = lines.get(i).split(",");
                    if (f.length != 4) {
                        throw new InputException(csv.toString(), i + 1, 1, "", "a row is model,width,height,channels");
                    }
                    try {
                        inputs.put(f[0], Shape.of(Integer.parseInt(f[3].strip()), Integer.parseInt(f[2].strip()),
                                Integer.parseInt(f[1].strip())));
                    } catch (IllegalArgumentException e) {
                        throw new InputException(csv.toString(), i + 1, 1, "", "width, height and channels must be positive integers: "
                                + e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new InputException(csv.toString(), 0, 0, "", "cannot read: " + e.getMessage());
            }
        }
    }

    Case of(Measurement m) {
        String fw = m.framework().toLowerCase(Locale.ROOT);
        Optional<Board> board = platform.board(m.board());
        switch (m.metric()) {
            case "latency_ns" -> {
                return no(m, "random-access latency: the twin models DRAM bandwidth and its sharing, not access latency");
            }
            case "score" -> {
                return no(m, "a CPU benchmark score (7-zip MIPS, Geekbench) measures no workload the twin models");
            }
            case "info" -> {
                return no(m, "a note about the board (clocks, OPPs), not a measurement; the board variants use it");
            }
            case "watts" -> {
                return no(m, "a power difference over a workload the source does not state (a handheld's games): the twin"
                        + " predicts power for a workload it runs, not for an unknown one");
            }
            default -> { }
        }
        boolean latency = m.metric().equals("latency_ms") || m.metric().equals("fps");
        Path param = models.resolve(m.model() + ".param");
        // Built-in graphs are built once per model and input, as the ncnn files are read once per model.
        Optional<Graph> builtin = !Families.knows(m.model()) ? Optional.empty()
                : Families.input(m.input()).map(in -> graphs.computeIfAbsent(m.model() + " " + in,
                        k -> Families.named(m.model(), in).orElseThrow()));
        if (latency && builtin.isEmpty() && (!Files.exists(param) || !inputs.containsKey(m.model()))) {
            return no(m, "no graph of " + m.model() + " (" + (Files.exists(param) ? "its input is not in inputs.csv"
                    : "no " + m.model() + ".param in " + models) + ")" + (fw.contains("rknn")
                    ? ": rknn_model_zoo fetches its ONNX files at run time, and the twin has no built-in definition of this family yet" : ""));
        }
        if (board.isEmpty()) {
            return no(m, "board '" + m.board() + "' is not among the platform's board variants (its clocks are not stated)");
        }
        Platform on = platform.on(board.get());
        if (m.metric().equals("mem_MBps")) {
            String what = m.model().toLowerCase(Locale.ROOT);
            return what.startsWith("memcpy") ? new Case.Memory(m, true, board.get(), on)
                    : what.startsWith("memset") ? new Case.Memory(m, false, board.get(), on)
                    : no(m, "a memory benchmark other than memcpy and memset");
        }
        if (!latency) {
            return no(m, "metric '" + m.metric() + "' is not one the twin predicts");
        }
        String runtime = version(fw.contains("ncnn") ? (m.unit().equals("gpu") ? "ncnn-vulkan" : m.unit().equals("cpu") ? "ncnn" : "")
                : fw.contains("rknn") ? "rknn" : "", m.published());
        if (runtime.isEmpty() || !platform.runtimes().containsKey(runtime)) {
            return no(m, "no runtime for " + m.framework() + " on the " + m.unit() + " in platform " + platform.name());
        }
        Graph g = builtin.isPresent() ? builtin.get()
                : graphs.computeIfAbsent(m.model(), k -> NcnnParam.load(param, List.of(inputs.get(k))));
        int threads = m.threads().isBlank() ? 1 : Integer.parseInt(m.threads().strip());
        double seconds = m.metric().equals("fps") ? 1 / m.value() : m.value() / 1e3;
        // An ncnn INT8 graph marks its quantized layers; an RKNN model is quantized whole.
        boolean wholeInt8 = builtin.isPresent() && m.precision().toUpperCase(Locale.ROOT).startsWith("INT8");
        String precision = m.model().endsWith("_int8") || wholeInt8 ? "INT8" : "FP32";
        List<Lowering.Placed> steps = Lowering.place(g, wholeInt8 ? Precision.INT8 : Precision.FP32, runtime, on, threads);
        return new Case.Inference(m, Families.family(m.model()), runtime, precision, board.get(), on, steps, seconds);
    }

    /**
     * The version of runtime {@code family} a measurement published on {@code date} ran: of the runtimes named
     * {@code family} or {@code family@...}, the one with the latest {@code since} on or before the date (the
     * newest when the date is unknown).
     */
    private String version(String family, String date) {
        String best = "";
        String bestSince = "";
        for (var r : platform.runtimes().values()) {
            boolean member = r.name().equals(family) || r.name().startsWith(family + "@");
            boolean released = date.isEmpty() || r.since().compareTo(date) <= 0;
            if (member && released && (best.isEmpty() || r.since().compareTo(bestSince) > 0)) {
                best = r.name();
                bestSince = r.since();
            }
        }
        return best;
    }

    private static Case no(Measurement m, String reason) {
        return new Case.NotExpressible(m, reason);
    }
}
