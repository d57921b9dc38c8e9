package org.nanomind.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A run's summary.json as a reader wants it: the figures a user asks first (battery life, energy per query,
 * latency), then the rest in groups, each value with its unit and as many digits as mean something
 * ({@code 24.02 h}, {@code 86,459 s}, {@code 2,524 J (10.2 %)}). The console after `nanomind run` and the
 * report's summary print this same view, so the two never disagree. A figure that does not exist (null in
 * summary.json) reads "none" with the reason.
 */
public final class SummaryView {
    /** One figure: what it is and its value as text, with its unit. */
    public record Row(String label, String value) {
    }

    /** Figures that belong together, under a title. */
    public record Group(String title, List<Row> rows) {
        public Group {
            rows = List.copyOf(rows);
        }
    }

    private SummaryView() {
    }

    /** The groups of {@code summary} (the JSON `nanomind run` writes), the headline first. */
    public static List<Group> of(JsonNode summary) {
        List<Group> g = new ArrayList<>();
        JsonNode lat = summary.path("latency_s");
        double hours = summary.path("simulated_s").asDouble(Double.NaN) / 3600;
        g.add(new Group("At a glance", List.of(
                new Row("battery life", summary.path("battery_hours").isNumber()
                        ? hours(summary.path("battery_hours").asDouble()) : "not empty after " + hours(hours) + " simulated"),
                new Row("energy per query", value(summary.path("energy_per_query_j"), "J", "no event answered")),
                new Row("latency p50 / p95", value(lat.path("p50"), "s", "no event answered")
                        + (lat.path("p95").isNumber() ? " / " + number(lat.path("p95").asDouble()) + " s" : "")),
                new Row("average power", value(summary.path("average_power_w"), "W", "")))));
        g.add(new Group("Time", List.of(
                new Row("simulated", number(summary.path("simulated_s").asDouble()) + " s (" + hours(hours) + ")"),
                new Row("events simulated", number(summary.path("events").asDouble())),
                new Row("wall time", value(summary.path("wall_s"), "s", "")))));
        g.add(new Group("Energy by component", energy(summary.path("energy_j"))));
        List<Row> latency = new ArrayList<>(List.of(new Row("queries answered", number(summary.path("queries").asDouble()))));
        for (String q : List.of("p50", "p95", "max")) {
            latency.add(new Row("latency " + q, value(lat.path(q), "s", "no event answered")));
        }
        latency.add(new Row("decode", value(summary.path("decode_tokens_per_s"), "tokens/s", "no decoder")
                + (summary.path("decode_bound_tokens_per_s").isNumber()
                ? " (DRAM bound " + number(summary.path("decode_bound_tokens_per_s").asDouble()) + ")" : "")));
        g.add(new Group("Latency", latency));
        g.add(new Group("Memory", List.of(
                new Row("peak in use", value(summary.path("peak_memory_mb"), "MB", "")),
                new Row("peak on the GPU", value(summary.path("peak_gpu_memory_mb"), "MB", "")))));
        List<Row> busy = new ArrayList<>();
        summary.path("busy_percent").properties().forEach(e -> busy.add(new Row(e.getKey(), value(e.getValue(), "%", ""))));
        if (!busy.isEmpty()) {
            g.add(new Group("Busy while answering", busy));
        }
        JsonNode acc = summary.path("accuracy");
        List<Row> accuracy = new ArrayList<>();
        if (acc.path("kld").isNumber()) {
            accuracy.add(new Row("KL divergence a token", number(acc.path("kld").asDouble())));
        }
        if (acc.path("delta_ppl").isNumber()) {
            accuracy.add(new Row("perplexity change", percent(acc.path("delta_ppl").asDouble())));
        }
        if (!accuracy.isEmpty()) {
            g.add(new Group("Accuracy (quantization)", accuracy));
        }
        JsonNode failures = summary.path("failures");
        if (failures.isArray() && !failures.isEmpty()) {
            g.add(new Group("Failures", List.of(new Row("events failed", number(failures.size())),
                    new Row("first", failures.get(0).asString()))));
        }
        return g;
    }

    private static List<Row> energy(JsonNode e) {
        double total = e.path("total").asDouble(Double.NaN);
        List<Row> rows = new ArrayList<>(List.of(new Row("total", value(e.path("total"), "J", ""))));
        e.properties().forEach(c -> {
            if (!c.getKey().equals("total") && c.getValue().isNumber()) {
                double v = c.getValue().asDouble();
                rows.add(new Row(c.getKey(), number(v) + " J (" + percent(v / total) + ")"));
            }
        });
        return rows;
    }

    /** The view of the summary.json in {@code dir} (a run's output folder) as aligned text. */
    public static String text(java.nio.file.Path dir) {
        return text(of(RunFiles.summary(dir)));
    }

    /** The groups as aligned text: a title line, then one indented figure a line, values in one column. */
    public static String text(List<Group> groups) {
        int width = groups.stream().flatMap(g -> g.rows().stream()).mapToInt(r -> r.label().length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (Group g : groups) {
            b.append(g.title()).append('\n');
            for (Row r : g.rows()) {
                b.append("  ").append(r.label()).append(" ".repeat(width - r.label().length() + 2)).append(r.value()).append('\n');
            }
        }
        return b.toString();
    }

    private static String value(JsonNode n, String unit, String whyMissing) {
        if (!n.isNumber()) {
            return whyMissing.isEmpty() ? "none" : "none (" + whyMissing + ")";
        }
        return unit.equals("%") ? percent(n.asDouble() / 100) : number(n.asDouble()) + " " + unit;
    }

    /** A share as a percentage with one decimal: 0.1023 is "10.2 %". */
    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", 100 * share) : "none";
    }

    private static String hours(double h) {
        return Double.isNaN(h) ? "none" : number(h) + " h";
    }

    /**
     * A number as a reader wants it: thousands grouped from 1,000 on (no decimals), else four significant
     * digits with trailing zeros dropped; never scientific notation.
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "none";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4));
        String s = d.toPlainString();
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
