package org.nanomind.power;

import java.util.List;

/** A unit's OPPs, sorted by strictly increasing frequency with non-decreasing voltage (as in a device tree). */
public record OppTable(List<Opp> opps) {
    public OppTable {
        opps = List.copyOf(opps);
        if (opps.isEmpty()) {
            throw new IllegalArgumentException("an OPP table needs at least one OPP");
        }
        for (int i = 1; i < opps.size(); i++) {
            Opp a = opps.get(i - 1);
            Opp b = opps.get(i);
            if (b.hz() <= a.hz()) {
                throw new IllegalArgumentException("OPPs must be sorted by increasing frequency: " + b.mhz()
                        + " MHz follows " + a.mhz() + " MHz (entry " + i + ")");
            }
            if (b.volts() < a.volts()) {
                throw new IllegalArgumentException("OPP voltage must not drop as frequency rises: " + b.volts()
                        + " V at " + b.mhz() + " MHz after " + a.volts() + " V (entry " + i + ")");
            }
        }
    }

    public Opp highest() {
        return opps.getLast();
    }

    public Opp lowest() {
        return opps.getFirst();
    }

    /** The fastest OPP at or below {@code maxHz}; the lowest OPP if none is. */
    public Opp atMost(double maxHz) {
        Opp best = opps.getFirst();
        for (Opp o : opps) {
            if (o.hz() <= maxHz) {
                best = o;
            }
        }
        return best;
    }

    /** The slowest OPP at or above {@code minHz}; the highest OPP if none is (cpufreq's CPUFREQ_RELATION_L). */
    public Opp atLeast(double minHz) {
        for (Opp o : opps) {
            if (o.hz() >= minHz) {
                return o;
            }
        }
        return opps.getLast();
    }

    /** The OPP nearest to {@code hz}, the lower on a tie (cpufreq's CPUFREQ_RELATION_C). */
    public Opp nearest(double hz) {
        Opp best = opps.getFirst();
        for (Opp o : opps) {
            if (Math.abs(o.hz() - hz) < Math.abs(best.hz() - hz)) {
                best = o;
            }
        }
        return best;
    }
}
