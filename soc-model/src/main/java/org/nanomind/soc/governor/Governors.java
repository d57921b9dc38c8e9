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
    /** Each governor's tunables, in the order they are documented. */
    public static final Map<String, List<String>> TUNABLES = tunables();

    private Governors() {
    }

    private static Map<String, List<String>> tunables() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("performance", List.of());
        t.put("powersave", List.of());
        t.put("ondemand", List.of("up_threshold", "sampling_rate", "sampling_down_factor"));
        t.put("conservative", List.of("up_threshold", "down_threshold", "freq_step", "sampling_rate"));
        t.put("schedutil", List.of("rate_limit"));
        t.put("simple_ondemand", List.of("upthreshold", "downdifferential", "polling_interval"));
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
        return switch (name) {
            case "performance" -> new Extreme(true);
            case "powersave" -> new Extreme(false);
            case "ondemand" -> new Ondemand(percent(tunables, "up_threshold", 80, 1), time(tunables, "sampling_rate", 0.010),
                    range(tunables, "sampling_down_factor", 1, 1, 100_000));
            case "conservative" -> new Conservative(percent(tunables, "up_threshold", 80, 1), percent(tunables, "down_threshold", 20, 0),
                    percent(tunables, "freq_step", 5, 0), time(tunables, "sampling_rate", 0.010));
            case "schedutil" -> new Schedutil(time(tunables, "rate_limit", 0.010));
            case "simple_ondemand" -> new SimpleOndemand(percent(tunables, "upthreshold", 90, 1), percent(tunables, "downdifferential", 5, 0),
                    time(tunables, "polling_interval", 0.100));
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

    private static double percent(Map<String, Double> t, String k, double def, double min) {
        return range(t, k, def, min, 100);
    }

    private static double range(Map<String, Double> t, String k, double def, double min, double max) {
        double v = t.getOrDefault(k, def);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(k + " must be within [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static double time(Map<String, Double> t, String k, double def) {
        double v = t.getOrDefault(k, def);
        if (!(v >= 1e-4 && v <= 10)) {
            throw new IllegalArgumentException(k + " must be within 0.1 ms and 10 s, got " + v + " s");
        }
        return v;
    }
}
