package org.nanomind.soc.governor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nanomind.soc.Quantity;
import org.nanomind.soc.YamlNode;

/**
 * The governors by name, with their tunables and the kernel's defaults. In a scenario or platform file a
 * governor is its name ({@code ondemand}) or a mapping with its name and tunables ({@code {name: ondemand,
 * up_threshold: 90, sampling_rate: 20 ms}}); the tunables are sysfs's names, times with their unit.
 *
 * <p>Defaults (E: the kernel's, for a policy whose switching latency is 40 us, RK356x's device-tree
 * clock-latency-ns): ondemand up_threshold 80, sampling_down_factor 1; conservative up_threshold 80,
 * down_threshold 20, freq_step 5; both sampling_rate 10 ms and schedutil rate_limit 10 ms (the kernel's
 * transition delay, 1000 x the latency, capped at 10 ms); simple_ondemand upthreshold 90, downdifferential 5,
 * polling_interval 100 ms (E: Mali's kbase devfreq profile).
 */
public final class Governors {
    /** Each governor's tunables with the kernel's defaults (above), in the order they are documented. */
    public static final Map<String, Map<String, Double>> DEFAULTS = defaults();
    /** Each governor's tunables, in the order they are documented. */
    public static final Map<String, List<String>> TUNABLES = tunables();

    private Governors() {
    }

    private static Map<String, Map<String, Double>> defaults() {
        Map<String, Map<String, Double>> t = new LinkedHashMap<>();
        t.put("performance", Map.of());
        t.put("powersave", Map.of());
        t.put("ondemand", ordered("up_threshold", 80.0, "sampling_rate", 0.010, "sampling_down_factor", 1.0));
        t.put("conservative", ordered("up_threshold", 80.0, "down_threshold", 20.0, "freq_step", 5.0, "sampling_rate", 0.010));
        t.put("schedutil", ordered("rate_limit", 0.010));
        t.put("simple_ondemand", ordered("upthreshold", 90.0, "downdifferential", 5.0, "polling_interval", 0.100));
        return java.util.Collections.unmodifiableMap(t);
    }

    private static Map<String, Double> ordered(Object... keysAndValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, List<String>> tunables() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        DEFAULTS.forEach((name, d) -> t.put(name, List.copyOf(d.keySet())));
        return java.util.Collections.unmodifiableMap(t);
    }

    /** The governor {@code name} with the kernel's defaults. */
    public static Governor named(String name) {
        return of(name, Map.of());
    }

    /**
     * The governor {@code name} with {@code tunables} (sysfs names; times in seconds, thresholds in percent) over
     * the defaults. An unknown name or tunable, or a value out of its range, is an IllegalArgumentException
     * that lists what is allowed.
     */
    public static Governor of(String name, Map<String, Double> tunables) {
        List<String> allowed = TUNABLES.get(name);
        if (allowed == null) {
            throw new IllegalArgumentException("unknown governor '" + name + "'; allowed: " + String.join(", ", TUNABLES.keySet()));
        }
        for (String k : tunables.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("governor " + name + " has no tunable '" + k + "'; allowed: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
        }
        Map<String, Double> t = new LinkedHashMap<>(DEFAULTS.get(name));
        t.putAll(tunables);
        return switch (name) {
            case "performance" -> new Extreme(true);
            case "powersave" -> new Extreme(false);
            case "ondemand" -> new Ondemand(percent(t, "up_threshold", 1), time(t, "sampling_rate"), range(t, "sampling_down_factor", 1, 100_000));
            case "conservative" -> new Conservative(percent(t, "up_threshold", 1), percent(t, "down_threshold", 0), percent(t, "freq_step", 0),
                    time(t, "sampling_rate"));
            case "schedutil" -> new Schedutil(time(t, "rate_limit"));
            case "simple_ondemand" -> new SimpleOndemand(percent(t, "upthreshold", 1), percent(t, "downdifferential", 0),
                    time(t, "polling_interval"));
            default -> throw new IllegalStateException(name);
        };
    }

    /** A governor from a scenario or platform file: a name, or a mapping with a name and tunables. */
    public static GovernorSpec parse(YamlNode n) {
        try {
            if (n.isScalar()) {
                return new GovernorSpec(n.oneOf(new TreeSet<>(TUNABLES.keySet())), Map.of());
            }
            String name = n.get("name").oneOf(new TreeSet<>(TUNABLES.keySet()));
            Set<String> keys = new java.util.HashSet<>(TUNABLES.get(name));
            keys.add("name");
            n.allowOnly(keys);
            Map<String, Double> t = new LinkedHashMap<>();
            for (String k : n.keys()) {
                if (!k.equals("name")) {
                    boolean isTime = k.equals("sampling_rate") || k.equals("rate_limit") || k.equals("polling_interval");
                    t.put(k, isTime ? n.get(k).quantity(Quantity.TIME) : n.get(k).number());
                }
            }
            return new GovernorSpec(name, t);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static double percent(Map<String, Double> t, String k, double min) {
        return range(t, k, min, 100);
    }

    private static double range(Map<String, Double> t, String k, double min, double max) {
        double v = t.get(k);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(k + " must be within [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static double time(Map<String, Double> t, String k) {
        double v = t.get(k);
        if (!(v >= 1e-4 && v <= 10)) {
            throw new IllegalArgumentException(k + " must be within 0.1 ms and 10 s, got " + v + " s");
        }
        return v;
    }
}
