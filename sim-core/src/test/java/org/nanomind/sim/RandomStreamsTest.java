package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static double[] draw(RandomStream s, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.uniform();
        }
        return out;
    }

    @Test
    void theSameSeedAndNameGiveTheSameNumbers() {
        assertArrayEquals(draw(new RandomStreams(7).stream("arrivals"), 100),
                draw(new RandomStreams(7).stream("arrivals"), 100));
    }

    @Test
    void addingOrUsingAnotherStreamDoesNotChangeThisOne() {
        RandomStreams alone = new RandomStreams(7);
        double[] expected = draw(alone.stream("arrivals"), 100);

        RandomStreams crowded = new RandomStreams(7);
        RandomStream before = crowded.stream("camera");
        draw(before, 1000);
        RandomStream arrivals = crowded.stream("arrivals");
        double[] got = new double[100];
        for (int i = 0; i < 100; i++) {
            got[i] = arrivals.uniform();
            crowded.stream("noise-" + i).uniform(); // interleaved draws from other streams
        }
        assertArrayEquals(expected, got);
    }

    @Test
    void differentNamesOrSeedsGiveDifferentNumbers() {
        double[] a = draw(new RandomStreams(7).stream("arrivals"), 10);
        assertFalse(Arrays.equals(a, draw(new RandomStreams(7).stream("service"), 10)));
        assertFalse(Arrays.equals(a, draw(new RandomStreams(8).stream("arrivals"), 10)));
    }

    @Test
    void exponentialAndPoissonDrawsHaveTheirMeans() {
        RandomStreams streams = new RandomStreams(11);
        DoubleSupplier exp = streams.stream("exp").exponential(2.5);
        LongSupplier poisson = streams.stream("poisson").poisson(4.0);
        int n = 200_000;
        double sumExp = 0;
        double sumPoisson = 0;
        for (int i = 0; i < n; i++) {
            sumExp += exp.getAsDouble();
            sumPoisson += poisson.getAsLong();
        }
        assertEquals(2.5, sumExp / n, 0.02 * 2.5);
        assertEquals(4.0, sumPoisson / n, 0.02 * 4.0);
        assertThrows(IllegalArgumentException.class, () -> streams.stream("x").exponential(0.0));
        assertThrows(IllegalArgumentException.class, () -> streams.stream("x").poisson(-1.0));
    }

    @Test
    void aPoissonProcessArrivesAtItsRate() {
        Simulation sim = new Simulation();
        long[] count = new long[1];
        PoissonProcess p = PoissonProcess.start(sim, new RandomStreams(3).stream("wake"), 2.0, () -> count[0]++);
        sim.runUntil(50_000.0);
        assertEquals(100_000, count[0], 0.02 * 100_000, "rate 2/s for 50,000 s");
        assertEquals(count[0], p.arrivals());
        p.stop();
        long before = count[0];
        sim.runUntil(60_000.0);
        assertEquals(before, count[0], "no arrivals after stop");
        assertThrows(IllegalArgumentException.class,
                () -> PoissonProcess.start(sim, new RandomStreams(3).stream("x"), 0.0, () -> { }));
    }
}
