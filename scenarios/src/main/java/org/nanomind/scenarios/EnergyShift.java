package org.nanomind.scenarios;

import java.util.List;
import java.util.Locale;

/**
 * Why a variant's energy moved against the baseline, from the two runs' energy by component over the same
 * simulated time and events: the compute units (cpu, gpu, npu) against what draws power as long as the device
 * is awake or an event lasts (dram, board, peripherals). A slower clock saves on the units by its lower voltage
 * but stretches every event; when the time-bound part grows more than the units save, racing to idle (running
 * fast, then sleeping) was the better policy. A clock held high while waiting raises the units' idle power.
 */
public record EnergyShift(double unitsJoules, double timeBoundJoules, double latencyRatio) {
    static final List<String> UNITS = List.of("cpu", "gpu", "npu");
    static final List<String> TIME_BOUND = List.of("dram", "board", "peripherals");

    public static EnergyShift of(Summary variant, Summary base) {
        return new EnergyShift(sum(variant, UNITS) - sum(base, UNITS), sum(variant, TIME_BOUND) - sum(base, TIME_BOUND),
                variant.latencyP50() / base.latencyP50());
    }

    private static double sum(Summary s, List<String> components) {
        return components.stream().mapToDouble(c -> s.energyJoules().getOrDefault(c, 0.0)).sum();
    }

    /** The change in total energy, joules. */
    public double totalJoules() {
        return unitsJoules + timeBoundJoules;
    }

    /** One sentence: what moved and why. */
    public String reason() {
        String moved = String.format(Locale.ROOT, "%+.0f J (units %+.0f J, DRAM/board/peripherals %+.0f J), latency p50 x%.2f",
                totalJoules(), unitsJoules, timeBoundJoules, latencyRatio);
        if (Math.abs(totalJoules()) < 1) {
            return "no change: " + moved;
        }
        if (latencyRatio > 1.05 && timeBoundJoules > 0 && timeBoundJoules > -unitsJoules) {
            return "race to idle wins over it: " + moved + "; its events took longer, and what draws power for as long as an"
                    + " event lasts cost more than its units saved";
        }
        if (totalJoules() > 0 && unitsJoules > timeBoundJoules) {
            return "the units drew more for no shorter events: " + moved + "; clocks held higher than the work needs (while"
                    + " waiting, or at a higher voltage), or the units' work cost more";
        }
        return (totalJoules() < 0 ? "saved energy: " : "cost more: ") + moved;
    }
}
