package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class RunnerTest {

    @Test
    void theCascadeRunsToEmptyAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        Summary s = Runner.run(ScenarioFile.named("cascade"), dir, null);
        assertTrue(s.batteryHours() != null && s.batteryHours() > 1, "ran the battery empty: " + s.batteryHours());
        assertTrue(s.queries() > 10 && s.failures().isEmpty(), s.queries() + " queries, failures " + s.failures());
        double sum = 0;
        for (String c : List.of("cpu", "gpu", "npu", "dram", "peripherals", "board")) {
            sum += s.energyJoules().get(c);
        }
        assertEquals(s.energyJoules().get("total"), sum, 1e-9 * sum, "total is the sum of the components");
        assertEquals(s.averagePowerWatts(), s.energyJoules().get("total") / s.simulatedSeconds(), 1e-12);
        assertTrue(s.latencyP50() <= s.latencyP95() && s.latencyP95() <= s.latencyMax());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (String field : List.of("scenario", "seed", "simulated_s", "battery_hours", "average_power_w", "energy_j", "queries",
                "latency_s", "decode_tokens_per_s", "peak_memory_mb", "events", "wall_s")) {
            assertTrue(json.has(field), "summary.json has " + field);
        }
        List<String> series = Files.readAllLines(dir.resolve("series.csv"));
        assertTrue(series.get(1).startsWith("time_s,soc,"), series.get(1));
        // One row per PMU second up to the empty time, plus the sample that found the pack empty if a sample did.
        int rows = series.size() - 2;
        int before = (int) Math.floor(s.simulatedSeconds()) + 1;
        assertTrue(rows == before || rows == before + 1, rows + " rows for " + s.simulatedSeconds() + " s");
        double lastSoc = 2;
        for (int i = 2; i < series.size(); i += 97) {
            double soc = Double.parseDouble(series.get(i).split(",")[1]);
            assertTrue(soc <= lastSoc, "state of charge never rises");
            lastSoc = soc;
        }
        JsonNode trace = new ObjectMapper().readTree(dir.resolve("trace.json").toFile());
        assertTrue(trace.get("traceEvents").size() > 1000, "the trace holds the run's slices");
    }

    @Test
    void theSameSeedGivesTheSameSummaryAndAnotherSeedDoesNot() {
        Scenario sc = ScenarioFile.named("cascade").withUntil(4 * 3600);
        Summary a = Runner.run(sc, null, null);
        Summary b = Runner.run(sc, null, null);
        assertEquals(withoutWall(a), withoutWall(b));
        assertNotEquals(withoutWall(a), withoutWall(Runner.run(sc.withSeed(2), null, null)));
        assertNull(a.batteryHours(), "four hours do not empty the battery");
        assertEquals(4 * 3600, a.simulatedSeconds(), 1e-9);
    }

    private static Summary withoutWall(Summary s) {
        return new Summary(s.scenario(), s.seed(), s.simulatedSeconds(), s.batteryHours(), s.averagePowerWatts(), s.energyJoules(),
                s.queries(), s.latencyP50(), s.latencyP95(), s.latencyMax(), s.decodeTokensPerSecond(),
                s.decodeBoundTokensPerSecond(), s.energyPerQueryJoules(), s.busyPercent(), s.peakMemoryMb(), s.peakGpuMemoryMb(),
                s.events(), s.failures(), s.functional(), s.graphs(), s.accuracy(), 0);
    }

    @Test
    void moreEventsEmptyTheBatterySooner() {
        Scenario sc = ScenarioFile.named("cascade");
        Summary slow = Runner.run(sc.withRate(2), null, null);
        Summary fast = Runner.run(sc.withRate(20), null, null);
        assertTrue(fast.batteryHours() < slow.batteryHours(), fast.batteryHours() + " vs " + slow.batteryHours());
    }

    /**
     * The handover field reaches the run: copying each embedding through CPU buffers (llama.cpp's way) reads
     * and writes it once more in DRAM on a CPU core, so the same events cost more DRAM and CPU energy and take
     * longer than handing over the TABM slot in place; nothing else about the two runs differs.
     */
    @Test
    void copyingTheHandoverCostsDramAndCpuEnergyAndTime() {
        String zeroText = ScenarioFile.builtinText("cascade").replace("duration: until-empty", "duration: 6 events");
        assertTrue(zeroText.contains("handover: zero-copy\n"));
        Summary zero = Runner.run(ScenarioFile.parse(zeroText, "zero.yaml", null), null, null);
        Summary copy = Runner.run(ScenarioFile.parse(zeroText.replace("handover: zero-copy\n", "handover: copy\n"), "copy.yaml", null), null, null);
        assertEquals(zero.queries(), copy.queries(), "the same events");
        assertTrue(copy.energyJoules().get("dram") > zero.energyJoules().get("dram"), copy.energyJoules() + " vs " + zero.energyJoules());
        assertTrue(copy.energyJoules().get("cpu") > zero.energyJoules().get("cpu"), copy.energyJoules() + " vs " + zero.energyJoules());
        assertEquals(zero.energyJoules().get("npu"), copy.energyJoules().get("npu"), 1e-9 * zero.energyJoules().get("npu"),
                "the NPU's work does not depend on how its output is handed over");
        assertTrue(copy.latencyP50() > zero.latencyP50(), copy.latencyP50() + " vs " + zero.latencyP50());
    }

    @Test
    void traceArrivalsComeFromTheFileAndBadLinesAreNamed(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("events.txt");
        Files.writeString(trace, "# wake words\n600\n1800\n1800.5\n");
        String text = ScenarioFile.builtinText("cascade").replace("arrivals: poisson\n  rate_per_hour: 6", "arrivals: trace\n  trace: events.txt")
                .replace("duration: until-empty", "duration: 2 h");
        Summary s = Runner.run(ScenarioFile.parse(text, "t.yaml", dir), null, null);
        assertEquals(3, s.queries());
        Files.writeString(trace, "600\nsoon\n");
        var e = assertThrows(InputException.class, () -> Runner.run(ScenarioFile.parse(text, "t.yaml", dir), null, null));
        assertTrue(e.getMessage().contains("events.txt:2:1") && e.getMessage().contains("'soon' is not a number"), e.getMessage());
    }

    @Test
    void aBrickOnAUnitThePlatformLacksIsNamed() {
        String text = ScenarioFile.builtinText("cascade").replace("unit: npu", "unit: dsp");
        var e = assertThrows(InputException.class, () -> Runner.run(ScenarioFile.parse(text, "x.yaml", null), null, null));
        assertTrue(e.getMessage().contains("'bricks[1].unit'") && e.getMessage().contains("no unit 'dsp'"), e.getMessage());
    }
}
