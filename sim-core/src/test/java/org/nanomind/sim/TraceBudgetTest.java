package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceBudgetTest {
    /** Records what reaches the sink, one line a record. */
    private static final class Recorder implements TraceSink {
        final List<String> lines = new ArrayList<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        boolean closed;

        @Override public void begin(String track, String name, double time) {
            lines.add("B " + track + " " + name + " " + time);
        }
        @Override public void end(String track, String name, double time) {
            lines.add("E " + track + " " + time);
        }
        @Override public void counter(String track, double value, double time) {
            lines.add("C " + track + " " + value + " " + time);
        }
        @Override public void note(String key, String value) {
            notes.put(key, value);
        }
        @Override public void close() {
            closed = true;
        }
    }

    @Test
    void slicesPastTheBudgetBecomeOneSliceABucketThatSaysHowManyItHolds() {
        Recorder r = new Recorder();
        TraceBudget t = new TraceBudget(r, 2, 1.0);
        for (int i = 0; i < 5; i++) {
            t.begin("gpu", "op" + i, 0.1 * i);
            t.end("gpu", "op" + i, 0.1 * i + 0.05);
        }
        t.begin("gpu", "late", 1.5);
        t.end("gpu", "late", 1.6);
        t.close();
        assertEquals(List.of("B gpu op0 0.0", "E gpu 0.05", "B gpu op1 0.1", "E gpu 0.15000000000000002",
                "B gpu 3 operations, aggregated 0.2", "E gpu 0.45", "B gpu 1 operation, aggregated 1.5", "E gpu 1.6"), r.lines);
        assertTrue(r.notes.containsKey("aggregation") && r.notes.get("aggregated gpu").contains("t=0.2"), r.notes.toString());
        assertTrue(r.closed);
    }

    @Test
    void countersPastTheBudgetAreTimeWeightedMeansWrittenOnlyWhenTheyChange() {
        Recorder r = new Recorder();
        TraceBudget t = new TraceBudget(r, 1, 1.0);
        t.counter("power", 1.0, 0.0);   // exact
        t.counter("power", 3.0, 2.5);   // aggregated from here: bucket [2, 3) holds 1 for 0.5 s and 3 for 0.5 s
        t.counter("power", 3.0, 4.2);   // [3, 4) is all 3
        t.counter("power", 0.0, 10.0);  // [4, 10) all 3 again: nothing new until 10
        t.close();
        assertEquals(List.of("C power 1.0 0.0", "C power 2.0 2.0", "C power 3.0 3.0"), r.lines,
                "the mean of [2,3) is 2; from 3 on it stays 3 until the close, where 0 lasted no time");
    }

    @Test
    void aBoundedWriterStillWritesValidJsonWithItsNotes() {
        StringWriter s = new StringWriter();
        try (TraceBudget t = new TraceBudget(new PerfettoTraceWriter(s, "p"), 1, 1.0)) {
            t.begin("a", "x", 0);
            t.end("a", "x", 1);
            t.begin("a", "y", 2);
            t.end("a", "y", 3);
        }
        String json = s.toString();
        assertTrue(json.contains("\"otherData\":{\"aggregation\":"), json);
        assertTrue(json.contains("1 operation, aggregated"), json);
        assertThrows(IllegalStateException.class, () -> new TraceBudget(TraceSink.NONE, 1, 1).end("a", "x", 0));
    }
}
