package org.nanomind.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What the console and the report's summary print: grouped figures with units, readable digits, null as none. */
class SummaryViewTest {
    private static JsonNode json(String s) {
        return new ObjectMapper().readTree(s);
    }

    private static final String RUN = """
            {"scenario":"x","seed":1,"simulated_s":86459.38251317777,"battery_hours":24.01649514254938,
             "average_power_w":0.28608812855360477,
             "energy_j":{"total":24735.0,"cpu":2523.6,"gpu":3148.2,"npu":700.6,"dram":6957.0,"peripherals":3422.7,"board":7982.9},
             "queries":137,"latency_s":{"p50":43.86,"p95":70.09,"max":115.09},"decode_tokens_per_s":14.86,
             "decode_bound_tokens_per_s":16.52,"energy_per_query_j":59.24,"busy_percent":{"a55":7.853,"gpu":62.37},
             "peak_memory_mb":400.970752,"peak_gpu_memory_mb":299.737088,"events":123861,"failures":[],
             "accuracy":{"kld":null,"delta_ppl":null},"wall_s":2.4}
            """;

    private static Map<String, String> rows(List<SummaryView.Group> g, String title) {
        return g.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow().rows().stream()
                .collect(Collectors.toMap(SummaryView.Row::label, SummaryView.Row::value));
    }

    @Test
    void numbersHaveUnitsAndReadableDigitsNeverScientific() {
        assertEquals("86,459", SummaryView.number(86459.38251317777));
        assertEquals("24.02", SummaryView.number(24.01649514254938));
        assertEquals("0.2861", SummaryView.number(0.28608812855360477));
        assertEquals("0.00001234", SummaryView.number(1.234e-5));
        assertEquals("401", SummaryView.number(400.970752));
        assertEquals("10.2 %", SummaryView.percent(0.10203));
        List<SummaryView.Group> g = SummaryView.of(json(RUN));
        assertEquals("86,459 s (24.02 h)", rows(g, "Time").get("simulated"));
        assertEquals("14.86 tokens/s (DRAM bound 16.52)", rows(g, "Latency").get("decode"));
        String text = SummaryView.text(g);
        assertFalse(text.matches("(?s).*\\d[eE][+-]?\\d.*"), text);
    }

    @Test
    void theHeadlineComesFirstAndTheEnergySharesAddUp() {
        List<SummaryView.Group> g = SummaryView.of(json(RUN));
        assertEquals("At a glance", g.getFirst().title());
        assertEquals(List.of("battery life", "energy per query", "latency p50 / p95", "average power"),
                g.getFirst().rows().stream().map(SummaryView.Row::label).toList());
        assertEquals("24.02 h", g.getFirst().rows().getFirst().value());
        double shares = rows(g, "Energy by component").entrySet().stream().filter(e -> !e.getKey().equals("total"))
                .mapToDouble(e -> Double.parseDouble(e.getValue().replaceAll(".*\\(([0-9.]+) %\\)", "$1"))).sum();
        assertEquals(100, shares, 0.3, "the components' shares of the total");
    }

    @Test
    void aMissingFigureSaysNoneAndWhy() {
        String none = RUN.replace("\"battery_hours\":24.01649514254938", "\"battery_hours\":null")
                .replace("{\"p50\":43.86,\"p95\":70.09,\"max\":115.09}", "{\"p50\":null,\"p95\":null,\"max\":null}")
                .replace("\"energy_per_query_j\":59.24", "\"energy_per_query_j\":null").replace("\"queries\":137", "\"queries\":0");
        List<SummaryView.Group> g = SummaryView.of(json(none));
        Map<String, String> head = rows(g, "At a glance");
        assertEquals("not empty after 24.02 h simulated", head.get("battery life"));
        assertEquals("none (no event answered)", head.get("latency p50 / p95"));
        assertEquals("none (no event answered)", rows(g, "Latency").get("latency p95"));
        assertFalse(g.stream().anyMatch(x -> x.title().startsWith("Accuracy")), "an accuracy of nulls is left out");
    }

    @Test
    void theTextAlignsEveryValueInOneColumn() {
        String text = SummaryView.text(SummaryView.of(json(RUN)));
        List<String> figures = text.lines().filter(l -> l.startsWith("  ")).toList();
        assertTrue(figures.size() > 15, text);
        // Each figure line is "  label<two or more spaces>value": the value starts at one column everywhere.
        long columns = figures.stream().map(l -> l.indexOf(l.substring(2).split(" {2,}")[1], 2)).distinct().count();
        assertEquals(1, columns, text);
    }
}
