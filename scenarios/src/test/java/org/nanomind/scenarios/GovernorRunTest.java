package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

/**
 * The cascade under Linux governors (examples/cascade-governors.yaml, two hours each): powersave gives the
 * longest latency and performance the shortest, and each energy change comes with its reason.
 */
class GovernorRunTest {
    static Comparison c;

    @BeforeAll
    static void runTheGovernors(@TempDir Path out) {
        Scenario sc = ScenarioFile.named("../examples/cascade-governors.yaml").withUntil(2 * 3600);
        c = Comparison.run(sc, out, null);
    }

    static Summary of(String variant) {
        return c.summaries().get(c.variants().indexOf(variant));
    }

    @Test
    void powersaveIsTheSlowestAndPerformanceTheFastest() {
        assertEquals(List.of("schedule", "bsp", "performance", "powersave", "ondemand", "conservative"), c.variants());
        double fastest = of("performance").latencyP50();
        for (String v : c.variants()) {
            assertTrue(of(v).latencyP50() >= fastest - 1e-9, v + " is not faster than performance");
            assertTrue(of(v).latencyP50() <= of("powersave").latencyP50(), v + " is not slower than powersave");
        }
        assertTrue(of("powersave").latencyP50() > 2 * fastest, "the lowest clocks stretch every module");
    }

    @Test
    void eachEnergyChangeSaysWhy() {
        Summary base = of("schedule");
        EnergyShift slow = EnergyShift.of(of("powersave"), base);
        assertTrue(slow.totalJoules() > 0 && slow.reason().startsWith("race to idle wins"), slow.reason());
        EnergyShift high = EnergyShift.of(of("performance"), base);
        // The schedule drops the clocks while it waits; performance keeps the A55s at the top: idle power, same latency.
        assertTrue(high.unitsJoules() > 0 && high.reason().startsWith("the units drew more for no shorter events"), high.reason());
        assertEquals(base.latencyP50(), of("performance").latencyP50(), 1e-9);
        EnergyShift bsp = EnergyShift.of(of("bsp"), base);
        assertTrue(bsp.totalJoules() < high.totalJoules(), "the BSP's load-driven governors spend less than performance");
    }

    @Test
    void theSameSeedGivesTheSameRunUnderAGovernor() {
        Scenario sc = ScenarioFile.named("../examples/cascade-governors.yaml").withUntil(1800);
        Summary a = Runner.run(sc.variant(sc.variants().get(1)), null, null);
        Summary b = Runner.run(sc.variant(sc.variants().get(1)), null, null);
        assertEquals(a.figures(), b.figures());
    }

    @Test
    void aGovernorTheKernelDoesNotHaveIsRefusedAtItsLine() {
        String text = ScenarioFile.builtinText("cascade") + "limits:\n  governors: {a55: interactive}\n";
        InputException e = assertThrows(InputException.class, () -> ScenarioFile.parse(text, "g.yaml", null));
        assertTrue(e.getMessage().contains("g.yaml:") && e.getMessage().contains("interactive")
                && e.getMessage().contains("schedutil"), e.getMessage());
        String tunable = ScenarioFile.builtinText("cascade") + "limits:\n  governors: {a55: {name: ondemand, up_treshold: 90}}\n";
        InputException t = assertThrows(InputException.class, () -> ScenarioFile.parse(tunable, "t.yaml", null));
        assertTrue(t.getMessage().contains("up_treshold") && t.getMessage().contains("up_threshold"), t.getMessage());
    }
}
