package org.nanomind.soc.functional;

import org.nanomind.soc.DecoderBrick;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufValue;
import org.nanomind.kernels.GgufValue.Type;

/**
 * Every decoder GGUF the project writes carries what llama.cpp requires to load it, read back with the project's own
 * strict reader. The list is llama.cpp's (src/llama-model.cpp load_hparams and load_tensors for LLM_ARCH_LLAMA and
 * LLM_ARCH_QWEN2, src/llama-vocab.cpp llama_vocab::impl::load): keys read without a default, the vocabulary's arrays
 * and their types, and the tensors created without TENSOR_NOT_REQUIRED. `bench/llamacpp-load.sh` loads the files in
 * llama.cpp itself and decodes.
 */
class LlamaCppKeysTest {
    /** Hyperparameters llama.cpp reads with required = true, by key suffix after "ARCH.", and their GGUF type. */
    static final Map<String, Type> REQUIRED_HPARAMS = Map.of(
            "context_length", Type.UINT32,
            "embedding_length", Type.UINT32,
            "block_count", Type.UINT32,
            "feed_forward_length", Type.UINT32,
            "attention.head_count", Type.UINT32,
            "attention.layer_norm_rms_epsilon", Type.FLOAT32);

    @ParameterizedTest
    @CsvSource({"qwen2, Q4_0", "qwen2, Q8_0", "llama, Q4_K", "llama, F16"})
    void aGeneratedDecoderHasEveryKeyAndTensorLlamaCppRequires(String arch, GgmlType type, @TempDir Path dir) throws Exception {
        Path f = dir.resolve(arch + "-" + type + ".gguf");
        DecoderBrick d = FunctionalDecoderTest.TINY;
        ModelGenerator.decoder(d, arch, type, 5, f);
        try (GgufFile g = GgufFile.open(f)) {
            Map<String, GgufValue> m = g.metadata();
            assertEquals(arch, m.get("general.architecture").asString());
            REQUIRED_HPARAMS.forEach((k, t) -> {
                GgufValue v = m.get(arch + "." + k);
                assertNotNull(v, arch + "." + k + " is required by llama.cpp");
                assertEquals(t, v.type(), arch + "." + k);
            });
            // The vocabulary: a model llama.cpp knows, a string array as long as the embedding has rows, and for gpt2 merges.
            assertEquals("gpt2", m.get("tokenizer.ggml.model").asString());
            List<Object> tokens = array(m, "tokenizer.ggml.tokens", Type.STRING);
            assertEquals(g.tensor("token_embd.weight").dims()[1], tokens.size(), "llama.cpp sizes token_embd by the token list");
            assertEquals(tokens.size(), new HashSet<>(tokens).size(), "token strings are unique (llama.cpp maps them to ids)");
            array(m, "tokenizer.ggml.merges", Type.STRING);
            assertEquals(tokens.size(), array(m, "tokenizer.ggml.token_type", Type.INT32).size());
            for (String id : List.of("bos", "eos", "padding")) {
                long v = m.get("tokenizer.ggml." + id + "_token_id").asLong();
                assertTrue(v >= 0 && v < tokens.size(), id + " token id within the vocabulary");
            }
            assertEquals("default", m.get("tokenizer.ggml.pre").asString(), "a named pre-tokenizer: llama.cpp warns without one");
            // Tensors llama.cpp creates as required for both architectures (output.weight is optional: tied embeddings).
            for (String t : List.of("token_embd.weight", "output_norm.weight")) {
                assertNotNull(g.tensor(t), t);
            }
            for (int l = 0; l < d.layers(); l++) {
                for (String t : List.of("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down")) {
                    assertNotNull(g.tensor("blk." + l + "." + t + ".weight"), "blk." + l + "." + t);
                }
                if (arch.equals("qwen2")) {
                    assertNotNull(g.tensor("blk." + l + ".attn_q.bias"), "qwen2's q/k/v biases are required");
                }
            }
            // The project reads the same section: text is one token a byte (llama.cpp's linefeed lookup needs "\n"), and back.
            Tokenizer tok = Tokenizer.of(g);
            String text = "Hello,\nworld: 42 é";
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int[] expected = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                expected[i] = bytes[i] & 0xFF;
            }
            assertArrayEquals(expected, tok.encode(text));
            assertEquals(text, tok.decode(java.util.Arrays.stream(expected).boxed().toList()));
        }
    }

    private static List<Object> array(Map<String, GgufValue> m, String key, Type element) {
        GgufValue v = m.get(key);
        assertNotNull(v, key + " is required by llama.cpp");
        assertEquals(Type.ARRAY, v.type(), key);
        assertEquals(element, v.elementType(), key + " elements");
        return v.asList();
    }
}
