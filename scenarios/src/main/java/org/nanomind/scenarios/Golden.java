package org.nanomind.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A golden summary of a scenario: the figures a policy is expected to give. Runs are bit-identical, so a
 * figure is exact unless the golden gives it a relative tolerance together with the written reason for it.
 * A run that moves any figure fails the policy regression suite, with a table of what moved and by how much
 * (docs/policy-regression.md), and the golden's history: each deliberate move, when, why, and what it moved.
 */
public record Golden(String scenario, long seed, Map<String, Expected> fields, List<Move> history) {
    public Golden {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        history = List.copyOf(history);
    }

    /** A deliberate re-bless: the date, the reason written for it, and each figure that moved (old -> new). */
    public record Move(String date, String reason, List<String> moved) {
        public Move {
            moved = List.copyOf(moved);
        }
    }

    /** This golden with new figures, its history kept and {@code move} added when anything moved. */
    public Golden blessed(Map<String, Expected> now, Move move) {
        List<Move> h = new ArrayList<>(history);
        if (!move.moved().isEmpty()) {
            h.add(move);
        }
        return new Golden(scenario, seed, now, h);
    }

    /** The history as text, for a failing regression test. */
    public String historyText() {
        StringBuilder b = new StringBuilder(history.isEmpty() ? "" : "history of this golden:\n");
        for (Move m : history) {
            b.append(String.format("  %s (%d figures): %s%n", m.date(), m.moved().size(), m.reason()));
        }
        return b.toString();
    }

    /**
     * A figure and how far, relative to it, a run may move it: 0 (exact, bit for bit) unless {@code reason}
     * says why the figure may move.
     */
    public record Expected(double value, double tolerance, String reason) {
        public Expected {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("a tolerance is within [0, 1), got " + tolerance);
            }
            reason = reason == null ? "" : reason.strip();
            if (tolerance > 0 && reason.isEmpty()) {
                throw new IllegalArgumentException("a figure with a tolerance needs the written reason for it");
            }
        }

        /** A figure a run must give bit for bit. */
        public static Expected exact(double value) {
            return new Expected(value, 0, "");
        }

        /** This figure's tolerance and reason with another value. */
        Expected withValue(double v) {
            return new Expected(v, tolerance, reason);
        }

        boolean holds(double now) {
            if (Double.isNaN(now) || Double.isNaN(value)) {
                return Double.isNaN(now) && Double.isNaN(value);
            }
            return tolerance == 0 ? Double.compare(now, value) == 0 : Math.abs(now - value) <= tolerance * Math.abs(value);
        }
    }

    /** A figure that moved beyond its tolerance. */
    public record Deviation(String field, double golden, double now, double tolerance) {
        double change() {
            return golden == 0 ? (now == 0 ? 0 : Double.POSITIVE_INFINITY) : (now - golden) / Math.abs(golden);
        }
    }

    /** The figures of every variant of a comparison, each prefixed by the variant's name. */
    public static Map<String, Double> figures(Comparison c) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < c.variants().size(); i++) {
            String v = c.variants().get(i);
            c.summaries().get(i).figures().forEach((k, x) -> f.put(v + "." + k, x));
        }
        return f;
    }

    /** Runs {@code sc} (all its variants, if it has some) and returns the figures a golden keeps of it. */
    public static Map<String, Double> measure(Scenario sc) {
        return sc.variants().isEmpty() ? Runner.run(sc, null, null).figures() : figures(Comparison.run(sc, null, null));
    }

    /** A golden of {@code s}, every figure exact. */
    public static Golden of(Summary s, String scenario) {
        return of(s.figures(), scenario, s.seed());
    }

    /** A golden of measured {@code figures}, every figure exact. */
    public static Golden of(Map<String, Double> figures, String scenario, long seed) {
        Map<String, Expected> f = new LinkedHashMap<>();
        figures.forEach((k, v) -> f.put(k, Expected.exact(v)));
        return new Golden(scenario, seed, f, List.of());
    }

    /**
     * The golden {@code now} blesses in place of this one: its figures, each keeping this golden's tolerance
     * and reason (a figure new to the golden is exact).
     */
    public Map<String, Expected> rebless(Map<String, Double> now) {
        Map<String, Expected> f = new LinkedHashMap<>();
        now.forEach((k, v) -> f.put(k, fields.containsKey(k) ? fields.get(k).withValue(v) : Expected.exact(v)));
        return f;
    }

    /** The figures of {@code s} that moved beyond their tolerance (a figure that became NaN moved too). */
    public List<Deviation> compare(Summary s) {
        return compare(s.figures());
    }

    /** The figures of {@code now} that moved beyond their tolerance (a figure missing or now NaN moved too). */
    public List<Deviation> compare(Map<String, Double> now) {
        List<Deviation> out = new ArrayList<>();
        fields.forEach((k, e) -> {
            Double v = now.get(k);
            double value = v == null ? Double.NaN : v;
            if (!e.holds(value)) {
                out.add(new Deviation(k, e.value(), value, e.tolerance()));
            }
        });
        return out;
    }

    /** What moved, as a table. */
    public static String table(String scenario, List<Deviation> moved) {
        StringBuilder b = new StringBuilder(String.format("%s: %d figure(s) moved%n", scenario, moved.size()));
        b.append(String.format("%-40s %22s %22s %10s %10s%n", "field", "golden", "now", "change", "tolerance"));
        for (Deviation d : moved) {
            // Full precision: a figure that moved in its 17th digit must not print as unchanged.
            b.append(String.format(java.util.Locale.ROOT, "%-40s %22s %22s %9.3g%% %10s%n", d.field(), Double.toString(d.golden()),
                    Double.toString(d.now()), 100 * d.change(),
                    d.tolerance() == 0 ? "exact" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * d.tolerance())));
        }
        return b.toString();
    }

    public static Golden read(Path file) {
        try {
            JsonNode j = new ObjectMapper().readTree(Files.readString(file));
            Map<String, Expected> f = new LinkedHashMap<>();
            JsonNode fields = j.get("fields");
            if (fields == null || !fields.isObject() || !j.has("scenario") || !j.has("seed")) {
                throw new InputException(file.toString(), 0, 0, "", "a golden needs scenario, seed and fields");
            }
            for (String k : fields.propertyNames()) {
                JsonNode e = fields.get(k);
                f.put(k, expected(file, k, e));
            }
            List<Move> history = new ArrayList<>();
            for (JsonNode m : j.has("history") ? j.get("history") : new ObjectMapper().createArrayNode()) {
                if (!m.has("date") || !m.has("reason") || m.get("reason").asString().isBlank() || !m.has("moved")) {
                    throw new InputException(file.toString(), 0, 0, "history", "each entry needs a date, a reason and what moved");
                }
                List<String> moved = new ArrayList<>();
                m.get("moved").forEach(x -> moved.add(x.asString()));
                history.add(new Move(m.get("date").asString(), m.get("reason").asString(), moved));
            }
            return new Golden(j.get("scenario").asString(), j.get("seed").asLong(), f, history);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(file.toString(), 0, 0, "", "cannot read the golden file: " + e.getMessage());
        }
    }

    /** A figure as the file gives it: exact unless it has a tolerance and a tolerance_reason. */
    private static Expected expected(Path file, String k, JsonNode e) {
        for (String key : e.propertyNames()) {
            if (!List.of("value", "tolerance", "tolerance_reason").contains(key)) {
                throw new InputException(file.toString(), 0, 0, "fields." + k + "." + key, "unknown key; allowed: value, tolerance, tolerance_reason");
            }
        }
        if (!e.has("value") || !(e.get("value").isNumber() || e.get("value").isNull())) {
            throw new InputException(file.toString(), 0, 0, "fields." + k, "needs a value (a number, or null for NaN)");
        }
        double tolerance = e.has("tolerance") ? e.get("tolerance").asDouble() : 0;
        String reason = e.has("tolerance_reason") ? e.get("tolerance_reason").asString() : "";
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new InputException(file.toString(), 0, 0, "fields." + k + ".tolerance", "a relative tolerance within [0, 1), got " + tolerance);
        }
        if (tolerance > 0 && reason.isBlank()) {
            throw new InputException(file.toString(), 0, 0, "fields." + k + ".tolerance_reason",
                    "a figure is exact unless its tolerance comes with the written reason for it (tolerance_reason)");
        }
        return new Expected(e.get("value").isNull() ? Double.NaN : e.get("value").asDouble(), tolerance, reason);
    }

    public void write(Path file) throws IOException {
        ObjectMapper m = JsonFiles.INDENTED;
        ObjectNode root = m.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        ObjectNode f = root.putObject("fields");
        fields.forEach((k, e) -> {
            ObjectNode n = f.putObject(k);
            if (Double.isNaN(e.value())) {
                n.putNull("value");
            } else {
                n.put("value", e.value());
            }
            if (e.tolerance() > 0) {
                n.put("tolerance", e.tolerance());
                n.put("tolerance_reason", e.reason());
            }
        });
        var h = root.putArray("history");
        for (Move mv : history) {
            ObjectNode n = h.addObject();
            n.put("date", mv.date());
            n.put("reason", mv.reason());
            var moved = n.putArray("moved");
            mv.moved().forEach(moved::add);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, m.writeValueAsString(root) + "\n");
    }
}
