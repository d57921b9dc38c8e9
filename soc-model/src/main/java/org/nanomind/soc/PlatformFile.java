package org.nanomind.soc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nanomind.soc.cost.CostFile;
import org.nanomind.power.BatterySpec;
import org.nanomind.power.DramPower;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.power.UnitPower;

/**
 * Reads platform files (YAML). Values carry units ("1800 MHz @ 1.15 V", "8 GiB", "6.5 pJ/bit"); impossible
 * values (zero or negative rates, voltages outside 0.5-1.5 V, unsorted OPP tables, unknown units or fields)
 * are refused with the file, line and field. Built-in platforms are resources named by file stem.
 */
public final class PlatformFile {
    public static final List<String> BUILTIN = List.of("nanomind-rk3566", "orangepi5ultra-rk3588");

    private PlatformFile() {
    }

    public static Platform load(Path file) {
        return parse(YamlNode.read(file));
    }

    /** A built-in platform by name, or a file path. */
    public static Platform named(String nameOrPath) {
        if (BUILTIN.contains(nameOrPath)) {
            String res = "/org/nanomind/soc/platforms/" + nameOrPath + ".yaml";
            try (InputStream in = PlatformFile.class.getResourceAsStream(res)) {
                return parse(YamlNode.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath + ".yaml"));
            } catch (IOException e) {
                throw new IllegalStateException("built-in platform " + res + " is unreadable", e);
            }
        }
        return load(Path.of(nameOrPath));
    }

    public static Platform parse(YamlNode root) {
        root.allowOnly(Set.of("name", "soc", "cpu", "gpu", "npu", "dram", "storage", "peripherals", "board", "battery", "sysfs",
                "runtimes", "boards", "dvfs"));
        List<ComputeUnit> clusters = new ArrayList<>();
        for (YamlNode c : root.get("cpu").list()) {
            clusters.add(unit(c, c.get("name").text(), false));
        }
        if (clusters.isEmpty()) {
            throw root.get("cpu").error("needs at least one CPU cluster");
        }
        YamlNode storage = root.get("storage").allowOnly(Set.of("read_bandwidth", "active_power"));
        YamlNode board = root.get("board").allowOnly(Set.of("baseline_power"));
        Map<Peripheral, Double> peripherals = new java.util.EnumMap<>(Peripheral.class);
        YamlNode p = root.get("peripherals").allowOnly(Set.copyOf(Peripheral.keys()));
        for (Peripheral k : Peripheral.values()) {
            peripherals.put(k, p.get(k.key()).quantity(Quantity.POWER, true));
        }
        return new Platform(root.get("name").text(), root.get("soc").text(), clusters,
                unit(root.get("gpu"), "gpu", true), unit(root.get("npu"), "npu", true), dram(root.get("dram")),
                storage.get("read_bandwidth").quantity(Quantity.BANDWIDTH), storage.get("active_power").quantity(Quantity.POWER, true),
                peripherals, board.get("baseline_power").quantity(Quantity.POWER, true), battery(root.get("battery")),
                root.find("sysfs").map(n -> sysfs(n.allowOnly(with(units(clusters), "battery")))).orElse(Map.of()),
                root.find("runtimes").map(n -> CostFile.runtimes(n, units(clusters))).orElse(Map.of()),
                root.find("boards").map(n -> CostFile.boards(n, units(clusters))).orElse(List.of()),
                root.find("dvfs").map(n -> dvfs(n.allowOnly(units(clusters)))).orElse(Map.of()));
    }

    /** unit -> {governor: NAME or {name: ..., tunables}, transition_latency: TIME}: the BSP's DVFS set-up. */
    private static Map<String, Platform.Dvfs> dvfs(YamlNode n) {
        Map<String, Platform.Dvfs> m = new LinkedHashMap<>();
        for (String k : n.keys()) {
            YamlNode u = n.get(k).allowOnly(Set.of("governor", "transition_latency"));
            m.put(k, new Platform.Dvfs(org.nanomind.soc.governor.Governors.parse(u.get("governor")),
                    u.get("transition_latency").quantity(Quantity.TIME, true)));
        }
        return m;
    }

    /** The names a platform file may key by unit: its CPU clusters, gpu, npu and dram. */
    private static Set<String> units(List<ComputeUnit> clusters) {
        Set<String> s = new java.util.TreeSet<>(List.of("gpu", "npu", "dram"));
        clusters.forEach(c -> s.add(c.name()));
        return s;
    }

    private static Set<String> with(Set<String> s, String more) {
        Set<String> out = new java.util.TreeSet<>(s);
        out.add(more);
        return out;
    }

    /** unit -> its kernel node under /sys: cpufreq/policyN, devfreq/NAME, power_supply/NAME. */
    private static Map<String, String> sysfs(YamlNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : n.keys()) {
            String v = n.get(k).text();
            if (!v.matches("(cpufreq/policy\\d+|devfreq/[A-Za-z0-9._-]+|power_supply/[A-Za-z0-9._-]+)")) {
                throw n.get(k).error("a kernel node is cpufreq/policyN, devfreq/NAME or power_supply/NAME, got '" + v + "'");
            }
            m.put(k, v);
        }
        return m;
    }

    /** The op classes a unit's efficiency may name, and the default for the others. */
    private static final Set<String> EFFICIENCY_KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of("default"),
            java.util.Arrays.stream(Op.OpClass.values()).map(Op.OpClass::key)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static ComputeUnit unit(YamlNode n, String name, boolean accelerator) {
        n.allowOnly(Set.of("name", "cores", "opps", "ops_per_cycle", "efficiency", "power", "launch_overhead",
                "gated_when_idle", "recompile_time", "copy_bytes_per_cycle", "dequant_dot"));
        int cores = accelerator ? 1 : (int) n.get("cores").integer(1, 64);
        Map<Precision, Double> ops = new EnumMap<>(Precision.class);
        YamlNode opc = n.get("ops_per_cycle").allowOnly(lowerCase(Precision.values()));
        for (String k : opc.keys()) {
            Precision prec;
            try {
                prec = Precision.valueOf(k.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw opc.get(k).error("unknown precision '" + k + "' (allowed: fp32, fp16, int8, int16)");
            }
            ops.put(prec, positive(opc.get(k)));
        }
        Map<String, Double> eff = new LinkedHashMap<>();
        YamlNode e = n.get("efficiency").allowOnly(EFFICIENCY_KEYS);
        for (String k : e.keys()) {
            double v = e.get(k).number();
            if (!(v > 0 && v <= 1)) {
                throw e.get(k).error("an efficiency must be within (0, 1], got " + v);
            }
            eff.put(k, v);
        }
        if (!eff.containsKey("default")) {
            throw e.error("missing field 'default' (the efficiency of op classes not listed)");
        }
        YamlNode pw = n.get("power").allowOnly(Set.of("dynamic_coefficient", "static", "static_at"));
        UnitPower power = UnitPower.fromDtCoefficient(pw.get("dynamic_coefficient").number(0, 1e6),
                pw.get("static").quantity(Quantity.POWER, true), pw.get("static_at").quantity(Quantity.VOLTAGE));
        ComputeUnit.Kind kind = !accelerator ? ComputeUnit.Kind.CPU : name.equals("npu") ? ComputeUnit.Kind.NPU : ComputeUnit.Kind.GPU;
        return new ComputeUnit(name, kind, cores, opps(n.get("opps")), ops, eff, power,
                n.get("launch_overhead").quantity(Quantity.TIME, true),
                n.find("gated_when_idle").map(YamlNode::bool).orElse(false),
                n.find("recompile_time").map(x -> x.quantity(Quantity.TIME, true)).orElse(0.0),
                accelerator ? 0.0 : positive(n.get("copy_bytes_per_cycle")), dequantDot(n));
    }

    /** Cycles per weight of each GGUF type's dot product (llama.cpp's GEMV on a CPU), where the file gives them. */
    private static Map<org.nanomind.kernels.GgmlType, Double> dequantDot(YamlNode unit) {
        Map<org.nanomind.kernels.GgmlType, Double> m = new EnumMap<>(org.nanomind.kernels.GgmlType.class);
        for (YamlNode t : unit.find("dequant_dot").map(x -> x.allowOnly(lowerCase(org.nanomind.kernels.GgmlType.values()))).stream().toList()) {
            for (String k : t.keys()) {
                org.nanomind.kernels.GgmlType type;
                try {
                    type = org.nanomind.kernels.GgmlType.valueOf(k.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw t.get(k).error("unknown GGUF type '" + k + "' (allowed: "
                            + java.util.Arrays.stream(org.nanomind.kernels.GgmlType.values()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList() + ")");
                }
                m.put(type, positive(t.get(k)));
            }
        }
        return m;
    }

    /** An enum's constants as a file writes them: fp16, q4_k, ... */
    public static Set<String> lowerCase(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static double positive(YamlNode n) {
        double v = n.number();
        if (!(v > 0)) {
            throw n.error("must be > 0, got " + v);
        }
        return v;
    }

    /** OPPs written "408 MHz @ 0.850 V", sorted by frequency. */
    static OppTable opps(YamlNode list) {
        List<Opp> opps = new ArrayList<>();
        for (YamlNode o : list.list()) {
            String[] parts = o.text().split("@");
            if (parts.length != 2) {
                throw o.error("an OPP is written 'FREQUENCY @ VOLTAGE', e.g. '1800 MHz @ 1.15 V'; got '" + o.text() + "'");
            }
            double hz;
            double volts;
            try {
                hz = Quantity.FREQUENCY.parse(parts[0]);
                volts = Quantity.VOLTAGE.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw o.error(e.getMessage());
            }
            if (!(hz > 0)) {
                throw o.error("OPP frequency must be > 0, got '" + parts[0].strip() + "'");
            }
            if (volts < 0.5 || volts > 1.5) {
                throw o.error("OPP voltage must be within 0.5-1.5 V, got " + volts + " V");
            }
            opps.add(new Opp(hz, volts));
        }
        try {
            return new OppTable(opps);
        } catch (IllegalArgumentException e) {
            throw list.error(e.getMessage());
        }
    }

    private static Dram dram(YamlNode n) {
        n.allowOnly(Set.of("type", "modules", "module_width", "bus_width", "opps", "achievable_fraction", "capacity",
                "background_power", "energy_per_bit"));
        OppTable opps = opps(n.get("opps"));
        List<YamlNode> bg = n.get("background_power").list();
        if (bg.size() != opps.opps().size()) {
            throw n.get("background_power").error("needs one power per DMC OPP (" + opps.opps().size() + "), got " + bg.size());
        }
        double[] background = new double[bg.size()];
        for (int i = 0; i < bg.size(); i++) {
            background[i] = bg.get(i).quantity(Quantity.POWER, true);
        }
        double fraction = n.get("achievable_fraction").number();
        if (!(fraction > 0 && fraction <= 1)) {
            throw n.get("achievable_fraction").error("must be within (0, 1], got " + fraction);
        }
        return new Dram(n.get("type").text(), (int) n.get("modules").integer(1, 16),
                (int) n.get("module_width").quantity(Quantity.BITS), (int) n.get("bus_width").quantity(Quantity.BITS), opps,
                fraction, n.get("capacity").quantity(Quantity.BYTES),
                new DramPower(opps, background, n.get("energy_per_bit").quantity(Quantity.ENERGY_PER_BIT)));
    }

    private static BatterySpec battery(YamlNode n) {
        n.allowOnly(Set.of("capacity", "ocv", "internal_resistance", "converter_efficiency", "peukert_exponent",
                "rated_current", "cutoff"));
        List<YamlNode> points = n.get("ocv").list();
        double[] soc = new double[points.size()];
        double[] volts = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            YamlNode point = points.get(i);
            List<String> keys = point.keys();
            if (keys.size() != 1 || !keys.getFirst().strip().endsWith("%")) {
                throw point.error("an OCV point is written 'SOC%: VOLTAGE', e.g. '- 50%: 3.80 V'");
            }
            try {
                soc[i] = Double.parseDouble(keys.getFirst().strip().replace("%", "").strip()) / 100.0;
            } catch (NumberFormatException e) {
                throw point.error("'" + keys.getFirst() + "' is not a percentage");
            }
            volts[i] = point.get(keys.getFirst()).quantity(Quantity.VOLTAGE);
        }
        try {
            return new BatterySpec(n.get("capacity").quantity(Quantity.CHARGE), soc, volts,
                    n.get("internal_resistance").quantity(Quantity.RESISTANCE, true),
                    n.get("converter_efficiency").number(0.01, 1.0), n.get("peukert_exponent").number(1.0, 2.0),
                    n.get("rated_current").quantity(Quantity.CURRENT), n.get("cutoff").quantity(Quantity.VOLTAGE));
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }
}
