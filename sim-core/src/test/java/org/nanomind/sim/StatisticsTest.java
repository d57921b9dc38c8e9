package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void aTallyGivesMeanExtremesAndPercentiles() {
        Tally t = new Tally("latency");
        for (int i = 1; i <= 100; i++) {
            t.add(i);
        }
        assertEquals(100, t.count());
        assertEquals(50.5, t.mean(), 1e-12);
        assertEquals(1.0, t.min());
        assertEquals(100.0, t.max());
        double p95 = t.percentile(95);
        assertTrue(p95 >= 94 && p95 <= 96, "p95 of 1..100 is about 95, got " + p95);
        assertEquals(100.0, t.percentile(100));
        assertTrue(Double.isNaN(new Tally("empty").percentile(50)));
        assertThrows(IllegalArgumentException.class, () -> t.percentile(101));
        assertThrows(IllegalArgumentException.class, () -> t.add(Double.NaN));
    }

    @Test
    void aTimeWeightedQuantityWeighsEachValueByHowLongItHeld() {
        // 2 W for 3 s, then 5 W for 1 s, then 0 W for 6 s: 11 J over 10 s.
        TimeWeighted power = new TimeWeighted("power", 0.0, 2.0);
        power.set(3.0, 5.0);
        power.set(4.0, 0.0);
        assertEquals(11.0, power.integral(10.0), 1e-12);
        assertEquals(1.1, power.mean(10.0), 1e-12);
        assertEquals(5.0, power.max());
        assertEquals(11.0, power.integral(10.0), 1e-12, "asking for the mean does not disturb the integral");
        power.set(10.0, 1.0);
        assertEquals(13.0, power.integral(12.0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> power.set(5.0, 1.0));
    }
}
