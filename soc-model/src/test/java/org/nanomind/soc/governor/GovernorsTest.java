package org.nanomind.soc.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * Each governor against what the kernel documents, on a synthetic load: a unit that must retire {@code demand}
 * cycles a second is busy {@code min(1, demand / f)} of each window at clock f. The OPP table is the RK3566
 * A55s' (408 to 1800 MHz).
 */
class GovernorsTest {
    static final OppTable A55 = new OppTable(List.of(new Opp(408e6, 0.825), new Opp(600e6, 0.825), new Opp(816e6, 0.825),
            new Opp(1104e6, 0.85), new Opp(1416e6, 0.925), new Opp(1608e6, 1.0), new Opp(1800e6, 1.05)));

    /** The OPP a governor settles at under a steady demand, starting from {@code start}. */
    static Opp settle(Governor g, double demandHz, Opp start) {
        Opp f = start;
        for (int i = 0; i < 200; i++) {
            f = g.next(Math.min(1, demandHz / f.hz()), f, A55);
        }
        return f;
    }

    @Test
    void ondemandJumpsToTheTopAboveUpThresholdAndOtherwiseFollowsTheLoad() {
        Governor g = Governors.named("ondemand");
        Opp low = A55.lowest();
        assertEquals(A55.highest(), g.next(0.81, low, A55), "81 % > up_threshold 80: the top at once");
        assertEquals(A55.nearest(408e6 + 0.80 * (1800e6 - 408e6)), g.next(0.80, low, A55), "80 % is not above it: proportional");
        assertEquals(A55.nearest(408e6 + 0.3 * (1800e6 - 408e6)), g.next(0.30, A55.highest(), A55));
        // sampling_down_factor: at the top it samples that many times less often.
        Governor slow = Governors.of("ondemand", Map.of("sampling_down_factor", 10.0));
        assertEquals(10 * slow.periodSeconds(low, A55), slow.periodSeconds(A55.highest(), A55), 1e-12);
    }

    @Test
    void conservativeStepsByFreqStepOfTheTopFrequency() {
        Conservative g = (Conservative) Governors.named("conservative");
        Opp f = A55.lowest();
        double step = 0.05 * 1800e6;
        int samples = 0;
        while (!f.equals(A55.highest())) {
            double before = Double.isNaN(g.requestedHz()) ? f.hz() : g.requestedHz();
            f = g.next(1.0, f, A55);
            samples++;
            assertEquals(Math.min(1800e6, before + step), g.requestedHz(), 1, "each sample above up_threshold asks freq_step more");
            assertEquals(A55.atMost(g.requestedHz()), f, "and runs at the highest OPP at or below what it asked");
        }
        assertEquals((int) Math.ceil((1800e6 - 408e6) / step), samples, "from the bottom to the top in freq_step steps");
        assertEquals(f, g.next(0.5, f, A55), "between the thresholds it holds");
        g.next(0.1, f, A55);
        assertEquals(1800e6 - step, g.requestedHz(), 1, "below down_threshold it steps down");
    }

    static Stream<Double> demands() {
        return Stream.of(100e6, 300e6, 500e6, 700e6, 900e6, 1200e6, 1400e6);
    }

    @ParameterizedTest
    @MethodSource("demands")
    void schedutilSettlesAtOneQuarterAboveTheUtilization(double demandHz) {
        Governor g = Governors.named("schedutil");
        Opp expected = A55.atLeast(Schedutil.HEADROOM * demandHz);
        assertEquals(expected, settle(g, demandHz, A55.highest()), "from the top");
        assertEquals(expected, settle(g, demandHz, A55.lowest()), "from the bottom");
    }

    @Test
    void simpleOndemandHoldsBetweenItsThresholds() {
        Governor g = Governors.named("simple_ondemand");
        Opp mid = A55.opps().get(3);
        assertEquals(A55.highest(), g.next(0.91, mid, A55), "above upthreshold 90: the top");
        assertEquals(mid, g.next(0.90, mid, A55), "at 90: held");
        assertEquals(mid, g.next(0.86, mid, A55), "above 90 - downdifferential 5: held");
        assertEquals(A55.atLeast(mid.hz() * 50 / 87.5), g.next(0.50, mid, A55), "below: the frequency for the band's middle");
        assertEquals(A55.lowest(), g.next(0, mid, A55));
        // Under a steady load it settles where the load sits inside its band (or at an end of the table).
        for (double demand : List.of(200e6, 600e6, 1000e6, 1500e6)) {
            Opp f = settle(g, demand, A55.highest());
            double busy = demand / f.hz();
            assertTrue(busy <= 0.90 || f.equals(A55.highest()), demand + " Hz: " + busy + " busy at " + f);
        }
    }

    @Test
    void performanceAndPowersaveNeverLookAgain() {
        assertEquals(A55.highest(), Governors.named("performance").next(0, A55.lowest(), A55));
        assertEquals(A55.lowest(), Governors.named("powersave").next(1, A55.highest(), A55));
        assertTrue(Double.isInfinite(Governors.named("performance").periodSeconds(A55.lowest(), A55)));
    }

    @Test
    void anUnknownGovernorTunableOrValueIsRefusedWithWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Governors.named("interactive"));
        assertTrue(e.getMessage().contains("allowed: performance, powersave, ondemand, conservative, schedutil, simple_ondemand"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Governors.of("ondemand", Map.of("upthreshold", 90.0)));
        assertTrue(e.getMessage().contains("allowed: up_threshold, sampling_rate, sampling_down_factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Governors.of("schedutil", Map.of("rate_limit", 0.0)));
        assertTrue(e.getMessage().contains("rate_limit must be within"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Governors.of("conservative", Map.of("down_threshold", 90.0)));
    }
}
