package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(quant.getMessage().contains("'bricks[2].quantization': unknown quantization 'Q3_X' (allowed: F32, F16, Q8_0, Q4_0, Q4_K, Q2_K, INT8)"),
                quant.getMessage());
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
}
