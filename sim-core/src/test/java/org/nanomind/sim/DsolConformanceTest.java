package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleSupplier;
import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.Executable;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.ReplicationState;
import org.junit.jupiter.api.Test;

/**
 * sim-core's loop against DSOL's own DevsSimulator: the same hold model, with many events at equal
 * times, gives the same sequence of (time, event id) through both.
 */
class DsolConformanceTest {
    private static final double HORIZON = 500.1;
    private static final int CHAINS = 50;

    /** The model, written once against a minimal scheduling interface. */
    interface Scheduler {
        double now();

        void after(double delay, Runnable action);
    }

    static void holdModel(Scheduler s, List<String> trace, long seed) {
        // Delays in quarter seconds, zero included, so ties and "now" events are frequent.
        DoubleSupplier raw = new RandomStreams(seed).stream("hold").exponential(2.0);
        int[] nextId = {0};
        Runnable[] fire = new Runnable[1];
        fire[0] = () -> {
            trace.add(s.now() + "#" + nextId[0]++);
            s.after(Math.floor(raw.getAsDouble() * 4) / 4, fire[0]);
        };
        for (int i = 0; i < CHAINS; i++) {
            s.after(Math.floor(raw.getAsDouble() * 4) / 4, fire[0]);
        }
    }

    static List<String> throughSimulation(long seed) {
        Simulation sim = new Simulation();
        List<String> trace = new ArrayList<>();
        holdModel(new Scheduler() {
            public double now() {
                return sim.now();
            }

            public void after(double delay, Runnable action) {
                sim.schedule(delay, action);
            }
        }, trace, seed);
        sim.runUntil(HORIZON);
        return trace;
    }

    static List<String> throughDsol(long seed) throws Exception {
        DevsSimulator<Double> dsol = new DevsSimulator<>("conformance");
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        AbstractDsolModel<Double, DevsSimulator<Double>> model = new AbstractDsolModel<>(dsol) {
            @Override
            public void constructModel() {
                holdModel(new Scheduler() {
                    public double now() {
                        return dsol.getSimulatorTime();
                    }

                    public void after(double delay, Runnable action) {
                        dsol.scheduleEventRel(delay, (Executable) action::run);
                    }
                }, trace, seed);
            }
        };
        try {
            dsol.initialize(model, new SingleReplication<>("rep", 0.0, 0.0, HORIZON));
            dsol.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (dsol.getReplicationState() != ReplicationState.ENDED && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(ReplicationState.ENDED, dsol.getReplicationState(), "DSOL's replication ended in time");
        } finally {
            dsol.cleanUp();
        }
        synchronized (trace) {
            return new ArrayList<>(trace);
        }
    }

    @Test
    void theSameModelGivesTheSameTraceThroughDsolAndThroughSimulation() throws Exception {
        List<String> ours = throughSimulation(99);
        List<String> theirs = throughDsol(99);
        assertTrue(ours.size() > 5000, "a long enough run: " + ours.size());
        assertEquals(theirs.size(), ours.size(), "event counts");
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(theirs.get(i), ours.get(i), "event " + i);
        }
    }
}
