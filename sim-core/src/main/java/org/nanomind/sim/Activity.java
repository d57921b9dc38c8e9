package org.nanomind.sim;

import java.util.function.Consumer;

/**
 * Work in progress on one or more resources of a {@link FluidModel}. Its rate is expressed in the units
 * of its first demand per second; on each other resource it consumes that rate times the ratio of the
 * demands, so all demands finish together (a roofline: the tightest resource sets the pace).
 */
public final class Activity {
    final FluidModel model;
    private final String track;
    private final String name;
    final Resource[] resources;
    /** Demand on each resource divided by the first demand. */
    final double[] weights;
    private final double amount;
    final double rateCap;
    final Consumer<Activity> onComplete;
    private final double startTime;
    double endTime = Double.NaN;
    double remaining;
    double rate;
    boolean frozen;
    /** Index in the model's list of active activities, or -1 once finished or aborted. */
    int slot = -1;

    Activity(FluidModel model, String track, String name, Resource[] resources, double[] weights,
             double amount, double rateCap, Consumer<Activity> onComplete, double startTime) {
        this.model = model;
        this.track = track;
        this.name = name;
        this.resources = resources;
        this.weights = weights;
        this.amount = amount;
        this.rateCap = rateCap;
        this.onComplete = onComplete;
        this.startTime = startTime;
        this.remaining = amount;
    }

    /** The trace track this activity is drawn on (a unit, a core). */
    public String track() {
        return track;
    }

    public String name() {
        return name;
    }

    /** Total work, in units of the first demand. */
    public double amount() {
        return amount;
    }

    /** Work left now, in units of the first demand. */
    public double remaining() {
        return slot < 0 ? 0.0 : Math.max(0.0, remaining - rate * model.sinceLastUpdate());
    }

    /** Current rate in units of the first demand per second. */
    public double rate() {
        return rate;
    }

    public boolean isActive() {
        return slot >= 0;
    }

    public double startTime() {
        return startTime;
    }

    /** When the activity finished or was aborted; NaN while it runs. */
    public double endTime() {
        return endTime;
    }

    @Override
    public String toString() {
        return track + "/" + name;
    }
}
