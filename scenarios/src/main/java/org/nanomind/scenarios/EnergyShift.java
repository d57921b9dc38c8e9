package org.nanomind.scenarios;

import java.util.List;
import java.util.Locale;

/**
 * Why a variant's energy moved against the baseline, from the two runs' energy by component: over the same
 * simulated time where both ran equally long (a fixed duration), or per answered event where they did not (runs
 * until the battery is empty, whose totals are both the battery's capacity). The compute units (cpu, gpu, npu) against what draws power as long as the device
 * is awake or an event lasts (dram, board, peripherals). A slower clock saves on the units by its lower voltage
 * but stretches every event; when the time-bound part grows more than the units save, racing to idle (running
 * fast, then sleeping) was the better policy. A clock held high while waiting raises the units' idle power.
 */
public record EnergyShift(double unitsJoules, double timeBoundJoules, double latencyRatio, boolean perEvent) {
    static final List<String> UNITS = List.of("cpu", "gpu", "npu");
    static final List<String> TIME_BOUND = List.of("dram", "board", "peripherals");

    public static EnergyShift of(Summary variant, Summary base) {
        boolean perEvent = variant.simulatedSeconds() != base.simulatedSeconds() && variant.queries() > 0 && base.queries() > 0;
        return new EnergyShift(sum(variant, UNITS, perEvent) - sum(base, UNITS, perEvent),
                sum(variant, TIME_BOUND, perEvent) - sum(base, TIME_BOUND, perEvent), variant.latencyP50() / base.latencyP50(), perEvent);
    }

    private static double sum(Summary s, List<String> components, boolean perEvent) {
        double j = components.stream().mapToDouble(c -> s.energyJoules().getOrDefault(c, 0.0)).sum();
        return perEvent ? j / s.queries() : j;
    }

    /** The change in total energy, joules. */
    public double totalJoules() {
        return unitsJoules + timeBoundJoules;
    }

    /** One sentence: what moved and why. */
    public String reason() {
        String format = perEvent ? "%+.1f J an event (units %+.1f J, DRAM/board/peripherals %+.1f J), latency p50 x%.2f"
                : "%+.0f J (units %+.0f J, DRAM/board/peripherals %+.0f J), latency p50 x%.2f";
        String moved = String.format(Locale.ROOT, format, totalJoules(), unitsJoules, timeBoundJoules, latencyRatio);
        if (Math.abs(totalJoules()) < (perEvent ? 0.05 : 1)) {
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
