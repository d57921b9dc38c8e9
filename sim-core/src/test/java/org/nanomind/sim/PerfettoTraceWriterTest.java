package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class PerfettoTraceWriterTest {

    @Test
    void writesValidTraceEventJsonWithOneThreadPerTrackAndCounters() {
        StringWriter out = new StringWriter();
        Simulation sim = new Simulation();
        try (PerfettoTraceWriter trace = new PerfettoTraceWriter(out, "twin \"test\"")) {
            FluidModel fluid = new FluidModel(sim, trace);
            Resource dram = fluid.resource("dram", 100.0);
            Resource gpu = fluid.resource("gpu", 1000.0);
            fluid.start("gpu", "decode", List.of(new Demand(dram, 50.0), new Demand(gpu, 500.0)),
                    Double.POSITIVE_INFINITY, null);
            fluid.start("npu", "encode", List.of(new Demand(dram, 100.0)), Double.POSITIVE_INFINITY, null);
            sim.run();
        }
        JsonNode root = new ObjectMapper().readTree(out.toString());
        JsonNode events = root.get("traceEvents");
        Map<String, Integer> phases = new HashMap<>();
        Map<Integer, String> threadNames = new HashMap<>();
        for (JsonNode e : events) {
            phases.merge(e.get("ph").asString(), 1, Integer::sum);
            if (e.has("name") && e.get("name").asString().equals("thread_name")) {
                threadNames.put(e.get("tid").asInt(), e.get("args").get("name").asString());
            }
        }
        assertEquals(2, phases.get("B"));
        assertEquals(2, phases.get("E"));
        assertTrue(phases.get("C") >= 2, "DRAM load counters");
        assertEquals(Map.of(1, "gpu", 2, "npu"), threadNames);
        // Both share DRAM at 50/s until the decode ends at t=1 s (1e6 us).
        boolean decodeEnd = false;
        for (JsonNode e : events) {
            if (e.get("ph").asString().equals("E") && e.get("tid").asInt() == 1) {
                assertEquals(1e6, e.get("ts").asDouble(), 1e-3);
                decodeEnd = true;
            }
        }
        assertTrue(decodeEnd);
    }
}
