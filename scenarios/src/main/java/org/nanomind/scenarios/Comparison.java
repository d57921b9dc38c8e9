package org.nanomind.scenarios;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variants of a scenario run side by side: each is the scenario with some fields replaced, run with the
 * same seed into its own folder; DIR/comparison.csv and DIR/comparison.json set their figures next to each
 * other, with each variant's change against the first, the baseline.
 */
public record Comparison(String scenario, List<String> variants, List<Summary> summaries) {
    public Comparison {
        variants = List.copyOf(variants);
        summaries = List.copyOf(summaries);
    }

    /** Runs every variant of {@code sc} (which must have some); writes under {@code out} unless it is null. */
    public static Comparison run(Scenario sc, Path out, PrintWriter progress) {
        if (sc.variants().isEmpty()) {
            throw new IllegalArgumentException(sc.name() + " has no variants to compare");
        }
        List<String> names = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        for (Scenario.Variant v : sc.variants()) {
            if (progress != null) {
                progress.printf("  variant %s ...%n", v.name());
                progress.flush();
            }
            names.add(v.name());
            summaries.add(Runner.run(sc.variant(v), out == null ? null : out.resolve(v.name()), progress));
        }
        Comparison c = new Comparison(sc.name(), names, summaries);
        if (out != null) {
            c.write(out);
            try {
                Files.writeString(out.resolve("scenario.yaml"), ScenarioFile.text(sc), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out.resolve("scenario.yaml"), e);
            }
        }
        return c;
    }

    /** The summary of the variant called {@code name}. */
    public Summary of(String name) {
        int i = variants.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no variant '" + name + "' in " + scenario + " (it has " + variants + ")");
        }
        return summaries.get(i);
    }

    /** Units with a busy figure in any variant, in first-seen order. */
    public List<String> units() {
        Set<String> u = new LinkedHashSet<>();
        summaries.forEach(s -> u.addAll(s.busyPercent().keySet()));
        return List.copyOf(u);
    }

    /** Each variant's figures, by column, as comparison.csv has them. */
    public List<Map<String, Object>> rows() {
        Summary base = summaries.getFirst();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            Summary s = summaries.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("variant", variants.get(i));
            r.put("battery_hours", s.batteryHours() == null ? Double.NaN : s.batteryHours());
            r.put("latency_p50_s", s.latencyP50());
            r.put("latency_p95_s", s.latencyP95());
            r.put("decode_tokens_per_s", s.decodeTokensPerSecond());
            r.put("decode_bound_tokens_per_s", s.decodeBoundTokensPerSecond());
            r.put("energy_per_query_j", s.energyPerQueryJoules());
            // The run's energy by component shared over its answered events, standby included: where a query's joules go.
            for (String comp : org.nanomind.soc.Soc.COMPONENTS) {
                r.put(comp + "_j_per_answer", s.queries() == 0 ? Double.NaN : s.energyJoules().getOrDefault(comp, 0.0) / s.queries());
            }
            r.put("peak_memory_mb", s.peakMemoryMb());
            r.put("peak_gpu_memory_mb", s.peakGpuMemoryMb());
            for (String u : units()) {
                r.put(u + "_busy_pct", s.busyPercent().getOrDefault(u, 0.0));
            }
            r.put("latency_change_pct", change(s.latencyP50(), base.latencyP50()));
            r.put("energy_change_pct", change(s.energyPerQueryJoules(), base.energyPerQueryJoules()));
            r.put("gpu_memory_change_pct", change(s.peakGpuMemoryMb(), base.peakGpuMemoryMb()));
            r.put("failures", s.failures().size());
            rows.add(r);
        }
        return rows;
    }

    /** Relative change of {@code now} against {@code base}, in percent. */
    public static double change(double now, double base) {
        return base <= 0 ? Double.NaN : 100 * (now - base) / base;
    }

    private void write(Path out) {
        List<Map<String, Object>> rows = rows();
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("# " + scenario + ": one row a variant; *_change_pct against the first"
                    + " (" + variants.getFirst() + "); busy as top and devfreq count it, over the time events were answered\n");
            csv.append(String.join(",", rows.getFirst().keySet())).append('\n');
            for (Map<String, Object> r : rows) {
                csv.append(String.join(",", r.values().stream().map(String::valueOf).toList())).append('\n');
            }
            Files.writeString(out.resolve("comparison.csv"), csv, StandardCharsets.UTF_8);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", scenario);
            json.put("baseline", variants.getFirst());
            json.put("variants", rows.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>(r);
                m.replaceAll((k, v) -> v instanceof Double d && !Double.isFinite(d) ? null : v);
                return m;
            }).toList());
            JsonFiles.write(out.resolve("comparison.json"), json);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot write the comparison to " + out + ": " + e.getMessage(), e));
        }
    }
}
