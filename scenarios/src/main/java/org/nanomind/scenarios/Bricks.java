package org.nanomind.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.soc.Brick;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.InputException;
import org.nanomind.soc.LayerOffload;
import org.nanomind.soc.Platform;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.SpeechBrick;
import org.nanomind.soc.TtsBrick;
import org.nanomind.soc.VisionBrick;

/** Builds a scenario's bricks from their models: the kind follows the configuration's model_type. */
final class Bricks {
    private Bricks() {
    }

    /** The scenario's bricks on their units, checked against the platform. */
    static List<Cascade.Stage> stages(Scenario sc, Platform platform) {
        List<Cascade.Stage> stages = new ArrayList<>();
        for (int i = 0; i < sc.bricks().size(); i++) {
            Scenario.BrickSpec spec = sc.bricks().get(i);
            String field = "bricks[" + i + "]";
            try {
                platform.unit(spec.unit());
            } catch (IllegalArgumentException e) {
                throw new InputException(sc.source(), 0, 0, field + ".unit", e.getMessage());
            }
            Brick b = build(spec, field);
            if (b instanceof org.nanomind.soc.GraphBrick g) {
                try {
                    g.place(platform, spec.unit(), spec.threads());
                } catch (IllegalArgumentException e) {
                    throw new InputException(sc.source(), 0, 0, field + ".runtime", e.getMessage());
                }
            }
            LayerOffload offload = null;
            if (spec.gpuLayers() != null) {
                boolean onCpu = platform.cpuClusters().stream().anyMatch(c -> c.name().equals(spec.unit()));
                if (!(b instanceof DecoderBrick) || !onCpu) {
                    throw new InputException(sc.source(), 0, 0, field + ".gpu_layers", "layer offload is for a decoder"
                            + " whose unit is a CPU cluster (the layers not offloaded run there); " + spec.name() + " is a "
                            + b.getClass().getSimpleName() + " on " + spec.unit());
                }
                offload = new LayerOffload(spec.gpuLayers());
            }
            stages.add(new Cascade.Stage(b, spec.unit(), spec.threads(), offload, spec.after()));
        }
        try {
            Cascade.checkOrder(stages);
        } catch (IllegalArgumentException e) {
            throw new InputException(sc.source(), 0, 0, "bricks", e.getMessage());
        }
        return stages;
    }

    /** Whether {@code model} is a graph: an ncnn or ONNX file, or a built-in family (YOLO, MobileNetV2, ViT, ...). */
    static boolean graph(String model) {
        return model.endsWith(".param") || model.endsWith(".onnx") || builtinGraph(model);
    }

    static boolean builtinGraph(String model) {
        return org.nanomind.soc.graph.Families.knows(model) || org.nanomind.soc.graph.TransformerFamilies.inputOf(model).isPresent();
    }

    /** A built-in family's input when the scenario gives none: its published resolution, 77 tokens, 30 s of audio. */
    static org.nanomind.soc.graph.Shape defaultInput(String model) {
        var kind = org.nanomind.soc.graph.TransformerFamilies.inputOf(model);
        if (kind.isEmpty()) {
            return model.toLowerCase(java.util.Locale.ROOT).startsWith("yolo") ? org.nanomind.soc.graph.Shape.of(3, 640, 640)
                    : org.nanomind.soc.graph.Shape.of(3, 224, 224);
        }
        return switch (kind.get()) {
            case IMAGE -> org.nanomind.soc.graph.Shape.of(3, 224, 224);
            case TOKENS -> org.nanomind.soc.graph.Shape.of(77);
            case MEL_FRAMES -> org.nanomind.soc.graph.Shape.of(80, 1, 3000);
            case SAMPLES -> org.nanomind.soc.graph.Shape.of(1, 1, 30 * 16000);
        };
    }

    static Brick build(Scenario.BrickSpec spec, String field) {
        var mix = org.nanomind.kernels.QuantMix.named(spec.quantization());
        GgmlType q = spec.quantization().equals("INT8") ? GgmlType.I8
                : mix.map(org.nanomind.kernels.QuantMix::base).orElseGet(() -> GgmlType.valueOf(spec.quantization()));
        if (builtinGraph(spec.model())) {
            var in = spec.input().isEmpty() ? defaultInput(spec.model()) : new org.nanomind.soc.graph.Shape(spec.input());
            var g = org.nanomind.soc.graph.Families.named(spec.model(), in)
                    .or(() -> org.nanomind.soc.graph.TransformerFamilies.named(spec.model(), in)).orElseThrow();
            return new org.nanomind.soc.GraphBrick(spec.name(), g, spec.runtime());
        }
        if (spec.model().endsWith(".onnx")) {
            List<List<Long>> in = spec.input().isEmpty() ? List.of() : List.of(spec.input().stream().map(Integer::longValue).toList());
            return new org.nanomind.soc.GraphBrick(spec.name(), org.nanomind.soc.graph.OnnxModel.load(Path.of(spec.model()), in), spec.runtime());
        }
        if (spec.model().endsWith(".param")) {
            if (!spec.input().isEmpty() && (spec.input().size() < 1 || spec.input().size() > 3)) {
                throw new InputException(spec.model(), 0, 0, field + ".input", "an ncnn input is [c, h, w], [h, w] or [w], got " + spec.input());
            }
            var shapes = spec.input().isEmpty() ? List.<org.nanomind.soc.graph.Shape>of() : List.of(new org.nanomind.soc.graph.Shape(spec.input()));
            return new org.nanomind.soc.GraphBrick(spec.name(), org.nanomind.soc.graph.NcnnParam.load(Path.of(spec.model()), shapes), spec.runtime());
        }
        if (spec.model().endsWith(".gguf")) {
            try (GgufFile f = GgufFile.open(Path.of(spec.model()))) {
                return DecoderBrick.fromGguf(spec.name(), f);
            } catch (IOException e) {
                throw new InputException(spec.model(), 0, 0, field, "cannot read the GGUF file: " + e.getMessage());
            }
        }
        ModelConfig c = ModelConfig.named(spec.model());
        String type = c.text("model_type");
        if (mix.isPresent() && !type.equals("qwen2") && !type.equals("llama")) {
            throw new InputException(c.source(), 0, 0, field + ".quantization", spec.quantization() + " is llama.cpp's mixture of"
                    + " types for a decoder's tensors; a " + type + " brick takes one type (F32, F16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K, INT8)");
        }
        return switch (type) {
            case "qwen2", "llama" -> mix.isPresent() ? DecoderBrick.fromConfig(spec.name(), c, mix.get()) : DecoderBrick.fromConfig(spec.name(), c, q);
            case "llava_onevision", "qwen2_vl" -> VisionBrick.fromConfig(spec.name(), c, q);
            case "whisper" -> SpeechBrick.fromConfig(spec.name(), c, q);
            case "piper" -> TtsBrick.fromConfig(spec.name(), c);
            default -> throw new InputException(c.source(), 0, 0, "model_type", "unknown model type '" + type
                    + "' (known: qwen2, llama, llava_onevision, qwen2_vl, whisper, piper)");
        };
    }
}
