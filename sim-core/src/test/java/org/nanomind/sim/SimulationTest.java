package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void eventsRunInTimeOrderAndEqualTimesInSchedulingOrder() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.scheduleAt(2.0, () -> log.add("c@2"));
        sim.scheduleAt(1.0, () -> log.add("a@1"));
        sim.scheduleAt(1.0, () -> log.add("b@1"));
        sim.scheduleAt(2.0, () -> log.add("d@2"));
        sim.scheduleAt(1.0, () -> sim.schedule(0.0, () -> log.add("e@1 (scheduled at 1 for now)")));
        sim.run();
        assertEquals(List.of("a@1", "b@1", "e@1 (scheduled at 1 for now)", "c@2", "d@2"), log);
        assertEquals(2.0, sim.now());
        assertEquals(6, sim.eventsExecuted());
    }

    @Test
    void manyTiesKeepSchedulingOrderThroughTheHeap() {
        Simulation sim = new Simulation();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int id = i;
            sim.scheduleAt(i % 7, () -> order.add(id));
        }
        sim.run();
        for (int k = 1; k < order.size(); k++) {
            int prev = order.get(k - 1), cur = order.get(k);
            assertTrue(prev % 7 < cur % 7 || (prev % 7 == cur % 7 && prev < cur), "order broken at " + k);
        }
    }

    @Test
    void cancelledEventsDoNotRunAndRescheduledOnesMove() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        Event x = sim.scheduleAt(1.0, () -> log.add("x"));
        Event y = sim.scheduleAt(2.0, () -> log.add("y"));
        sim.scheduleAt(3.0, () -> log.add("z"));
        assertTrue(sim.cancel(x));
        assertFalse(sim.cancel(x), "a second cancel reports that nothing was pending");
        sim.reschedule(y, 5.0);
        sim.run();
        assertEquals(List.of("z", "y"), log);
        assertEquals(5.0, y.time());
        assertFalse(y.isPending());
    }

    @Test
    void runUntilATimeStopsThereAndLeavesLaterEvents() {
        Simulation sim = new Simulation();
        List<Double> seen = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            sim.scheduleAt(i, () -> seen.add(sim.now()));
        }
        assertEquals(4, sim.runUntil(4.5));
        assertEquals(4.5, sim.now());
        assertEquals(6, sim.pending());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), seen);
        assertEquals(1, sim.runUntil(5.0), "an event exactly at the horizon runs");
    }

    @Test
    void runUntilAConditionChecksBeforeEachEvent() {
        Simulation sim = new Simulation();
        int[] count = new int[1];
        for (int i = 1; i <= 10; i++) {
            sim.scheduleAt(i, () -> count[0]++);
        }
        sim.runUntil(() -> count[0] >= 3);
        assertEquals(3, count[0]);
        assertEquals(3.0, sim.now());
    }

    @Test
    void stopReturnsAfterTheCurrentEvent() {
        Simulation sim = new Simulation();
        sim.scheduleAt(1.0, sim::stop);
        sim.scheduleAt(2.0, () -> { });
        sim.run();
        assertEquals(1.0, sim.now());
        assertEquals(1, sim.pending());
    }

    @Test
    void anExceptionInAnEventReachesTheCaller() {
        Simulation sim = new Simulation();
        sim.scheduleAt(1.0, () -> {
            throw new IllegalStateException("boom");
        });
        var e = assertThrows(IllegalStateException.class, sim::run);
        assertEquals("boom", e.getMessage());
    }

    @Test
    void misuseIsRefusedWithAMessageThatSaysWhatWasWrong() {
        Simulation sim = new Simulation();
        sim.scheduleAt(10.0, () -> { });
        sim.run();
        var past = assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(5.0, () -> { }));
        assertTrue(past.getMessage().contains("in the past"), past.getMessage());
        assertTrue(past.getMessage().contains("10.0"), past.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1.0, () -> { }));
        assertTrue(negative.getMessage().contains(">= 0"), negative.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> sim.schedule(Double.NaN, () -> { }));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(Double.POSITIVE_INFINITY, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(1.0, null));
        var back = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(3.0));
        assertTrue(back.getMessage().contains("already at"), back.getMessage());
    }
}
