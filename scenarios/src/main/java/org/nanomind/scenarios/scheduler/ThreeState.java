package org.nanomind.scenarios.scheduler;

import java.util.Map;
import java.util.Set;
import org.nanomind.soc.Policies;

/**
 * The paper's three-state power strategy, driven by the PMU's samples (never the model's internals), over the
 * scenario's camera pipeline: unconstrained, the camera streams at its full frame rate with the memory controller at
 * its top OPP; throttled, the frame rate and the memory controller's clock scale down linearly with the charge;
 * critical, the pipeline stops and its modules are released, and events (wake words) run the on-demand cascade one
 * at a time. Events before the critical state are the stream's to answer: they are let pass, not queued.
 */
public final class ThreeState implements Scheduler {
    /** The cascade's order once critical: one event at a time, each loading and releasing the modules. */
    private final Scheduler cascade = Fifo.Provider.ON_DEMAND.create(Map.of());
    private Policies.PowerState state;
    private double scale = Double.NaN;

    @Override
    public void sampled(Board board, Sample s) {
        Camera camera = board.camera().orElseThrow(() -> new IllegalStateException("three-state needs the scenario's camera"));
        Policies.PowerState next = camera.battery().state(s.stateOfCharge());
        if (next == Policies.PowerState.CRITICAL) {
            if (state != Policies.PowerState.CRITICAL) {
                state = next;
                camera.stop();
            }
            return;
        }
        double k = camera.battery().scale(s.stateOfCharge());
        if (k != scale) {
            scale = k;
            board.requestOpp("dram", k * board.topHz("dram"));
            if (state == null) {
                camera.start(camera.maxFps() * k);
            } else {
                camera.setFps(camera.maxFps() * k);
            }
        }
        state = next;
    }

    @Override
    public void arrived(Board board, Event e) {
        if (state == Policies.PowerState.CRITICAL) {
            cascade.arrived(board, e);
        }
    }

    @Override
    public void finished(Board board, Event e, boolean answered) {
        cascade.finished(board, e, answered);
    }

    @Override
    public String state() {
        return state == null ? "unconstrained" : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code scheduler: three-state}, the default of a scenario with a camera section; the thresholds are the camera's. */
    public record Provider() implements SchedulerProvider {
        @Override
        public String name() {
            return "three-state";
        }

        @Override
        public Set<String> parameters() {
            return Set.of();
        }

        @Override
        public Scheduler create(Map<String, Double> params) {
            return new ThreeState();
        }
    }
}
