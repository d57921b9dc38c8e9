package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's results as rows of results.csv: the point, its seed, its axis values, the run's figures,
 * whether it meets the constraints, and the error that stopped it, if any. One function makes a point's
 * row, whichever engine calls it, so every engine writes the same bytes.
 */
public final class SweepRows {
    /** The figures of a run kept for each point, in column order; the accuracy proxies are empty unless the run is functional. */
    public static final List<String> FIGURES = List.of("battery_hours", "average_power_w", "energy_j.total", "energy_j.cpu",
            "energy_j.gpu", "energy_j.npu", "energy_j.dram", "energy_j.peripherals", "energy_j.board", "queries",
            "latency_s.p50", "latency_s.p95", "latency_s.max", "decode_tokens_per_s", "decode_bound_tokens_per_s",
            "energy_per_query_j", "peak_memory_mb", "peak_gpu_memory_mb", "busy_percent.gpu", "busy_percent.npu", "failures",
            "kld", "delta_ppl", "accuracy.vision.relative_error", "accuracy.vision.cosine", "accuracy.logits.relative_error",
            "accuracy.logits.cosine");

    private SweepRows() {
    }

    public static List<String> header(Sweep sw) {
        List<String> h = new ArrayList<>(List.of("point", "seed"));
        sw.axes().forEach(a -> h.add(a.field()));
        h.addAll(FIGURES);
        h.add("feasible");
        h.add("error");
        return h;
    }

    /** Runs point {@code i} and returns its row; a point whose scenario cannot run is a row with its error. */
    public static String row(Sweep sw, int i) {
        Map<String, Double> f = new LinkedHashMap<>();
        String error = "";
        try {
            f = figures(Runner.run(sw.scenario(i), null, null));
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(i));
        cells.add(Long.toString(sw.seed(i)));
        sw.values(i).values().forEach(v -> cells.add(String.valueOf(v)));
        boolean feasible = error.isEmpty();
        for (String name : FIGURES) {
            Double v = f.get(name);
            cells.add(v == null || Double.isNaN(v) ? "" : Double.toString(v));
        }
        for (Sweep.Constraint c : sw.constraints()) {
            Double v = f.get(c.field());
            feasible &= v != null && !Double.isNaN(v) && c.holds(v);
        }
        cells.add(Boolean.toString(feasible));
        cells.add(error);
        return String.join(",", cells.stream().map(SweepRows::quote).toList());
    }

    /** The run's figures; a unit the platform has no busy figure for counts as idle. */
    static Map<String, Double> figures(Summary s) {
        Map<String, Double> f = s.figures();
        f.putIfAbsent("busy_percent.gpu", 0.0);
        f.putIfAbsent("busy_percent.npu", 0.0);
        return f;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"").replace("\n", " ") + '"' : s;
    }

    /** Splits a row as {@link #row} writes it. */
    public static List<String> split(String line) {
        return CsvText.split(line);
    }
}
