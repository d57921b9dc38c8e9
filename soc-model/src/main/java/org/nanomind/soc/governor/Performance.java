package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/** cpufreq's performance: "requests the highest frequency" allowed (cpufreq.rst); it never needs to sample again. */
public record Performance() implements Governor {
    @Override
    public String name() {
        return "performance";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        return table.highest();
    }
}
