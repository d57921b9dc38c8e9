package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.InputException;

class ScenarioFileTest {

    private static InputException bad(String text) {
        return assertThrows(InputException.class, () -> ScenarioFile.parse(text, "my.yaml", null));
    }

    @Test
    void theBuiltInScenariosParse() {
        for (String name : ScenarioFile.BUILTIN) {
            Scenario sc = ScenarioFile.named(name);
            assertEquals(name, sc.name());
            assertTrue(Double.isInfinite(sc.untilSeconds()), name + " runs until the battery is empty");
        }
        Scenario c = ScenarioFile.named("cascade");
        assertEquals(4, c.bricks().size());
        assertEquals("npu", c.bricks().get(1).unit());
        assertEquals(6.0, c.workload().ratePerHour());
    }

    @Test
    void errorsNameFileLineColumnFieldAndWhatIsAllowed() {
        String ok = ScenarioFile.builtinText("cascade");
        InputException typo = bad(ok.replace("rate_per_hour:", "rate_per_hr:"));
        assertTrue(typo.getMessage().matches("my\\.yaml:\\d+:\\d+: 'workload\\.rate_per_hr': unknown field \\(did you mean 'rate_per_hour'\\?\\).*"),
                typo.getMessage());
        InputException quant = bad(ok.replace("quantization: Q4_0", "quantization: Q3_X"));
        assertTrue(quant.getMessage().contains("'bricks[2].quantization': unknown quantization 'Q3_X' (allowed: F32, F16, Q8_0, Q4_0, Q2_K, Q4_K, Q5_K, Q6_K, INT8,"
                + " Q3_K_S, Q3_K_M, Q3_K_L, Q4_K_S, Q4_K_M, Q5_K_S, Q5_K_M)"),
                quant.getMessage());
        InputException mixSpeech = assertThrows(InputException.class, () -> Bricks.build(new Scenario.BrickSpec("asr", "whisper-base",
                "Q4_K_M", "npu", 1, null, false, List.of(), "", null), "bricks[0]"));
        assertTrue(mixSpeech.getMessage().contains("mixture of types for a decoder's tensors"), mixSpeech.getMessage());
        InputException mixFunctional = bad(ok.replace("quantization: Q4_0           # GGUF W4A16 on the GPU",
                "quantization: Q4_K_M\n    functional: true"));
        assertTrue(mixFunctional.getMessage().contains("functional mode runs the kernels"), mixFunctional.getMessage());
        InputException unit = bad(ok.replace("camera_capture: 0.1 s", "camera_capture: 0.1 parsecs"));
        assertTrue(unit.getMessage().contains("'workload.camera_capture': unknown unit 'parsecs'"), unit.getMessage());
        InputException arrivals = bad(ok.replace("arrivals: poisson", "arrivals: bursty"));
        assertTrue(arrivals.getMessage().contains("must be poisson, periodic or trace"), arrivals.getMessage());
        InputException missing = bad(ok.replace("seed: 1\n", ""));
        assertTrue(missing.getMessage().contains("missing field 'seed'"), missing.getMessage());
        InputException rate = bad(ok.replace("rate_per_hour: 6", "rate_per_hour: -6"));
        assertTrue(rate.getMessage().contains("'workload.rate_per_hour': must be within"), rate.getMessage());
        int line = ok.lines().toList().indexOf("  rate_per_hour: 6") + 1;
        assertEquals(line, rate.line());
    }

    @Test
    void variantsReplaceFieldsAndTheirErrorsSayWhatIsAllowed() {
        String ok = ScenarioFile.builtinText("vlm-latency");
        Scenario sc = ScenarioFile.parse(ok, "my.yaml", null);
        assertEquals(5, sc.untilEvents());
        assertEquals(Scenario.SchedulerSpec.RESIDENT, sc.scheduler(), "residency: resident is the resident scheduler");
        Scenario rk = sc.variant(sc.variants().get(1));
        assertEquals("vlm-latency/rk3588-rkllm", rk.name());
        assertEquals("orangepi5ultra-rk3588", rk.platform());
        assertEquals("npu", rk.bricks().get(1).unit());
        assertEquals(sc.workload(), rk.workload(), "what a variant does not replace, it keeps");
        assertTrue(rk.variants().isEmpty());
        InputException dup = bad(ok.replace("name: rk3588-rkllm", "name: nanomind"));
        assertTrue(dup.getMessage().contains("'variants[1].name': a variant's name is unique"), dup.getMessage());
        InputException key = bad(ok.replace("    platform: orangepi5ultra-rk3588", "    platfrom: orangepi5ultra-rk3588"));
        assertTrue(key.getMessage().contains("did you mean 'platform'"), key.getMessage());
        InputException events = bad(ok.replace("duration: 5 events", "duration: 0 events"));
        assertTrue(events.getMessage().contains("at least 1 event"), events.getMessage());
        InputException residency = bad(ok.replace("residency: resident", "residency: sometimes"));
        assertTrue(residency.getMessage().contains("must be on-demand"), residency.getMessage());
    }

    @Test
    void layerOffloadIsForADecoderOnACpuCluster() {
        String ok = ScenarioFile.builtinText("llamacpp-offload");
        Scenario sc = ScenarioFile.parse(ok, "my.yaml", null);
        assertEquals(9, sc.variants().size());
        assertEquals(30, sc.variant(sc.variants().get(2)).bricks().getFirst().gpuLayers());
        Scenario onGpu = ScenarioFile.parse(ok.replace("unit: a55, threads: 4, gpu_layers: 0}", "unit: gpu, threads: 4, gpu_layers: 0}"),
                "my.yaml", null);
        InputException e = assertThrows(InputException.class, () -> Runner.run(onGpu.variant(onGpu.variants().getFirst()), null, null));
        assertTrue(e.getMessage().contains("'bricks[0].gpu_layers': layer offload is for a decoder whose unit is a CPU cluster"),
                e.getMessage());
        InputException negative = bad(ok.replace("gpu_layers: 10}", "gpu_layers: -1}"));
        assertTrue(negative.getMessage().contains("gpu_layers"), negative.getMessage());
    }
}
