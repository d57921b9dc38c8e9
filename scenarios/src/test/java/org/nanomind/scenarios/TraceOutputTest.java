package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class TraceOutputTest {

    @Test
    void theTraceHasATrackPerCoreGpuAndNpuAndCountersOfBandwidthPowerAndBattery(@TempDir Path out) throws Exception {
        Runner.run(ScenarioFile.named("cascade").withUntil(2 * 3600), out, null);
        JsonNode trace = new ObjectMapper().readTree(Files.readString(out.resolve("trace.json")));
        Set<String> tracks = new HashSet<>();
        Set<String> counters = new HashSet<>();
        int open = 0;
        for (JsonNode e : trace.get("traceEvents")) {
            switch (e.get("ph").asString()) {
                case "M" -> {
                    if (e.get("name").asString().equals("thread_name")) {
                        tracks.add(e.get("args").get("name").asString());
                    }
                }
                case "C" -> counters.add(e.get("name").asString());
                case "B" -> open++;
                case "E" -> open--;
                default -> { }
            }
        }
        assertTrue(tracks.containsAll(Set.of("a55.0", "a55.1", "a55.2", "a55.3", "gpu", "npu", "storage")), tracks.toString());
        assertTrue(counters.containsAll(Set.of("dram", "power cpu (W)", "power gpu (W)", "power npu (W)", "power dram (W)",
                "power peripherals (W)", "power board (W)", "battery charge (%)", "battery voltage (V)")), counters.toString());
        assertEquals(0, open, "every slice that begins ends");
        assertTrue(trace.get("otherData").get("aggregation").asString().contains("aggregated"), "how it is bounded is said");
        assertEquals("cascade", trace.get("otherData").get("scenario").asString());
    }
}
