package org.nanomind.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a run wrote, read back for its report: summary.json, scenario.yaml, and where they exist
 * series.csv, queries.csv and timeline.csv (null when the scenario did not ask for them).
 */
record RunFiles(Path dir, JsonNode summary, String scenarioText, Csv series, Csv queries, Csv timeline) {

    static final List<String> COMPONENTS = List.of("cpu", "gpu", "npu", "dram", "peripherals", "board");

    static RunFiles read(Path dir) {
        JsonNode s = summary(dir);
        Path sc = dir.resolve("scenario.yaml");
        String text;
        try {
            text = Files.exists(sc) ? Files.readString(sc) : "";
        } catch (IOException | RuntimeException e) {
            throw new InputException(sc.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
        return new RunFiles(dir, s, text, optional(dir.resolve("series.csv")), optional(dir.resolve("queries.csv")),
                optional(dir.resolve("timeline.csv")));
    }

    /** A run's summary.json alone (the console's summary needs nothing else of the folder). */
    static JsonNode summary(Path dir) {
        Path summary = dir.resolve("summary.json");
        if (!Files.exists(summary)) {
            throw new InputException(dir.toString(), 0, 0, "", "no summary.json here: not the output of `nanomind run`");
        }
        try {
            return new ObjectMapper().readTree(Files.readString(summary));
        } catch (IOException | RuntimeException e) {
            throw new InputException(summary.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static Csv optional(Path file) {
        return Files.exists(file) ? Csv.read(file) : null;
    }

    String scenario() {
        return summary.path("scenario").asString("?");
    }

    /** The summary's figures as label -> text, in the order summary.json has them, nested ones flattened. */
    Map<String, String> figures() {
        Map<String, String> f = new LinkedHashMap<>();
        flatten("", summary, f);
        return f;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (String k : n.propertyNames()) {
                flatten(prefix.isEmpty() ? k : prefix + "." + k, n.get(k), out);
            }
        } else if (n.isArray()) {
            out.put(prefix, n.isEmpty() ? "none" : n.size() + (n.get(0).isValueNode() ? ": " + n.get(0).asString() : " lists"));
        } else if (n.isNull()) {
            out.put(prefix, "-");
        } else if (n.isNumber()) {
            out.put(prefix, HtmlReport.number(Double.toString(n.asDouble())));
        } else {
            out.put(prefix, n.asString());
        }
    }
}
