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
 * A golden summary of a scenario: the figures a policy is expected to give, each with a relative
 * tolerance. A run that moves any of them further fails the policy regression suite, with a table of
 * what moved and by how much (docs/policy-regression.md).
 */
public record Golden(String scenario, long seed, Map<String, Expected> fields) {
    public Golden {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A figure and how far, relative to it, a run may move it. */
    public record Expected(double value, double tolerance) {
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

    /** A golden of {@code s} with one relative tolerance for every figure. */
    public static Golden of(Summary s, String scenario, double tolerance) {
        return of(s.figures(), scenario, s.seed(), tolerance);
    }

    /** A golden of measured {@code figures} with one relative tolerance for every figure. */
    public static Golden of(Map<String, Double> figures, String scenario, long seed, double tolerance) {
        Map<String, Expected> f = new LinkedHashMap<>();
        figures.forEach((k, v) -> f.put(k, new Expected(v, tolerance)));
        return new Golden(scenario, seed, f);
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
            boolean bothNaN = Double.isNaN(value) && Double.isNaN(e.value());
            if (!bothNaN && !(Math.abs(value - e.value()) <= e.tolerance() * Math.abs(e.value()))) {
                out.add(new Deviation(k, e.value(), value, e.tolerance()));
            }
        });
        return out;
    }

    /** What moved, as a table. */
    public static String table(String scenario, List<Deviation> moved) {
        StringBuilder b = new StringBuilder(String.format("%s: %d figure(s) moved beyond tolerance%n", scenario, moved.size()));
        b.append(String.format("%-40s %14s %14s %10s %10s%n", "field", "golden", "now", "change", "tolerance"));
        for (Deviation d : moved) {
            b.append(String.format("%-40s %14.6g %14.6g %9.2f%% %9.2f%%%n", d.field(), d.golden(), d.now(), 100 * d.change(),
                    100 * d.tolerance()));
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
                if (!e.has("value") || !e.has("tolerance") || !(e.get("tolerance").asDouble() >= 0)) {
                    throw new InputException(file.toString(), 0, 0, "fields." + k, "needs a value and a tolerance >= 0");
                }
                f.put(k, new Expected(e.get("value").isNull() ? Double.NaN : e.get("value").asDouble(), e.get("tolerance").asDouble()));
            }
            return new Golden(j.get("scenario").asString(), j.get("seed").asLong(), f);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(file.toString(), 0, 0, "", "cannot read the golden file: " + e.getMessage());
        }
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
            n.put("tolerance", e.tolerance());
        });
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, m.writeValueAsString(root) + "\n");
    }
}
