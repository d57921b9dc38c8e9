package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * cpufreq's performance and powersave: "requests the highest (lowest) frequency" allowed (cpufreq.rst), whatever
 * the load, so it never needs to sample again.
 */
public record Extreme(boolean highest) implements Governor {
    @Override
    public String name() {
        return highest ? "performance" : "powersave";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        return highest ? table.highest() : table.lowest();
    }
}
