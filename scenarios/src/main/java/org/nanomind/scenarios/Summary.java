package org.nanomind.scenarios;

import java.util.List;
import java.util.Map;

/**
 * What a run found. Everything but {@code wallSeconds} is a function of the scenario and seed alone,
 * bit for bit. {@code batteryHours} is null when the battery did not run out.
 */
public record Summary(String scenario, long seed, double simulatedSeconds, Double batteryHours, double averagePowerWatts,
                      Map<String, Double> energyJoules, int queries, double latencyP50, double latencyP95,
                      double latencyMax, double decodeTokensPerSecond, double peakMemoryMb, long events,
                      List<String> failures, double wallSeconds) {
    public Summary {
        // Insertion order kept: Map.copyOf iterates in an order that changes from one JVM to the next.
        energyJoules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(energyJoules));
        failures = List.copyOf(failures);
    }
}
