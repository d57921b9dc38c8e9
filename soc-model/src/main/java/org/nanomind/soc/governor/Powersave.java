package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/** cpufreq's powersave: "requests the lowest frequency" allowed (cpufreq.rst); it never needs to sample again. */
public record Powersave() implements Governor {
    @Override
    public String name() {
        return "powersave";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        return table.lowest();
    }
}
