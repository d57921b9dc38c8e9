package org.nanomind.soc;

import org.nanomind.power.Opp;
import org.nanomind.power.PmuSample;

/**
 * The paper's three-state power strategy, driven by the PMU's samples (never the model's internals):
 * unconstrained, the camera pipeline runs at its full frame rate with the memory controller at its top
 * OPP; throttled, the frame rate and the memory controller's clock scale down linearly with the charge;
 * critical, the pipeline is stopped and its modules released, and events run the on-demand cascade.
 */
public final class PowerStates {
    private final Soc soc;
    private final Policies.BatteryPolicy policy;
    private final CameraPipeline camera;
    private final Cascade cascade;
    private final double maxFps;
    private Policies.PowerState state;
    private double scale = Double.NaN;

    public PowerStates(Soc soc, Policies.BatteryPolicy policy, CameraPipeline camera, Cascade cascade, double maxFps) {
        if (!(maxFps > 0)) {
            throw new IllegalArgumentException("the camera frame rate must be > 0, got " + maxFps);
        }
        this.soc = soc;
        this.policy = policy;
        this.camera = camera;
        this.cascade = cascade;
        this.maxFps = maxFps;
    }

    /** The state in force; null before the first sample. */
    public Policies.PowerState state() {
        return state;
    }

    public CameraPipeline camera() {
        return camera;
    }

    /** The throttling factor in force (1 unconstrained). */
    public double scale() {
        return scale;
    }

    public void onSample(PmuSample s) {
        Policies.PowerState next = policy.state(s.soc());
        if (next == Policies.PowerState.CRITICAL) {
            if (state != Policies.PowerState.CRITICAL) {
                state = next;
                if (camera.isRunning()) {
                    camera.stop(cascade::idle);
                } else {
                    cascade.idle();
                }
            }
            return;
        }
        double k = policy.scale(s.soc());
        Opp top = soc.platform().dram().opps().highest();
        if (k != scale) {
            scale = k;
            soc.setOpp("dram", soc.platform().dram().opps().atMost(k * top.hz()));
            if (state == null) {
                camera.start(maxFps * k);
            } else {
                camera.setFps(maxFps * k);
            }
        }
        state = next;
    }
}
