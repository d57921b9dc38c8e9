package org.nanomind.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Quantity;
import org.nanomind.soc.YamlNode;

/**
 * Reads scenario files (YAML; the format is in docs/scenarios.md and docs/scenario.schema.json). Errors
 * name file:line:column, the field, and what is allowed; unknown keys are errors with a suggestion.
 * Built-in scenarios are resources named by their file stem.
 */
public final class ScenarioFile {
    public static final List<String> BUILTIN = List.of("cascade", "voice-llama3-8b", "vlm-camera", "compare-llamacpp",
            "llamacpp-offload", "vlm-latency", "cascade-tiny");
    /**
     * A plain type puts every matrix at it (as `llama-quantize --pure`); the mixture names are llama.cpp's, a type per
     * tensor ({@link org.nanomind.kernels.QuantMix}); INT8 is the NPU's.
     */
    static final List<String> QUANTIZATIONS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("F32", "F16", "Q8_0", "Q4_0", "Q2_K", "Q4_K", "Q5_K", "Q6_K", "INT8"),
            java.util.Arrays.stream(org.nanomind.kernels.QuantMix.values()).map(Enum::name)
                    .filter(n -> org.nanomind.kernels.QuantMix.named(n).isPresent())).toList();
    static final List<String> OUTPUTS = List.of("summary", "series", "queries", "trace");
    /** The fields of a scenario and of its parts; docs/scenario.schema.json lists the same (ScenarioSchemaTest). */
    static final Set<String> FIELDS = Set.of("scenario", "platform", "seed", "bricks", "handover", "residency", "workload", "duration",
            "pmu_rate", "outputs", "camera", "limits", "variants", "scheduler");
    static final Set<String> BRICK_FIELDS = Set.of("name", "model", "quantization", "unit", "threads", "gpu_layers", "functional", "input",
            "runtime", "tokens", "audio", "reference", "after");
    static final Set<String> VARIANT_FIELDS = Set.of("name", "platform", "bricks", "handover", "limits", "scheduler");
    static final Set<String> CAMERA_FIELDS = Set.of("fps", "throttle_below", "critical_below", "min_scale");
    static final Set<String> WORKLOAD_FIELDS = Set.of("arrivals", "rate_per_hour", "trace", "prompt_tokens", "answer_tokens",
            "question_words", "answer_words", "camera_capture");

    private ScenarioFile() {
    }

    /** A built-in scenario by name, or a scenario file. */
    public static Scenario named(String nameOrPath) {
        if (BUILTIN.contains(nameOrPath)) {
            return parse(builtinText(nameOrPath), nameOrPath + ".yaml", null);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p)) {
            throw new InputException(nameOrPath, 0, 0, "", "no such scenario file, and not a built-in scenario (built-in: "
                    + String.join(", ", BUILTIN) + ")");
        }
        try {
            return parse(Files.readString(p), p.toString(), p.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InputException(nameOrPath, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** The text a scenario was read from (a built-in's resource, or its file). */
    public static String text(Scenario sc) {
        String stem = sc.source().endsWith(".yaml") ? sc.source().substring(0, sc.source().length() - 5) : sc.source();
        if (BUILTIN.contains(stem)) {
            return builtinText(stem);
        }
        try {
            return Files.readString(Path.of(sc.source()));
        } catch (IOException | RuntimeException e) {
            return "# scenario " + sc.name() + ": its text (" + sc.source() + ") could not be read again: " + e.getMessage() + "\n";
        }
    }

    public static String builtinText(String name) {
        try (InputStream in = ScenarioFile.class.getResourceAsStream("/org/nanomind/scenarios/builtin/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("built-in scenario " + name + " is missing from the jar", e);
        }
    }

    /** Parses scenario text; relative paths in it resolve against {@code dir} (null: the working directory). */
    public static Scenario parse(String text, String file, Path dir) {
        YamlNode root = YamlNode.parse(text, file).allowOnly(FIELDS);
        String platform = platform(root.get("platform"), dir);
        List<Scenario.BrickSpec> bricks = bricks(root.get("bricks"), dir);
        boolean zeroCopy = root.find("handover").map(ScenarioFile::handover).orElse(true);
        Scenario.SchedulerSpec scheduler = schedulerOf(root);
        double until = Double.POSITIVE_INFINITY;
        int events = 0;
        YamlNode duration = root.get("duration");
        String d = duration.text().strip();
        if (d.matches("\\d{1,9}\\s+events?")) {
            events = Integer.parseInt(d.split("\\s+")[0]);
            if (events < 1) {
                throw duration.error("a run needs at least 1 event, got '" + d + "'");
            }
        } else if (!d.equals("until-empty")) {
            until = duration.quantity(Quantity.TIME);
        }
        List<String> outputs = new ArrayList<>();
        for (YamlNode o : root.find("outputs").map(YamlNode::list).orElse(List.of())) {
            if (!OUTPUTS.contains(o.text())) {
                throw o.error("unknown output '" + o.text() + "' (allowed: " + String.join(", ", OUTPUTS) + ")");
            }
            outputs.add(o.text());
        }
        if (outputs.isEmpty()) {
            outputs.addAll(OUTPUTS);
        }
        List<Scenario.Variant> variants = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (YamlNode v : root.find("variants").map(YamlNode::list).orElse(List.of())) {
            v.allowOnly(VARIANT_FIELDS);
            String name = v.get("name").text();
            if (!name.matches("[A-Za-z0-9._-]+") || !names.add(name)) {
                throw v.get("name").error("a variant's name is unique and made of letters, digits, '.', '_' and '-' (it names"
                        + " an output folder), got '" + name + "'");
            }
            variants.add(new Scenario.Variant(name, v.find("platform").map(x -> platform(x, dir)).orElse(null),
                    v.find("bricks").map(x -> bricks(x, dir)).orElse(null), v.has("handover") ? handover(v.get("handover")) : null,
                    v.find("limits").map(ScenarioFile::limits).orElse(null), v.find("scheduler").map(ScenarioFile::scheduler).orElse(null)));
        }
        return new Scenario(root.get("scenario").text(), file, platform, bricks, zeroCopy,
                workload(root.get("workload"), dir, bricks.stream().allMatch(b -> Bricks.graph(b.model()))), until, events, root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE),
                root.find("pmu_rate").map(x -> x.quantity(Quantity.FREQUENCY)).orElse(1.0), outputs,
                root.find("camera").map(ScenarioFile::camera).orElse(null),
                root.find("limits").map(ScenarioFile::limits).orElse(Scenario.Limits.NONE), variants,
                scheduler);
    }

    private static String platform(YamlNode n, Path dir) {
        String platform = n.text();
        return platform.endsWith(".yaml") && dir != null ? dir.resolve(platform).toString() : platform;
    }

    private static boolean handover(YamlNode n) {
        String handover = n.text();
        if (!handover.equals("zero-copy") && !handover.equals("copy")) {
            throw n.error("must be zero-copy (TABM) or copy (llama.cpp-style CPU buffers), got '" + handover + "'");
        }
        return handover.equals("zero-copy");
    }

    private static List<Scenario.BrickSpec> bricks(YamlNode list, Path dir) {
        List<Scenario.BrickSpec> bricks = new ArrayList<>();
        List<String> before = new ArrayList<>();
        for (YamlNode b : list.list()) {
            b.allowOnly(BRICK_FIELDS);
            List<String> after = null;
            if (b.has("after")) {
                after = new ArrayList<>();
                for (YamlNode a : b.get("after").list()) {
                    if (!before.contains(a.text())) {
                        throw a.error("'after' names bricks listed before this one (the stages it waits for), got '" + a.text()
                                + "'; listed before it: " + before);
                    }
                    after.add(a.text());
                }
            }
            before.add(b.get("name").text());
            String q = b.find("quantization").map(YamlNode::text).orElse("F32");
            if (!QUANTIZATIONS.contains(q)) {
                throw b.get("quantization").error("unknown quantization '" + q + "' (allowed: " + String.join(", ", QUANTIZATIONS) + ")");
            }
            if (org.nanomind.kernels.QuantMix.named(q).isPresent() && b.find("functional").map(YamlNode::bool).orElse(false)) {
                throw b.get("quantization").error("functional mode runs the kernels, which have no Q3_K, Q5_0 or Q5_1 tensors"
                        + " a mixture such as " + q + " holds; use a plain type (Q4_K, Q5_K, Q6_K, Q8_0, Q4_0, Q2_K) there");
            }
            String model = b.get("model").text();
            if ((model.endsWith(".json") || model.endsWith(".gguf") || model.endsWith(".param") || model.endsWith(".onnx")) && dir != null) {
                model = dir.resolve(model).toString();
            }
            bricks.add(new Scenario.BrickSpec(b.get("name").text(), model, q, b.get("unit").text(),
                    b.find("threads").map(t -> (int) t.integer(1, 64)).orElse(1),
                    b.find("gpu_layers").map(t -> (int) t.integer(0, 1000)).orElse(null),
                    b.find("functional").map(YamlNode::bool).orElse(false),
                    graphInput(b, model),
                    b.find("runtime").map(YamlNode::text).orElse(""),
                    reference(b, model, dir), after));
        }
        if (bricks.isEmpty()) {
            throw list.error("a scenario needs at least one brick");
        }
        return bricks;
    }

    /**
     * A functional decoder's reference GGUF (an F16 or F32 file of the same model, for the KL divergence of its
     * token distributions), relative to the scenario's folder; only beside a .gguf model with functional: true.
     */
    private static String reference(YamlNode b, String model, Path dir) {
        if (!b.has("reference")) {
            return null;
        }
        YamlNode r = b.get("reference");
        if (!model.endsWith(".gguf") || !b.find("functional").map(YamlNode::bool).orElse(false)) {
            throw r.error("reference: is the F16 or F32 GGUF of a functional brick's own .gguf model (for its KL divergence);"
                    + " this brick's model is " + model + (b.find("functional").map(YamlNode::bool).orElse(false) ? "" : ", not functional"));
        }
        String path = r.text();
        if (!path.endsWith(".gguf")) {
            throw r.error("a reference is a .gguf file, got '" + path + "'");
        }
        return dir != null ? dir.resolve(path).toString() : path;
    }

    /** Clock caps by unit name ("dram" for the memory controller), and dram_modules. */
    private static Scenario.Limits limits(YamlNode l) {
        java.util.Map<String, Double> caps = new java.util.LinkedHashMap<>();
        Integer modules = null;
        java.util.Map<String, org.nanomind.soc.governor.GovernorSpec> governors = new java.util.LinkedHashMap<>();
        boolean bsp = false;
        for (String k : l.keys()) {
            if (k.equals("dram_modules")) {
                modules = (int) l.get(k).integer(1, 64);
            } else if (k.equals("governors")) {
                YamlNode g = l.get(k);
                if (g.isScalar()) {
                    bsp = g.oneOf(Set.of("bsp")).equals("bsp");
                } else {
                    for (String unit : g.keys()) {
                        governors.put(unit, org.nanomind.soc.governor.Governors.parse(g.get(unit)));
                    }
                }
            } else {
                caps.put(k, l.get(k).quantity(Quantity.FREQUENCY));
            }
        }
        return new Scenario.Limits(caps, modules, governors, bsp);
    }

    /**
     * The scenario's scheduler: {@code scheduler:}, or the shorthand {@code residency: on-demand | resident} (the
     * built-in schedulers of those names), or three-state where the scenario has a camera, on-demand where not. Residency is the scheduler's decision, so the two together
     * are refused.
     */
    private static Scenario.SchedulerSpec schedulerOf(YamlNode root) {
        Optional<YamlNode> residency = root.find("residency");
        if (residency.isEmpty()) {
            Scenario.SchedulerSpec s = root.find("scheduler").map(ScenarioFile::scheduler)
                    .orElse(root.has("camera") ? Scenario.SchedulerSpec.THREE_STATE : Scenario.SchedulerSpec.ON_DEMAND);
            if (s.name().equals("three-state") && !root.has("camera")) {
                throw root.get("scheduler").error("three-state paces a camera pipeline: it needs the scenario's camera section");
            }
            return s;
        }
        if (root.has("scheduler")) {
            throw residency.get().error("residency is the scheduler's decision (Board.preload): give either residency or scheduler,"
                    + " not both (residency: resident is scheduler: resident)");
        }
        return switch (residency.get().text()) {
            case "on-demand" -> Scenario.SchedulerSpec.ON_DEMAND;
            case "resident" -> Scenario.SchedulerSpec.RESIDENT;
            default -> throw residency.get().error("must be on-demand (each event loads and releases every module) or resident"
                    + " (loaded once, kept between events), got '" + residency.get().text() + "'");
        };
    }

    /** {@code scheduler: NAME} or {@code {name: NAME, params: {P: number, ...}}}, checked against the schedulers here. */
    private static Scenario.SchedulerSpec scheduler(YamlNode n) {
        String name = n.isScalar() ? n.text() : n.allowOnly(Set.of("name", "params")).get("name").text();
        org.nanomind.scenarios.scheduler.SchedulerProvider p;
        try {
            p = org.nanomind.scenarios.scheduler.Schedulers.named(name);
        } catch (IllegalArgumentException e) {
            throw (n.isScalar() ? n : n.get("name")).error(e.getMessage());
        }
        java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();
        if (!n.isScalar() && n.has("params")) {
            YamlNode ps = n.get("params").allowOnly(p.parameters());
            for (String k : ps.keys()) {
                params.put(k, ps.get(k).number());
            }
        }
        try {
            p.create(params); // its values checked here, where the file and line are known
        } catch (IllegalArgumentException e) {
            throw (n.isScalar() || !n.has("params") ? n : n.get("params")).error(e.getMessage());
        }
        return new Scenario.SchedulerSpec(name, params);
    }

    private static Scenario.Camera camera(YamlNode c) {
        c.allowOnly(CAMERA_FIELDS);
        double throttle = percent(c.get("throttle_below"));
        double critical = percent(c.get("critical_below"));
        try {
            return new Scenario.Camera(c.get("fps").quantity(Quantity.FREQUENCY),
                    new org.nanomind.soc.Policies.BatteryPolicy(throttle, critical, c.get("min_scale").number(0.01, 1.0)));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    private static double percent(YamlNode n) {
        String t = n.text().strip();
        if (!t.endsWith("%")) {
            throw n.error("a state of charge is written as a percentage, e.g. '50%', got '" + t + "'");
        }
        try {
            double v = Double.parseDouble(t.substring(0, t.length() - 1).strip());
            if (v < 0 || v > 100) {
                throw n.error("must be within 0% .. 100%, got " + t);
            }
            return v / 100;
        } catch (NumberFormatException e) {
            throw n.error("'" + t + "' is not a percentage");
        }
    }

    /** The workload; {@code graphsOnly}: every brick is a graph, whose inference needs no tokens or words. */
    private static Scenario.Workload workload(YamlNode w, Path dir, boolean graphsOnly) {
        w.allowOnly(WORKLOAD_FIELDS);
        String arrivals = w.get("arrivals").text();
        double rate = 0;
        Path trace = null;
        switch (arrivals) {
            case "poisson", "periodic" -> rate = w.get("rate_per_hour").number(1e-6, 3600);
            case "trace" -> {
                trace = Path.of(w.get("trace").text());
                if (dir != null) {
                    trace = dir.resolve(trace);
                }
            }
            default -> throw w.get("arrivals").error("must be poisson, periodic or trace, got '" + arrivals + "'");
        }
        return new Scenario.Workload(arrivals, rate, trace, count(w, "prompt_tokens", 1 << 20, graphsOnly),
                count(w, "answer_tokens", 1 << 20, graphsOnly), count(w, "question_words", 1 << 16, graphsOnly),
                count(w, "answer_words", 1 << 16, graphsOnly),
                w.find("camera_capture").map(x -> x.quantity(Quantity.TIME, true)).orElse(0.0));
    }

    /**
     * A graph brick's input: {@code input: [...]} as given, {@code tokens: N} for a text encoder, {@code audio: T s}
     * as mel frames (Whisper, 100 a second) or 16 kHz samples (wav2vec 2.0); empty for the model's own.
     */
    private static List<Integer> graphInput(YamlNode b, String model) {
        if (b.has("input")) {
            return b.get("input").list().stream().map(d -> (int) d.integer(1, org.nanomind.soc.graph.Shape.MAX_DIM)).toList();
        }
        var kind = org.nanomind.soc.graph.TransformerFamilies.inputOf(model);
        if (b.has("tokens")) {
            if (kind.orElse(null) != org.nanomind.soc.graph.TransformerFamilies.Input.TOKENS) {
                throw b.get("tokens").error("tokens: is the input of a text encoder (clip-text); for " + model + " give input: [...]");
            }
            return List.of((int) b.get("tokens").integer(1, 1 << 20));
        }
        if (b.has("audio")) {
            double seconds = b.get("audio").quantity(Quantity.TIME);
            if (seconds > 600) {
                throw b.get("audio").error("at most 600 s of audio a request (an encoder's window is 30 s), got " + seconds + " s");
            }
            if (kind.orElse(null) == org.nanomind.soc.graph.TransformerFamilies.Input.MEL_FRAMES) {
                return List.of(80, 1, (int) Math.max(2, Math.round(seconds * 100)));
            }
            if (kind.orElse(null) == org.nanomind.soc.graph.TransformerFamilies.Input.SAMPLES) {
                return List.of(1, 1, (int) Math.max(400, Math.round(seconds * 16000)));
            }
            throw b.get("audio").error("audio: is the input of a speech encoder (whisper-*-encoder, wav2vec2-*); for " + model
                    + " give input: [...]");
        }
        return List.of();
    }

    private static int count(YamlNode w, String field, int max, boolean optional) {
        return optional && !w.has(field) ? 0 : (int) w.get(field).integer(0, max);
    }
}
