package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fluid max-min sharing against hand-computed cases, to 1e-9 relative. */
class FluidModelTest {
    private static final double REL = 1e-9;
    private final Simulation sim = new Simulation();
    private final FluidModel fluid = new FluidModel(sim);

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * REL, what);
    }

    @Test
    void aLoneFlowTakesAmountOverCapacity() {
        Resource link = fluid.resource("link", 100.0);
        Activity a = fluid.start("a", List.of(new Demand(link, 250.0)), null);
        sim.run();
        near(2.5, a.endTime(), "250 units at 100/s");
        near(250.0, link.delivered(), "everything delivered");
    }

    @Test
    void twoEqualFlowsOnOneLinkFinishTogetherAtTwiceTheLoneTime() {
        Resource link = fluid.resource("link", 1e9);
        Activity a = fluid.start("a", List.of(new Demand(link, 3e9)), null);
        Activity b = fluid.start("b", List.of(new Demand(link, 3e9)), null);
        near(5e8, a.rate(), "each gets half");
        sim.run();
        near(6.0, a.endTime(), "a: 2 x 3 s");
        near(6.0, b.endTime(), "b: 2 x 3 s");
    }

    @Test
    void aCappedFlowLeavesTheRemainderToTheOther() {
        Resource link = fluid.resource("link", 100.0);
        Activity capped = fluid.start("link", "capped", List.of(new Demand(link, 300.0)), 30.0, null);
        Activity free = fluid.start("free", List.of(new Demand(link, 1000.0)), null);
        near(30.0, capped.rate(), "the cap binds");
        near(70.0, free.rate(), "the other takes the rest");
        sim.run();
        near(10.0, capped.endTime(), "300 at 30/s");
        // free: 700 done by t=10, then 300 left at the full 100/s.
        near(13.0, free.endTime(), "700 in 10 s, then 300 at 100/s");
    }

    @Test
    void aFlowOverTwoResourcesIsLimitedByTheTighterOne() {
        Resource fast = fluid.resource("fast", 100.0);
        Resource slow = fluid.resource("slow", 40.0);
        Activity a = fluid.start("a", List.of(new Demand(fast, 200.0), new Demand(slow, 200.0)), null);
        near(40.0, a.rate(), "the slow link sets the pace");
        sim.run();
        near(5.0, a.endTime(), "200 at 40/s");
    }

    @Test
    void computeAndBytesFollowTheRoofline() {
        Resource unit = fluid.resource("unit", 50.0);  // FLOP/s
        Resource dram = fluid.resource("dram", 100.0); // B/s
        // 100 FLOP alone take 2 s, 400 B alone take 4 s: memory-bound, 4 s.
        Activity op = fluid.start("op", List.of(new Demand(dram, 400.0), new Demand(unit, 100.0)), null);
        near(25.0, unit.load(), "the unit runs at half its peak while waiting on memory");
        sim.run();
        near(4.0, op.endTime(), "max(100/50, 400/100)");
    }

    @Test
    void aCapacityChangeMidFlightTakesEffectAtThatInstant() {
        Resource link = fluid.resource("link", 100.0);
        Activity a = fluid.start("a", List.of(new Demand(link, 1000.0)), null);
        sim.scheduleAt(4.0, () -> link.setCapacity(50.0));
        sim.run();
        // 400 done in 4 s, 600 left at 50/s: 12 s more.
        near(16.0, a.endTime(), "slowed at t=4");
        near(1000.0, link.delivered(), "work is conserved across the change");
    }

    @Test
    void progressiveFillingFreezesTheBottleneckFirst() {
        // f1 and f3 share link1 (1/s); f2 and f3 share link2 (2/s). link1 saturates first at 0.5 each,
        // then f2 takes the 1.5 that f3 leaves on link2.
        Resource link1 = fluid.resource("link1", 1.0);
        Resource link2 = fluid.resource("link2", 2.0);
        Activity f1 = fluid.start("f1", List.of(new Demand(link1, 100.0)), null);
        Activity f2 = fluid.start("f2", List.of(new Demand(link2, 100.0)), null);
        Activity f3 = fluid.start("f3", List.of(new Demand(link1, 100.0), new Demand(link2, 100.0)), null);
        near(0.5, f1.rate(), "f1");
        near(1.5, f2.rate(), "f2");
        near(0.5, f3.rate(), "f3");
    }

    @Test
    void aLightUserOfSharedMemoryRunsAtFullSpeedBesideAHeavyOne() {
        // Bandwidth is shared in bytes: a compute-bound op needing 1 B/s of a 5 B/s memory keeps its pace,
        // a memory-bound op gets the 4 B/s left.
        Resource dram = fluid.resource("dram", 5.0);
        Resource gpu = fluid.resource("gpu", 10.0);
        Resource npu = fluid.resource("npu", 1000.0);
        Activity light = fluid.start("light", List.of(new Demand(dram, 10.0), new Demand(gpu, 100.0)), null);
        Activity heavy = fluid.start("heavy", List.of(new Demand(dram, 100.0), new Demand(npu, 1.0)), null);
        near(1.0, light.rate(), "compute-bound: 100 FLOP at 10/s means 1 B/s");
        near(4.0, heavy.rate(), "the rest of the bandwidth");
        near(5.0, dram.load(), "memory saturated");
    }

    @Test
    void completionCallbacksCanStartNewWorkAtTheSameInstant() {
        Resource link = fluid.resource("link", 10.0);
        List<String> log = new ArrayList<>();
        fluid.start("first", List.of(new Demand(link, 10.0)), done -> {
            log.add("first@" + sim.now());
            fluid.start("second", List.of(new Demand(link, 20.0)), d2 -> log.add("second@" + sim.now()));
        });
        sim.run();
        assertEquals(List.of("first@1.0", "second@3.0"), log);
    }

    @Test
    void abortStopsAFlowAndFreesItsShare() {
        Resource link = fluid.resource("link", 10.0);
        boolean[] called = new boolean[1];
        Activity a = fluid.start("a", List.of(new Demand(link, 100.0)), done -> called[0] = true);
        Activity b = fluid.start("b", List.of(new Demand(link, 100.0)), null);
        sim.scheduleAt(2.0, () -> assertTrue(fluid.abort(a)));
        sim.run();
        assertFalse(called[0], "an aborted activity's callback does not run");
        near(2.0, a.endTime(), "aborted at 2");
        // b: 10 done by t=2 at 5/s, then 90 at 10/s.
        near(11.0, b.endTime(), "b speeds up after the abort");
        assertFalse(fluid.abort(a), "aborting twice reports nothing to do");
    }

    @Test
    void zeroWorkCompletesAtOnceAndAZeroCapacityStalls() {
        Resource link = fluid.resource("link", 0.0);
        boolean[] done = new boolean[2];
        fluid.start("nothing", List.of(new Demand(link, 0.0)), a -> done[0] = true);
        Activity stalled = fluid.start("stalled", List.of(new Demand(link, 5.0)), a -> done[1] = true);
        sim.runUntil(100.0);
        assertTrue(done[0]);
        assertFalse(done[1]);
        near(5.0, stalled.remaining(), "no progress on a zero capacity");
        link.setCapacity(1.0);
        sim.run();
        near(105.0, stalled.endTime(), "resumes when capacity returns");
    }

    @Test
    void listenersSeeTheNewLoadsAtEachChange() {
        Resource link = fluid.resource("link", 10.0);
        List<String> seen = new ArrayList<>();
        fluid.onRatesChanged(() -> seen.add(sim.now() + ":" + link.load()));
        fluid.start("a", List.of(new Demand(link, 10.0)), null);
        sim.scheduleAt(5.0, () -> link.setCapacity(20.0));
        sim.run();
        assertEquals(List.of("0.0:10.0", "1.0:0.0", "5.0:0.0"), seen);
    }

    @Test
    void misuseIsRefusedWithAMessageThatSaysWhatWasWrong() {
        Resource link = fluid.resource("link", 10.0);
        var neg = assertThrows(IllegalArgumentException.class, () -> new Demand(link, -1.0));
        assertTrue(neg.getMessage().contains("'link'") && neg.getMessage().contains(">= 0"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Demand(link, Double.NaN));
        var cap = assertThrows(IllegalArgumentException.class, () -> fluid.resource("dram", Double.NaN));
        assertTrue(cap.getMessage().contains("'dram'"), cap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fluid.resource("dram", -5.0));
        assertThrows(IllegalArgumentException.class, () -> link.setCapacity(-1.0));
        var rate = assertThrows(IllegalArgumentException.class,
                () -> fluid.start("t", "x", List.of(new Demand(link, 1.0)), 0.0, null));
        assertTrue(rate.getMessage().contains("rate cap"), rate.getMessage());
        Resource foreign = new FluidModel(sim).resource("other", 1.0);
        assertThrows(IllegalArgumentException.class, () -> fluid.start("x", List.of(new Demand(foreign, 1.0)), null));
    }
}
