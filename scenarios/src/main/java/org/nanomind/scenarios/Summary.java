package org.nanomind.scenarios;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found. Everything but {@code wallSeconds} is a function of the scenario and seed alone,
 * bit for bit. {@code batteryHours} is null when the battery did not run out.
 *
 * @param decodeBoundTokensPerSecond the DRAM roofline of decoding: the platform's achievable bandwidth over
 *                                   the bytes one answer token reads (NaN without a decoder)
 * @param energyPerQueryJoules       mean energy of an answered event, from its trigger until its answer played
 * @param busyPercent                by unit, how much of the answered events' time it was busy, as top and
 *                                   devfreq count (a CPU cluster's over all of its cores)
 * @param peakGpuMemoryMb            the most memory mapped for the GPU at once (its buffers on unified DRAM)
 * @param functional                 a functional run's answers, work checks and accuracy proxies; null otherwise
 * @param graphs                     by graph brick, where its operators ran: the runtime, operators by unit,
 *                                   those that fell back from the runtime asked for, and handovers; null without
 *                                   graph bricks
 * @param accuracy                   by brick, its quality loss where a source gives one ({@link BrickAccuracy})
 */
public record Summary(String scenario, long seed, double simulatedSeconds, Double batteryHours, double averagePowerWatts,
                      Map<String, Double> energyJoules, int queries, double latencyP50, double latencyP95,
                      double latencyMax, double decodeTokensPerSecond, double decodeBoundTokensPerSecond,
                      double energyPerQueryJoules, Map<String, Double> busyPercent, double peakMemoryMb,
                      double peakGpuMemoryMb, long events, List<String> failures, Map<String, Object> functional,
                      Map<String, Object> graphs, Map<String, Object> accuracy, double wallSeconds) {
    public Summary {
        // Insertion order kept: Map.copyOf iterates in an order that changes from one JVM to the next.
        energyJoules = Collections.unmodifiableMap(new LinkedHashMap<>(energyJoules));
        busyPercent = Collections.unmodifiableMap(new LinkedHashMap<>(busyPercent));
        failures = List.copyOf(failures);
        accuracy = accuracy == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
    }

    /**
     * The numeric figures by dotted name, as goldens, sweeps and objectives name them; NaN where a figure
     * does not exist (no battery hours when the battery did not run out).
     */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("battery_hours", batteryHours == null ? Double.NaN : batteryHours);
        f.put("average_power_w", averagePowerWatts);
        energyJoules.forEach((k, v) -> f.put("energy_j." + k, v));
        f.put("queries", (double) queries);
        f.put("latency_s.p50", latencyP50);
        f.put("latency_s.p95", latencyP95);
        f.put("latency_s.max", latencyMax);
        f.put("decode_tokens_per_s", decodeTokensPerSecond);
        f.put("decode_bound_tokens_per_s", decodeBoundTokensPerSecond);
        f.put("energy_per_query_j", energyPerQueryJoules);
        busyPercent.forEach((k, v) -> f.put("busy_percent." + k, v));
        f.put("peak_memory_mb", peakMemoryMb);
        f.put("peak_gpu_memory_mb", peakGpuMemoryMb);
        f.put("failures", (double) failures.size());
        f.putAll(BrickAccuracy.figures(accuracy));
        if (functional != null && functional.get("accuracy") instanceof Map<?, ?> acc) {
            // The accuracy proxies of a functional run, so that a sweep can take them as objectives.
            acc.forEach((part, m) -> {
                if (m instanceof Map<?, ?> values) {
                    for (String k : List.of("relative_error", "cosine")) {
                        if (values.get(k) instanceof Number n) {
                            f.put("accuracy." + part + "." + k, n.doubleValue());
                        }
                    }
                }
            });
        }
        return f;
    }
}
