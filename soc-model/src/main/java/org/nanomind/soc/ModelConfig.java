package org.nanomind.soc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A model's configuration as HuggingFace publishes it (config.json), read field by field with errors
 * that name the file and field. Built-in configurations are resources named by model.
 */
public record ModelConfig(String source, JsonNode json) {
    public static final List<String> BUILTIN = List.of("qwen2-0.5b", "qwen2-vl-2b-language", "qwen2-vl-2b-vision", "tinyllama-1.1b",
            "llama-3.2-3b", "llama-3-8b", "llava-onevision-qwen2-0.5b-vision", "whisper-base", "piper-medium", "tiny-decoder",
            "tiny-vision");

    /** A built-in configuration by name, or a config.json path. */
    public static ModelConfig named(String nameOrPath) {
        try {
            if (BUILTIN.contains(nameOrPath)) {
                try (InputStream in = ModelConfig.class.getResourceAsStream("/org/nanomind/soc/models/" + nameOrPath + ".json")) {
                    return new ModelConfig(nameOrPath + ".json", new ObjectMapper().readTree(in));
                }
            }
            return new ModelConfig(nameOrPath, new ObjectMapper().readTree(Files.readString(Path.of(nameOrPath))));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(nameOrPath, 0, 0, "", "cannot read the model configuration (" + e.getMessage()
                    + "); built-in models: " + String.join(", ", BUILTIN));
        }
    }

    public ModelConfig child(String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isObject()) {
            throw new InputException(source, 0, 0, field, "missing section");
        }
        return new ModelConfig(source + "#" + field, n);
    }

    public int integer(String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > Integer.MAX_VALUE) {
            throw new InputException(source, 0, 0, field, "needs a positive integer, got " + n);
        }
        return n.asInt();
    }

    public int integer(String field, int fallback) {
        return json.has(field) ? integer(field) : fallback;
    }

    public double number(String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isNumber() || !(n.asDouble() > 0)) {
            throw new InputException(source, 0, 0, field, "needs a positive number, got " + n);
        }
        return n.asDouble();
    }

    public boolean flag(String field) {
        JsonNode n = json.get(field);
        return n != null && n.asBoolean();
    }

    public String text(String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isString()) {
            throw new InputException(source, 0, 0, field, "needs a string, got " + n);
        }
        return n.asString();
    }
}
