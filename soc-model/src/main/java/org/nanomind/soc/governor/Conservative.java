package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * cpufreq's conservative (cpufreq.rst; drivers/cpufreq/cpufreq_conservative.c, cs_dbs_update): it keeps the
 * frequency it asked for and moves it by {@code freqStep} percent of the highest frequency at each sample, up
 * when the load is above {@code upThreshold}, down when below {@code downThreshold}; the OPP is the highest at
 * or below that frequency going up (CPUFREQ_RELATION_H) and the lowest at or above it going down
 * (CPUFREQ_RELATION_L), so on a coarse OPP table several steps may pass before the clock moves. One instance a
 * unit: the frequency asked for is its state.
 */
public final class Conservative implements Governor {
    private final double upThreshold;
    private final double downThreshold;
    private final double freqStep;
    private final double samplingSeconds;
    private double requested = Double.NaN;

    /**
     * @param upThreshold   percent (kernel default 80)
     * @param downThreshold percent, below upThreshold (kernel default 20)
     * @param freqStep      percent of the highest frequency a step moves (kernel default 5)
     */
    public Conservative(double upThreshold, double downThreshold, double freqStep, double samplingSeconds) {
        if (!(downThreshold < upThreshold)) {
            throw new IllegalArgumentException("down_threshold must be below up_threshold, got " + downThreshold + " and " + upThreshold);
        }
        this.upThreshold = upThreshold;
        this.downThreshold = downThreshold;
        this.freqStep = freqStep;
        this.samplingSeconds = samplingSeconds;
    }

    @Override
    public String name() {
        return "conservative";
    }

    /** The frequency it last asked for (NaN before its first sample). */
    public double requestedHz() {
        return requested;
    }

    /** Settled once the frequency it asks for has stepped down to the lowest: no further idle sample moves it. */
    @Override
    public boolean idleSettled(Opp current, OppTable table) {
        return !Double.isNaN(requested) && requested <= table.lowest().hz() && current.equals(table.lowest());
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return samplingSeconds;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        if (Double.isNaN(requested)) {
            requested = current.hz();
        }
        double step = freqStep / 100 * table.highest().hz();
        double load = 100 * busy;
        if (load > upThreshold) {
            requested = Math.min(table.highest().hz(), requested + step);
            return table.atMost(requested);
        }
        if (load < downThreshold) {
            requested = Math.max(table.lowest().hz(), requested - step);
            return table.atLeast(requested);
        }
        return current;
    }
}
