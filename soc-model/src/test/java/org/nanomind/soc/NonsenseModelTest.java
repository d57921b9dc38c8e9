package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.GgmlType;

/** A model that cannot exist is refused with its file and field, not run at a made-up speed. */
class NonsenseModelTest {
    private static InputException refused(Path dir, String from, String to) throws Exception {
        String qwen;
        try (var in = ModelConfig.class.getResourceAsStream("models/qwen2-0.5b.json")) {
            qwen = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(qwen.contains(from), from);
        Path f = dir.resolve("config.json");
        Files.writeString(f, qwen.replace(from, to));
        return assertThrows(InputException.class, () -> DecoderBrick.fromConfig("d", ModelConfig.named(f.toString()), GgmlType.Q4_0));
    }

    @Test
    void noLayersOrHeadsNarrowerThanOneAreRefused(@TempDir Path dir) throws Exception {
        InputException layers = refused(dir, "\"num_hidden_layers\": 24", "\"num_hidden_layers\": 0");
        assertTrue(layers.getMessage().contains("config.json") && layers.getMessage().contains("'num_hidden_layers'")
                && layers.getMessage().contains("got 0"), layers.getMessage());
        InputException narrow = refused(dir, "\"hidden_size\": 896", "\"hidden_size\": 7");
        assertTrue(narrow.getMessage().contains("head_dim") && narrow.getMessage().contains("got 0"), narrow.getMessage());
        InputException kv = refused(dir, "\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3");
        assertTrue(kv.getMessage().contains("must divide num_attention_heads (14)"), kv.getMessage());
    }

    /** Seeded mutations of a model configuration: each is read or refused with an InputException naming the file. */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed={0}")
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void aMutatedConfigIsReadOrRefusedWithTheProjectsError(long seed, @TempDir Path dir) throws Exception {
        String qwen;
        try (var in = ModelConfig.class.getResourceAsStream("models/qwen2-0.5b.json")) {
            qwen = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        StringBuilder b = new StringBuilder(qwen);
        String alphabet = "0123456789-{}[],:\" e.tf ";
        for (int k = 1 + r.nextInt(3); k > 0 && b.length() > 1; k--) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 1 -> b.deleteCharAt(at);
                default -> b.setLength(at);
            }
        }
        Path f = dir.resolve("config.json");
        Files.writeString(f, b.toString());
        try {
            DecoderBrick.fromConfig("d", ModelConfig.named(f.toString()), GgmlType.Q4_0);
        } catch (InputException e) {
            assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        }
    }

    static java.util.stream.LongStream seeds() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261202L);
        return java.util.stream.LongStream.generate(r::nextLong).limit(300);
    }
}
