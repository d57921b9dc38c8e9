package org.nanomind.power;

import java.util.Map;

/** One reading of the PMU: what the board's power monitor and fuel gauge report at a time. */
public record PmuSample(double time, double soc, double volts, double amps, double totalWatts,
                        Map<String, Double> componentWatts) {
    public PmuSample {
        componentWatts = Map.copyOf(componentWatts);
    }
}
