package org.nanomind.soc;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nanomind.sim.Resource;
import org.nanomind.sim.TimeWeighted;

/**
 * How long each unit has had work, as top and devfreq's load count it: a core or an accelerator is busy
 * while an operation runs on it, also while that operation waits for DRAM. A CPU cluster's figure is in
 * cores: its integral over time is busy core-seconds.
 */
final class Occupancy {
    private final Map<Resource, Integer> running = new HashMap<>();
    private final Map<String, TimeWeighted> busy = new LinkedHashMap<>();
    private final Map<String, Integer> busyCount = new HashMap<>();
    private final double start;

    Occupancy(double start) {
        this.start = start;
    }

    void begin(String unit, Resource r, double time) {
        if (running.merge(r, 1, Integer::sum) == 1) {
            change(unit, +1, time);
            if (!r.name().equals(unit)) {
                change(r.name(), +1, time); // each core apart too: cpufreq's load is its busiest CPU's
            }
        }
    }

    void end(String unit, Resource r, double time) {
        int left = running.merge(r, -1, Integer::sum);
        if (left < 0) {
            throw new IllegalStateException(r.name() + " ended more work than it began");
        }
        if (left == 0) {
            running.remove(r);
            change(unit, -1, time);
            if (!r.name().equals(unit)) {
                change(r.name(), -1, time);
            }
        }
    }

    private void change(String unit, int delta, double time) {
        int n = busyCount.merge(unit, delta, Integer::sum);
        busy.computeIfAbsent(unit, u -> new TimeWeighted(u + " busy", start, 0)).set(time, n);
    }

    /**
     * Busy seconds of {@code unit} from the start to {@code time} (core-seconds for a CPU cluster); of one
     * core by its resource name ("a55.2").
     */
    double busySeconds(String unit, double time) {
        TimeWeighted t = busy.get(unit);
        return t == null ? 0 : t.integral(time);
    }
}
