package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanomind.soc.InputException;

/**
 * llama.cpp's layer offload as a scheduler's placement: the layer-offload scheduler gives the run a brick's gpu_layers
 * field gives, figure for figure; its parameters are checked at their line.
 */
class LayerOffloadSchedulerTest {
    static String base() {
        String t = ScenarioFile.builtinText("llamacpp-offload");
        return t.substring(0, t.indexOf("variants:"));
    }

    @Test
    void theSchedulersPlacementIsTheBrickFieldsRunBitForBit() {
        Summary field = Runner.run(ScenarioFile.parse(base().replace("gpu_layers: 0}", "gpu_layers: 10}"), "f.yaml", null), null, null);
        Summary scheduled = Runner.run(ScenarioFile.parse(base().replace(", gpu_layers: 0}", "}")
                .replace("residency: resident\n", "scheduler: {name: layer-offload, params: {gpu_layers: 10, resident: 1}}\n"), "s.yaml", null),
                null, null);
        Summary none = Runner.run(ScenarioFile.parse(base(), "n.yaml", null), null, null);
        assertEquals(field.latencyP50(), scheduled.latencyP50());
        assertEquals(field.energyJoules(), scheduled.energyJoules());
        assertEquals(field.peakGpuMemoryMb(), scheduled.peakGpuMemoryMb());
        assertEquals(field.decodeTokensPerSecond(), scheduled.decodeTokensPerSecond());
        assertTrue(scheduled.peakGpuMemoryMb() > none.peakGpuMemoryMb(), "ten layers' GPU copies: " + none.peakGpuMemoryMb()
                + " -> " + scheduled.peakGpuMemoryMb() + " MB");
    }

    @Test
    void aBadLayerCountIsRefusedAtItsLine() {
        String text = base().replace(", gpu_layers: 0}", "}")
                .replace("residency: resident\n", "scheduler: {name: layer-offload, params: {gpu_layers: 2.5}}\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioFile.parse(text, "bad.yaml", null));
        assertTrue(e.getMessage().contains("bad.yaml:") && e.getMessage().contains("whole number"), e.getMessage());
    }
}
