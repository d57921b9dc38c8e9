package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The time left after a resume or a slow first point: from the steady rate, not from the first point's time. */
class ThroughputTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aSlowFirstPointDoesNotInflateTheEstimate() {
        Throughput t = new Throughput();
        t.done(100 * S); // the first point: 100 s of warm-up
        assertTrue(t.secondsLeft(90).isEmpty(), "one point gives no rate");
        for (int i = 1; i <= 10; i++) {
            t.done((100 + i) * S); // then one a second
        }
        assertEquals(1.0, t.rate().getAsDouble(), 1e-12);
        // Counting from the process's start, 11 points in 110 s would say 900 s for the 90 left.
        assertEquals(90, t.secondsLeft(90).getAsDouble(), 1e-9);
    }

    @Test
    void twoWorkersFinishingTogetherCountAsTheirThroughput() {
        Throughput t = new Throughput();
        // Two workers, each point 2 s: completions at 2, 2, 4, 4, 6, 6 s.
        for (long at : new long[] {2, 2, 4, 4, 6, 6}) {
            t.done(at * S);
        }
        assertEquals(5 / 4.0, t.rate().getAsDouble(), 1e-12, "5 points in the 4 s after the first");
    }
}
