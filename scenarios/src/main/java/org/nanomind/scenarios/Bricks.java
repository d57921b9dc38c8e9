package org.nanomind.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.soc.Brick;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.InputException;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.SpeechBrick;
import org.nanomind.soc.TtsBrick;
import org.nanomind.soc.VisionBrick;

/** Builds a scenario's bricks from their models: the kind follows the configuration's model_type. */
final class Bricks {
    private Bricks() {
    }

    static Brick build(Scenario.BrickSpec spec, String field) {
        GgmlType q = spec.quantization().equals("INT8") ? GgmlType.I8 : GgmlType.valueOf(spec.quantization());
        if (spec.model().endsWith(".gguf")) {
            try (GgufFile f = GgufFile.open(Path.of(spec.model()))) {
                return DecoderBrick.fromGguf(spec.name(), f);
            } catch (IOException e) {
                throw new InputException(spec.model(), 0, 0, field, "cannot read the GGUF file: " + e.getMessage());
            }
        }
        ModelConfig c = ModelConfig.named(spec.model());
        String type = c.text("model_type");
        return switch (type) {
            case "qwen2", "llama" -> DecoderBrick.fromConfig(spec.name(), c, q);
            case "llava_onevision" -> VisionBrick.fromConfig(spec.name(), c, q);
            case "whisper" -> SpeechBrick.fromConfig(spec.name(), c, q);
            case "piper" -> TtsBrick.fromConfig(spec.name(), c);
            default -> throw new InputException(c.source(), 0, 0, "model_type", "unknown model type '" + type
                    + "' (known: qwen2, llama, llava_onevision, whisper, piper)");
        };
    }
}
