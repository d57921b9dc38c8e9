package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison scenarios: properties that follow from the physics, whatever the figures. */
class ComparisonTest {

    @Test
    void offloadingMoreLayersMovesWorkFromTheCpuToTheGpuAndDuplicatesWeights(@TempDir Path out) throws Exception {
        Comparison c = Comparison.run(ScenarioFile.named("llamacpp-offload"), out, null);
        for (String model : List.of("llama-3-8b-q2k", "tinyllama-1.1b-q4", "llama-3.2-3b-q4")) {
            Summary none = c.of(model + "-ngl0");
            Summary ten = c.of(model + "-ngl10");
            Summary thirty = c.of(model + "-ngl30");
            assertEquals(0, none.busyPercent().get("gpu"), model + ": no layer, no GPU");
            assertEquals(0, none.peakGpuMemoryMb(), model);
            assertTrue(none.busyPercent().get("gpu") < ten.busyPercent().get("gpu")
                    && ten.busyPercent().get("gpu") < thirty.busyPercent().get("gpu"), model + ": GPU busier with more layers");
            assertTrue(none.busyPercent().get("a55") > ten.busyPercent().get("a55")
                    && ten.busyPercent().get("a55") > thirty.busyPercent().get("a55"), model + ": CPU less busy with more layers");
            assertTrue(none.peakMemoryMb() < ten.peakMemoryMb() && ten.peakMemoryMb() < thirty.peakMemoryMb(),
                    model + ": the GPU's copies add to the mapped model");
            for (Summary s : List.of(none, ten, thirty)) {
                assertEquals(1, s.queries(), s.scenario());
                assertTrue(s.decodeTokensPerSecond() <= s.decodeBoundTokensPerSecond(), s.scenario() + " beats its DRAM roofline");
                s.busyPercent().values().forEach(p -> assertTrue(p >= 0 && p <= 100, s.scenario() + ": " + s.busyPercent()));
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertEquals(2 + 9, csv.size(), "a comment, a header and a row a variant");
        assertTrue(Files.exists(out.resolve("tinyllama-1.1b-q4-ngl10/summary.json")));
    }

    @Test
    void nanomindsScheduleUsesLessEnergyAndMemoryThanLlamaCppsForTheSameAnswers() {
        Comparison c = Comparison.run(ScenarioFile.named("compare-llamacpp"), null, null);
        Summary llama = c.of("llamacpp");
        Summary nano = c.of("nanomind");
        assertEquals(10, llama.queries());
        assertEquals(10, nano.queries());
        assertTrue(nano.energyPerQueryJoules() < llama.energyPerQueryJoules(), "the NPU and zero-copy save energy");
        assertTrue(nano.peakMemoryMb() < llama.peakMemoryMb(), "no duplicated weights, no copy buffers");
        assertEquals(0, llama.busyPercent().get("npu"), "llama.cpp does not use the NPU");
    }
}
