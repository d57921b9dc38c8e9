package org.nanomind.soc.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanomind.power.Battery;
import org.nanomind.power.EnergyLedger;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.TraceSink;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Soc;
import org.nanomind.soc.cost.CostModel;

/** A governor on a running Soc: it owns the unit's clock, pays the switching latency, and sleeps while the unit idles. */
class GovernorDriverTest {
    static final Platform P = PlatformFile.named("nanomind-rk3566");

    static Soc soc(Simulation sim) {
        return new Soc(sim, P, new EnergyLedger(new Battery(P.battery()), 0, Soc.COMPONENTS), TraceSink.NONE);
    }

    /** {@code seconds} of work for one core at the top clock, on one core of the A55s. */
    static void work(Soc soc, double seconds, Runnable done) {
        soc.execute("a55", "work", new CostModel.Cost(0, seconds * P.cpu().opps().highest().hz(), 1, 0), done);
    }

    @Test
    void theGovernorOwnsTheClockAndEachSwitchWaitsForTheLatency() {
        Simulation sim = new Simulation();
        Soc soc = soc(sim);
        double latency = 40e-6;
        GovernorDriver d = GovernorDriver.attach(soc, "a55", Governors.named("ondemand"), latency);
        // Idle at boot: its first sample (load 0) asks for the lowest clock, which arrives after the latency.
        assertEquals(P.cpu().opps().highest(), soc.opp("a55"));
        sim.runUntil(latency / 2);
        assertEquals(P.cpu().opps().highest(), soc.opp("a55"), "not before the switching latency");
        sim.runUntil(latency * 2);
        assertEquals(P.cpu().opps().lowest(), soc.opp("a55"));
        soc.setOpp("a55", P.cpu().opps().highest());
        assertEquals(P.cpu().opps().lowest(), soc.opp("a55"), "a schedule's request does not move a governed clock");
        // Busy: within a sampling period (10 ms) plus the latency it runs at the top.
        work(soc, 1.0, () -> { });
        sim.runUntil(sim.now() + 0.010 + 2 * latency);
        assertEquals(P.cpu().opps().highest(), soc.opp("a55"));
        assertTrue(d.switches() >= 2, "down at boot, up under load: " + d.switches());
    }

    @Test
    void anIdleUnitWakesNoGovernor() {
        Simulation sim = new Simulation();
        Soc soc = soc(sim);
        GovernorDriver d = GovernorDriver.attach(soc, "a55", Governors.named("ondemand"), 40e-6);
        work(soc, 0.5, () -> { });
        sim.runUntil(1000);
        // Half a second of work (slowed at first by the low clock) is tens of 10 ms samples; 1000 s of idling adds none.
        assertTrue(d.samples() < 100, "samples: " + d.samples());
        int before = d.samples();
        work(soc, 0.2, () -> { });
        sim.runUntil(2000);
        assertTrue(d.samples() > before, "work wakes it again");
        assertEquals(P.cpu().opps().lowest(), soc.opp("a55"), "and idle again it ends at the bottom");
    }

    @Test
    void conservativeStepsAllTheWayDownBeforeItSleeps() {
        Simulation sim = new Simulation();
        Soc soc = soc(sim);
        GovernorDriver.attach(soc, "a55", Governors.named("conservative"), 40e-6);
        sim.runUntil(10);
        assertEquals(P.cpu().opps().lowest(), soc.opp("a55"), "idle: stepped down freq_step by freq_step to the bottom");
    }
}
