package org.nanomind.soc.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Precision;
import org.nanomind.soc.Quantity;
import org.nanomind.soc.YamlNode;
import org.nanomind.soc.graph.OperatorClass;

/**
 * The cost model's sections of a platform file: {@code runtimes:} (each runtime's parameters) and
 * {@code boards:} (board variants as clocks). Strict like the rest of the file: an unknown key, operator
 * class or precision is an error naming its line and what is allowed.
 */
public final class CostFile {
    private CostFile() {
    }

    /** The runtimes a platform file names, each on one of {@code units}. */
    public static Map<String, Runtime> runtimes(YamlNode n, Set<String> units) {
        Map<String, Runtime> m = new LinkedHashMap<>();
        for (String name : n.keys()) {
            n.get(name).find("unit").ifPresent(u -> u.oneOf(units));
            m.put(name, runtime(name, n.get(name)));
        }
        for (String name : List.copyOf(m.keySet())) {
            Runtime r = m.get(name);
            if (!r.like().isEmpty()) {
                Runtime parent = m.get(r.like());
                if (parent == null || !parent.like().isEmpty()) {
                    throw n.get(name).get("like").error("'like' names a runtime that is not itself a version of another (runtimes: "
                            + m.keySet() + ")");
                }
                m.put(name, r.versionOf(parent));
            }
        }
        for (Runtime r : m.values()) {
            if (!r.fallback().isEmpty() && !m.containsKey(r.fallback())) {
                throw n.get(r.name()).get("fallback").error("no runtime '" + r.fallback() + "' (runtimes: " + m.keySet() + ")");
            }
        }
        return m;
    }

    private static Runtime runtime(String name, YamlNode n) {
        boolean version = n.has("like");
        // A version shares its parent's launch, threading and size curve: it may not set them.
        n.allowOnly(version ? Set.of("unit", "since", "like", "arithmetic", "unsupported", "fallback", "efficiency")
                : Set.of("unit", "since", "arithmetic", "unsupported", "fallback", "launch_overhead", "invoke_overhead", "parallel_fraction", "parallel_fraction_light", "half_size", "half_size_3x3s1",
                        "efficiency"));
        Map<Precision, Precision> arith = new EnumMap<>(Precision.class);
        if (!version || n.has("arithmetic")) {
            YamlNode a = n.get("arithmetic");
            for (String k : a.allowOnly(PlatformFile.lowerCase(Precision.values())).keys()) {
                arith.put(precision(a.get(k), k), precision(a.get(k), a.get(k).text()));
            }
        }
        Map<Precision, Map<OperatorClass, Double>> eff = new EnumMap<>(Precision.class);
        YamlNode e = n.get("efficiency").allowOnly(PlatformFile.lowerCase(Precision.values()));
        for (String k : e.keys()) {
            Map<OperatorClass, Double> t = new EnumMap<>(OperatorClass.class);
            YamlNode table = e.get(k).allowOnly(CLASS_KEYS);
            for (String c : table.keys()) {
                OperatorClass cls;
                try {
                    cls = OperatorClass.ofKey(c);
                } catch (IllegalArgumentException x) {
                    throw table.get(c).error("unknown operator class '" + c + "' (allowed: "
                            + java.util.Arrays.stream(OperatorClass.values()).map(OperatorClass::key).toList() + ")");
                }
                t.put(cls, table.get(c).number(1e-6, cls.maxEfficiency()));
            }
            eff.put(precision(table, k), t);
        }
        try {
            String since = n.find("since").map(YamlNode::text).orElse("");
            if (!since.isEmpty() && !since.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw n.get("since").error("a date is YYYY-MM-DD, got '" + since + "'");
            }
            String like = n.find("like").map(YamlNode::text).orElse("");
            String unit = version && !n.has("unit") ? "" : n.get("unit").text();
            java.util.Set<OperatorClass> unsupported = java.util.EnumSet.noneOf(OperatorClass.class);
            for (YamlNode c : n.find("unsupported").map(YamlNode::list).orElse(List.of())) {
                try {
                    unsupported.add(OperatorClass.ofKey(c.text()));
                } catch (IllegalArgumentException x) {
                    throw c.error("unknown operator class '" + c.text() + "' (allowed: "
                            + java.util.Arrays.stream(OperatorClass.values()).map(OperatorClass::key).toList() + ")");
                }
            }
            return new Runtime(name, unit, since, like, eff.keySet(), arith, unsupported, n.find("fallback").map(YamlNode::text).orElse(""),
                    version ? 0 : n.get("launch_overhead").quantity(Quantity.TIME, true),
                    version ? 0 : n.find("invoke_overhead").map(x -> x.quantity(Quantity.TIME, true)).orElse(0.0),
                    version ? 0 : n.get("parallel_fraction").number(0, 1),
                    version ? 0 : n.find("parallel_fraction_light").map(x -> x.number(0, 1)).orElse(n.get("parallel_fraction").number(0, 1)),
                    version ? 0 : n.get("half_size").number(0, 1e6),
                    version ? 0 : n.find("half_size_3x3s1").map(x -> x.number(0, 1e6)).orElse(n.get("half_size").number(0, 1e6)), eff);
        } catch (IllegalArgumentException x) {
            throw n.error(x.getMessage());
        }
    }

    private static Precision precision(YamlNode at, String text) {
        try {
            return Precision.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw at.error("unknown precision '" + text + "' (allowed: fp32, fp16, int8, int16)");
        }
    }

    private static final Set<String> CLASS_KEYS = java.util.Arrays.stream(OperatorClass.values()).map(OperatorClass::key)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The boards a platform file's measurements ran on, each with the clocks of {@code units} it ran at. */
    public static List<Board> boards(YamlNode n, Set<String> units) {
        List<Board> boards = new ArrayList<>();
        for (YamlNode b : n.list()) {
            b.allowOnly(Set.of("names", "chip", "clocks", "source"));
            List<String> names = b.get("names").list().stream().map(YamlNode::text).toList();
            Map<String, Double> clocks = new LinkedHashMap<>();
            YamlNode c = b.get("clocks").allowOnly(units);
            for (String k : c.keys()) {
                clocks.put(k, c.get(k).quantity(Quantity.FREQUENCY));
            }
            boards.add(new Board(names, b.get("chip").text(), clocks, b.get("source").text()));
        }
        return boards;
    }
}
