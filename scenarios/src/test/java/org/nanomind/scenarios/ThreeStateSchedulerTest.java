package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

/**
 * The paper's three-state policy is a scheduler driven by PMU samples: the default where a scenario has a camera,
 * refused where it has none; another scheduler on a camera scenario leaves the camera off.
 */
class ThreeStateSchedulerTest {
    @Test
    void aCameraScenarioRunsThreeStateByDefaultAndACameraLessOneRefusesIt() {
        assertEquals(Scenario.SchedulerSpec.THREE_STATE, ScenarioFile.named("vlm-camera").scheduler());
        assertEquals(Scenario.SchedulerSpec.ON_DEMAND, ScenarioFile.named("cascade").scheduler());
        String text = ScenarioFile.builtinText("cascade").replace("workload:", "scheduler: three-state\nworkload:");
        InputException e = assertThrows(InputException.class, () -> ScenarioFile.parse(text, "c.yaml", null));
        assertTrue(e.getMessage().contains("c.yaml:") && e.getMessage().contains("camera section"), e.getMessage());
    }

    @Test
    void theStatesFollowTheChargeAndOnDemandLeavesTheCameraOff(@TempDir Path dir) throws Exception {
        Scenario camera = ScenarioFile.named("vlm-camera").withUntil(2 * 3600).withOutputs(List.of("summary", "series"));
        Summary threeState = Runner.run(camera, dir.resolve("three"), null);
        Summary onDemand = Runner.run(camera.variant(new Scenario.Variant("off", null, null, null, null, Scenario.SchedulerSpec.ON_DEMAND)),
                dir.resolve("off"), null);
        List<String> states = states(dir.resolve("three/series.csv"));
        assertEquals("unconstrained", states.getFirst(), "a full battery streams at the full frame rate");
        assertTrue(states.stream().allMatch(s -> List.of("unconstrained", "throttled", "critical").contains(s)), states.toString());
        assertTrue(states(dir.resolve("off/series.csv")).stream().allMatch("critical"::equals), "on-demand has the cascade's state only");
        // The stream keeps the NPU encoding frames; with the camera off it encodes only for the events.
        double npuStreaming = threeState.energyJoules().get("npu");
        double npuOff = onDemand.energyJoules().get("npu");
        assertTrue(npuStreaming > 5 * npuOff, npuStreaming + " J against " + npuOff + " J");
    }

    private static List<String> states(Path series) throws Exception {
        List<String> lines = Files.readAllLines(series).stream().filter(l -> !l.startsWith("#")).toList();
        int col = List.of(lines.getFirst().split(",")).indexOf("policy_state");
        return lines.stream().skip(1).map(l -> l.split(",")[col]).toList();
    }
}
