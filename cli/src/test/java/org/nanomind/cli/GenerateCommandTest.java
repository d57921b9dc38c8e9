package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.GgufFile;

/** `nanomind generate`: the same model, type and seed give the same bytes; what it cannot write is a usage error and no file. */
class GenerateCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void writesTheSameBytesForTheSameSeedAndADifferentFileForAnother(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.gguf");
        Path b = dir.resolve("b.gguf");
        Path c = dir.resolve("c.gguf");
        assertEquals(0, run("generate", "tiny-decoder", "--type", "Q4_0", "--seed", "3", "--out", a.toString()), err.toString());
        assertEquals(0, run("generate", "tiny-decoder", "--type", "Q4_0", "--seed", "3", "--out", b.toString()), err.toString());
        assertEquals(0, run("generate", "tiny-decoder", "--type", "Q4_0", "--seed", "4", "--out", c.toString()), err.toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
        try (GgufFile g = GgufFile.open(a)) {
            assertEquals("gpt2", g.metadata().get("tokenizer.ggml.model").asString());
        }
        assertTrue(out.toString().contains("vocabulary 259"), out.toString());
    }

    @Test
    void anUnknownTypeOrANonDecoderIsAUsageErrorAndWritesNothing(@TempDir Path dir) {
        Path f = dir.resolve("x.gguf");
        assertEquals(2, run("generate", "tiny-decoder", "--type", "Q3_K", "--out", f.toString()));
        assertTrue(err.toString().contains("--type must be one of"), err.toString());
        assertEquals(2, run("generate", "whisper-base", "--type", "Q4_0", "--out", f.toString()));
        assertTrue(err.toString().contains("LLaMA and Qwen2"), err.toString());
        assertFalse(Files.exists(f));
    }
}
