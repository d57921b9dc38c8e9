package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The progress of a run is measured against whichever end condition comes first. */
class ProgressTest {
    @Test
    void theFractionFollowsTheRunsEndCondition() {
        try (Progress byTime = new Progress(null, new Progress.End(7200, 0), true)) {
            byTime.update(1800, 10, 0, 0.9);
            assertEquals(0.25, byTime.fraction(), 1e-12, "a quarter of the duration, whatever the battery");
        }
        try (Progress byEvents = new Progress(null, new Progress.End(Double.POSITIVE_INFINITY, 8), true)) {
            byEvents.update(1e6, 5000, 2, 0.5);
            assertEquals(0.25, byEvents.fraction(), 1e-12, "2 of 8 events");
        }
        try (Progress both = new Progress(null, new Progress.End(3600, 4), true)) {
            both.update(900, 5000, 3, 1.0);
            assertEquals(0.75, both.fraction(), 1e-12, "3 of 4 events come before a quarter of the hour: the nearer end leads");
        }
        try (Progress untilEmpty = new Progress(null, new Progress.End(Double.POSITIVE_INFINITY, 0), false)) {
            untilEmpty.update(43200, 1, 0, 0.3);
            assertEquals(0.7, untilEmpty.fraction(), 1e-12, "70 % of the battery drained");
        }
    }

    @Test
    void aTerminalGetsABarAndAFileGetsLines() {
        try (Progress bar = new Progress(null, new Progress.End(3600, 0), true)) {
            bar.update(1800, 123_456, 0, 0.99);
            String line = bar.line();
            assertTrue(line.startsWith("\r[############............] ") && line.contains("50.0 %") && line.contains("123,456 events")
                    && line.contains("simulated 30.0 min") && line.contains("ETA"), line);
        }
        try (Progress lines = new Progress(null, new Progress.End(3600, 0), false)) {
            lines.update(900, 10, 0, 1.0);
            String line = lines.line();
            assertFalse(line.contains("\r") || line.contains("["), line);
            assertTrue(line.contains("25.0 %"), line);
        }
        assertEquals("90 s", Progress.duration(90));
        assertEquals("2.5 h", Progress.duration(9000));
    }
}
