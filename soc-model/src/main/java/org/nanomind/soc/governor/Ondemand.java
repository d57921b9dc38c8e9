package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * cpufreq's ondemand (cpufreq.rst; drivers/cpufreq/cpufreq_ondemand.c, od_update): above {@code upThreshold}
 * percent load it jumps to the highest OPP and, there, samples {@code samplingDownFactor} times less often;
 * otherwise it asks for a frequency proportional to the load, {@code min + load x (max - min)}, and takes the
 * nearest OPP (CPUFREQ_RELATION_C).
 *
 * @param upThreshold        percent, 1..100 (kernel default 80)
 * @param samplingSeconds    sampling_rate (kernel default: the policy's transition delay, at most 10 ms)
 * @param samplingDownFactor 1..100000 (kernel default 1)
 */
public record Ondemand(double upThreshold, double samplingSeconds, double samplingDownFactor) implements Governor {
    @Override
    public String name() {
        return "ondemand";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return current.equals(table.highest()) ? samplingSeconds * samplingDownFactor : samplingSeconds;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        double load = 100 * busy;
        if (load > upThreshold) {
            return table.highest();
        }
        double min = table.lowest().hz();
        return table.nearest(min + load * (table.highest().hz() - min) / 100);
    }
}
