package org.nanomind.soc.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.OperatorClass;

/**
 * Writes fitted runtimes back into a platform file's text. Only the fitted values change: each runtime's
 * launch and invoke overheads, parallel fraction, size curve and efficiency tables, each with a comment saying it was
 * fitted; every other line (units, versions, arithmetic, fallbacks and their sources, the rest of the
 * file) is kept as it was. What calibration writes is a platform file; nothing reaches back into a run.
 */
public final class RuntimesYaml {
    private static final Set<String> SCALARS = Set.of("launch_overhead", "invoke_overhead", "parallel_fraction", "parallel_fraction_light", "half_size",
            "half_size_3x3s1");

    private RuntimesYaml() {
    }

    /** {@code text} with the fitted values of {@code rs}; {@code provenance} says what they were fitted on. */
    public static String replace(String text, CostFit.Result fit, String provenance) {
        Map<String, Runtime> rs = fit.platform().runtimes();
        List<String> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        boolean inRuntimes = false;
        Runtime current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inRuntimes = line.startsWith("runtimes:");
                current = null;
                out.add(inRuntimes ? "runtimes:                             # " + provenance : line);
                continue;
            }
            if (!inRuntimes) {
                out.add(line);
                continue;
            }
            if (line.startsWith("  ") && !line.startsWith("   ") && line.contains(":") && !line.strip().startsWith("#")) {
                current = rs.get(line.strip().substring(0, line.strip().indexOf(':')));
                if (current != null && !fit.touched(current.name()) && (current.like().isEmpty() || !fit.touched(current.like()))) {
                    current = null; // nothing fitted: its lines stay as they are
                }
                out.add(line);
                continue;
            }
            String key = line.strip().contains(":") ? line.strip().substring(0, line.strip().indexOf(':')) : "";
            if (current != null && line.startsWith("    ") && !line.startsWith("     ") && SCALARS.contains(key)) {
                continue; // written below, with the efficiency block
            }
            if (current != null && line.startsWith("    efficiency:")) {
                out.addAll(fitted(current, fit));
                while (i + 1 < lines.size() && (lines.get(i + 1).startsWith("      ") || lines.get(i + 1).isBlank() && i + 2 < lines.size()
                        && lines.get(i + 2).startsWith("      "))) {
                    i++;
                }
                continue;
            }
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    /** A runtime's fitted lines: its scalars (a version has none of its own) and its efficiency tables. */
    private static List<String> fitted(Runtime r, CostFit.Result fit) {
        List<String> b = new ArrayList<>();
        if (r.like().isEmpty()) {
            b.add(String.format(Locale.ROOT, "    launch_overhead: %.2f us              # fitted: each operator", r.launchSeconds() * 1e6));
            b.add(String.format(Locale.ROOT, "    invoke_overhead: %.1f us              # fitted: each inference call", r.invokeSeconds() * 1e6));
            b.add(String.format(Locale.ROOT, "    parallel_fraction: %.4f               # fitted where threads vary (Amdahl's p)", r.parallelFraction()));
            b.add(String.format(Locale.ROOT, "    parallel_fraction_light: %.4f         # fitted where threads vary: operators without MACs",
                    r.lightParallelFraction()));
            b.add(String.format(Locale.ROOT, "    half_size: %.3f                      # fitted: narrowest GEMM dimension at half efficiency", r.halfSize()));
            b.add(String.format(Locale.ROOT, "    half_size_3x3s1: %.3f               # fitted: the same for Winograd-shaped convolutions", r.winogradHalfSize()));
        }
        b.add("    efficiency:                       # fitted: achieved / peak at the arithmetic, by operator class");
        for (Map.Entry<Precision, Map<OperatorClass, Double>> t : r.efficiency().entrySet()) {
            if (!r.like().isEmpty() && !r.own().contains(t.getKey())) {
                continue;
            }
            b.add("      " + t.getKey().name().toLowerCase(Locale.ROOT) + ":");
            for (Map.Entry<OperatorClass, Double> e : t.getValue().entrySet()) {
                String owner = r.like().isEmpty() || r.own().contains(t.getKey()) ? r.name() : r.like();
                boolean data = fit.fitted(owner, t.getKey(), e.getKey()) || fit.fitted(r.name(), t.getKey(), e.getKey())
                        || t.getKey() != CostFit.floatTable(r) && fit.fitted(owner, CostFit.floatTable(r), e.getKey());
                boolean bound = fit.uninformed(owner, t.getKey(), e.getKey()) || fit.uninformed(r.name(), t.getKey(), e.getKey());
                b.add(String.format(Locale.ROOT, "        %s: %.4f%s", e.getKey().key(), e.getValue(),
                        !data ? "                # the prior: no measurement uses this class"
                                : bound ? "                # the prior: memory-bound wherever the measurements run it" : ""));
            }
        }
        return b;
    }
}
