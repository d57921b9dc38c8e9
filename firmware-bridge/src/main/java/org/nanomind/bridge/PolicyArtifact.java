package org.nanomind.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nanomind.power.OppTable;
import org.nanomind.scenarios.Scenario;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * A scenario's policies as the board applies them: the scheduler and its parameters, the placement of each brick, the three-state battery
 * thresholds and throttling floor, the camera frame rate, and the kernel settings they come to (each
 * unit's cpufreq or devfreq min and max frequency, from the scenario's limits, and the governor it names for a
 * unit with the tunables a file takes; the governors section carries all of them), with a monotonic version and
 * the board it is for. Its bytes are canonical JSON (keys sorted, no spaces), so a signature covers
 * exactly one text; {@code bytes} are those bytes, as signed and as the board's runtime reads them.
 */
public record PolicyArtifact(long version, String board, String soc, String scenario, JsonNode payload, byte[] bytes) {
    public static final String SCHEMA = "nanomind-policy/1";
    private static final ObjectMapper JSON = new ObjectMapper().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** One kernel setting: a file under /sys and the value written to it. */
    public record Setting(String path, String value) {
    }

    public static PolicyArtifact build(Scenario sc, long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a policy version is >= 1, got " + version);
        }
        Platform p = PlatformFile.named(sc.platform());
        Map<String, Object> m = new TreeMap<>();
        m.put("schema", SCHEMA);
        m.put("version", version);
        m.put("board", Map.of("name", p.name(), "soc", p.soc()));
        m.put("scenario", sc.name());
        List<Object> placement = new ArrayList<>();
        for (Scenario.BrickSpec b : sc.bricks()) {
            Map<String, Object> e = new TreeMap<>();
            e.put("brick", b.name());
            e.put("model", b.model());
            e.put("quantization", b.quantization());
            e.put("unit", b.unit());
            e.put("threads", b.threads());
            if (b.gpuLayers() != null) {
                e.put("gpu_layers", b.gpuLayers());
            }
            if (b.after() != null) {
                e.put("after", b.after());
            }
            placement.add(e);
        }
        m.put("placement", placement);
        m.put("handover", sc.zeroCopy() ? "zero-copy" : "copy");
        if (sc.camera() != null) {
            m.put("camera_fps", sc.camera().fps());
            m.put("battery", Map.of("throttle_below", sc.camera().battery().throttleBelowSoc(),
                    "critical_below", sc.camera().battery().criticalBelowSoc(), "min_scale", sc.camera().battery().minScale()));
        }
        List<Object> settings = new ArrayList<>();
        for (Setting s : settings(sc, p)) {
            settings.add(Map.of("path", s.path(), "value", s.value()));
        }
        m.put("settings", settings);
        Map<String, Object> governors = new TreeMap<>();
        sc.limits().governors().forEach((unit, g) -> governors.put(unit, Map.of("name", g.name(), "tunables", new TreeMap<>(g.tunables()))));
        if (sc.limits().bspGovernors()) {
            governors.put("*", "bsp");
        }
        m.put("governors", governors);
        m.put("scheduler", Map.of("name", sc.scheduler().name(), "params", new TreeMap<>(sc.scheduler().params())));
        return parse(JSON.writeValueAsBytes(m), sc.source());
    }

    /**
     * The min and max frequency of every unit the platform names a kernel node for: the lowest OPP, and
     * the scenario's cap (or the top OPP). cpufreq takes kHz, devfreq Hz.
     */
    static List<Setting> settings(Scenario sc, Platform p) {
        if (p.sysfs().isEmpty()) {
            throw new InputException(sc.platform(), 0, 0, "sysfs", "the platform file does not say where the board's kernel"
                    + " exposes its units (a sysfs section), so a policy cannot name its settings");
        }
        List<Setting> out = new ArrayList<>();
        for (Map.Entry<String, String> e : p.sysfs().entrySet()) {
            String unit = e.getKey();
            String node = e.getValue();
            if (node.startsWith("power_supply/")) {
                continue;
            }
            OppTable opps = p.opps(unit);
            Double cap = sc.limits().maxHz().get(unit);
            double max = (cap == null ? opps.highest() : opps.atMost(cap)).hz();
            double min = opps.lowest().hz();
            // A governor the scenario names is written by name, then the tunables a file takes (GovernorFiles); all of
            // them also travel in the artifact's governors section. Under bsp the board keeps its own.
            org.nanomind.soc.governor.GovernorSpec g = sc.limits().governors().get(unit);
            if (node.startsWith("cpufreq/")) {
                String dir = "/sys/devices/system/cpu/" + node + "/";
                out.add(new Setting(dir + "scaling_min_freq", Long.toString(Math.round(min / 1e3))));
                out.add(new Setting(dir + "scaling_max_freq", Long.toString(Math.round(max / 1e3))));
                if (g != null) {
                    out.add(new Setting(dir + "scaling_governor", g.name()));
                    out.addAll(GovernorFiles.cpufreq(dir, g)); // after the switch: the kernel makes their files then
                }
            } else {
                String dir = "/sys/class/" + node + "/";
                out.add(new Setting(dir + "min_freq", Long.toString(Math.round(min))));
                out.add(new Setting(dir + "max_freq", Long.toString(Math.round(max))));
                if (g != null) {
                    out.add(new Setting(dir + "governor", g.name()));
                    out.addAll(GovernorFiles.devfreq(dir, g));
                }
            }
        }
        return out;
    }

    /**
     * The governor tunables of {@code sc} the board cannot take at run time (devfreq's simple_ondemand thresholds are
     * its driver's data), as "unit: tunable": the twin ran with them, the board will run with its own.
     */
    public static List<String> unwritable(Scenario sc) {
        Platform p = PlatformFile.named(sc.platform());
        List<String> out = new ArrayList<>();
        sc.limits().governors().forEach((unit, g) -> {
            boolean devfreq = !p.sysfs().getOrDefault(unit, "cpufreq/").startsWith("cpufreq/");
            GovernorFiles.unwritable(g, devfreq).forEach(t -> out.add(unit + ": " + g.name() + " " + t));
        });
        return out;
    }

    /** An artifact from its canonical bytes; {@code source} names them in errors. */
    public static PolicyArtifact parse(byte[] bytes, String source) {
        JsonNode j;
        try {
            j = JSON.readTree(bytes);
        } catch (RuntimeException e) {
            throw new InputException(source, 0, 0, "", "not a policy artifact (JSON): " + e.getMessage());
        }
        if (!SCHEMA.equals(j.path("schema").asString(""))) {
            throw new InputException(source, 0, 0, "schema", "must be " + SCHEMA + ", got '" + j.path("schema").asString("") + "'");
        }
        for (String f : List.of("version", "board", "scenario", "settings")) {
            if (!j.has(f)) {
                throw new InputException(source, 0, 0, f, "missing from the policy artifact");
            }
        }
        return new PolicyArtifact(j.get("version").asLong(), j.get("board").path("name").asString(""),
                j.get("board").path("soc").asString(""), j.get("scenario").asString(), j, bytes.clone());
    }

    public List<Setting> kernelSettings() {
        List<Setting> s = new ArrayList<>();
        for (JsonNode n : payload.get("settings")) {
            s.add(new Setting(n.get("path").asString(), n.get("value").asString()));
        }
        return s;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
