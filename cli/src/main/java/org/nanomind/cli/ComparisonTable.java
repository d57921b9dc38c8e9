package org.nanomind.cli;

import java.util.List;
import org.nanomind.scenarios.Comparison;
import org.nanomind.scenarios.Summary;

/** A comparison's variants as a table for the terminal, with each one's change against the baseline and why its energy moved. */
final class ComparisonTable {
    private ComparisonTable() {
    }

    static String format(Comparison c) {
        List<String> units = c.units();
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-26s %9s %9s %9s %8s %8s %10s %9s %9s", "variant", "battery h", "p50 s", "p95 s", "tok/s", "bound",
                "J/query", "mem MB", "GPU MB"));
        units.forEach(u -> b.append(String.format(" %7s", u + " %")));
        b.append(String.format(" %9s %9s%n", "energy", "GPU mem"));
        Summary base = c.summaries().getFirst();
        for (int i = 0; i < c.variants().size(); i++) {
            Summary s = c.summaries().get(i);
            b.append(String.format("%-26s %9s %9.2f %9.2f %8.2f %8.2f %10.1f %9.1f %9.1f", c.variants().get(i),
                    s.batteryHours() == null ? "-" : String.format("%.2f", s.batteryHours()), s.latencyP50(), s.latencyP95(),
                    s.decodeTokensPerSecond(), s.decodeBoundTokensPerSecond(), s.energyPerQueryJoules(), s.peakMemoryMb(),
                    s.peakGpuMemoryMb()));
            units.forEach(u -> b.append(String.format(" %7.1f", s.busyPercent().getOrDefault(u, 0.0))));
            b.append(i == 0 ? String.format(" %9s %9s%n", "baseline", "baseline") : String.format(" %9s %9s%n",
                    change(s.energyPerQueryJoules(), base.energyPerQueryJoules()), change(s.peakGpuMemoryMb(), base.peakGpuMemoryMb())));
        }
        for (int i = 1; i < c.variants().size(); i++) {
            b.append(c.variants().get(i)).append(": ").append(org.nanomind.scenarios.EnergyShift.of(c.summaries().get(i), base).reason())
                    .append('\n');
        }
        return b.toString();
    }

    /** The change against the baseline in percent, or "-" where the baseline is zero (no GPU memory, say). */
    private static String change(double value, double baseline) {
        double c = Comparison.change(value, baseline);
        return Double.isFinite(c) ? String.format("%+.1f%%", c) : "-";
    }
}
