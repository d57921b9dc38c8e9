package org.nanomind.sim;

import org.djutils.stats.summarizers.TimestampWeightedTally;

/**
 * A piecewise-constant quantity over simulated time (utilization, power, memory in use): its time-weighted
 * mean, its peak, and its integral (energy from power). The mean comes from djutils'
 * TimestampWeightedTally; the integral is kept exactly alongside it.
 */
public final class TimeWeighted {
    private final String name;
    private final TimestampWeightedTally tally;
    private final double start;
    private double lastTime;
    private double value;
    private double integral;
    private double max;

    public TimeWeighted(String name, double startTime, double initialValue) {
        this.name = name;
        this.tally = new TimestampWeightedTally(name);
        this.start = startTime;
        this.lastTime = startTime;
        this.value = initialValue;
        this.max = initialValue;
        tally.register(startTime, initialValue);
    }

    /** The quantity takes {@code newValue} from {@code time} on. */
    public void set(double time, double newValue) {
        if (time < lastTime || Double.isNaN(time)) {
            throw new IllegalArgumentException("'" + name + "' updated at t=" + time + " s, before its last update at t="
                    + lastTime + " s");
        }
        if (Double.isNaN(newValue)) {
            throw new IllegalArgumentException("'" + name + "' set to NaN at t=" + time + " s");
        }
        integral += value * (time - lastTime);
        lastTime = time;
        value = newValue;
        max = Math.max(max, newValue);
        tally.register(time, newValue);
    }

    public double value() {
        return value;
    }

    public double max() {
        return max;
    }

    /** Integral of the quantity from the start to {@code time} (which must not precede the last update). */
    public double integral(double time) {
        return integral + value * (time - lastTime);
    }

    /** Time-weighted mean from the start to {@code time}; the current value if no time has passed. */
    public double mean(double time) {
        if (time <= start) {
            return value;
        }
        if (time > lastTime) {
            set(time, value);
        }
        return tally.getWeightedPopulationMean();
    }
}
