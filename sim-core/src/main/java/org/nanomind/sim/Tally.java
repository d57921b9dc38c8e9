package org.nanomind.sim;

import org.djutils.stats.summarizers.quantileaccumulator.FullStorageAccumulator;

/**
 * Observations with count, mean, extremes and exact percentiles (latencies, say), on djutils' Tally.
 * Every observation is kept for the percentiles: a run's queries number thousands, not billions.
 */
public final class Tally {
    private final org.djutils.stats.summarizers.Tally tally;

    public Tally(String name) {
        this.tally = new org.djutils.stats.summarizers.Tally(name, new FullStorageAccumulator());
    }

    public void add(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("observation of '" + tally.getDescription() + "' is NaN");
        }
        tally.register(value);
    }

    public long count() {
        return tally.getN();
    }

    /** Mean of the observations; NaN when there are none. */
    public double mean() {
        return tally.getPopulationMean();
    }

    public double min() {
        return tally.getMin();
    }

    public double max() {
        return tally.getMax();
    }

    /** The {@code p}-th percentile (0-100) of the observations; NaN when there are none. */
    public double percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        return tally.getN() == 0 ? Double.NaN : tally.getQuantile(p / 100.0);
    }
}
