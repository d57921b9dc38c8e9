package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * cpufreq's schedutil (cpufreq.rst; kernel/sched/cpufreq_schedutil.c, get_next_freq): the next frequency is
 * {@code 1.25 x max x util / capacity}, the 1.25 being its headroom, and the OPP the lowest at or above it
 * (CPUFREQ_RELATION_L). Utilization is frequency-invariant: a CPU busy all the time at half the top clock has
 * half the utilization, so from a low clock the governor climbs by at most 25 % a step and settles where the
 * work keeps the CPU 80 % busy. It may change the frequency at most once a {@code rateLimitSeconds}
 * (rate_limit_us). The twin takes the utilization as the busy fraction of that window times the clock's share
 * of the top, not the scheduler's PELT average (32 ms half-life): on windows of several milliseconds the two
 * differ in their transients, not in where they settle.
 */
public record Schedutil(double rateLimitSeconds) implements Governor {
    /** The headroom: a utilization of 80 % asks for the top frequency. */
    public static final double HEADROOM = 1.25;

    @Override
    public String name() {
        return "schedutil";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return rateLimitSeconds;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        double util = busy * current.hz() / table.highest().hz();
        return table.atLeast(HEADROOM * table.highest().hz() * util);
    }
}
