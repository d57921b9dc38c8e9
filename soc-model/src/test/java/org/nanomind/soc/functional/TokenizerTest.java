package org.nanomind.soc.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.Formats;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufValue;
import org.nanomind.kernels.GgufWriter;

class TokenizerTest {
    /** GPT-2's printable stand-in for a byte. */
    static char mapped(int b) {
        boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        if (printable) {
            return (char) b;
        }
        int n = 0;
        for (int x = 0; x < b; x++) {
            boolean p = (x >= '!' && x <= '~') || (x >= 0xA1 && x <= 0xAC) || (x >= 0xAE && x <= 0xFF);
            n += p ? 0 : 1;
        }
        return (char) (256 + n);
    }

    @Test
    void byteLevelBpeFromGgufMetadataMergesByRankAndDecodesBack(@TempDir Path dir) throws Exception {
        List<Object> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(mapped(b)));
        }
        String space = String.valueOf(mapped(' '));
        tokens.addAll(List.of("th", "the", space + "the", "me"));
        List<Object> merges = List.of("t h", "th e", space + " the", "m e");
        GgufWriter w = new GgufWriter();
        w.put("general.architecture", GgufValue.of("llama"));
        w.put("tokenizer.ggml.model", GgufValue.of("gpt2"));
        w.put("tokenizer.ggml.tokens", GgufValue.array(GgufValue.Type.STRING, tokens));
        w.put("tokenizer.ggml.merges", GgufValue.array(GgufValue.Type.STRING, merges));
        Path f = dir.resolve("tok.gguf");
        try (Arena a = Arena.ofConfined()) {
            w.tensor("x", GgmlType.F32, new long[] {1}, Formats.quantize(GgmlType.F32, new float[] {0}, a));
            w.write(f);
        }
        try (GgufFile g = GgufFile.open(f)) {
            Tokenizer t = Tokenizer.of(g);
            int[] ids = t.encode("the theme");
            // "the" merges to one token; " theme" to " the" then "me", the lower-ranked merges first
            assertArrayEquals(new int[] {257, 258, 259}, ids, Arrays.toString(ids));
            assertEquals("the theme", t.decode(Arrays.stream(ids).boxed().toList()));
            String odd = "Grüße, 3 cats!\n";
            assertEquals(odd, t.decode(Arrays.stream(t.encode(odd)).boxed().toList()), "any UTF-8 text round-trips through bytes");
        }
    }

    @Test
    void generatedModelsUseOneTokenAByte() {
        Tokenizer t = new Tokenizer.Bytes();
        assertArrayEquals(new int[] {'h', 'i'}, t.encode("hi"));
        assertEquals("hi</s>", t.decode(List.of((int) 'h', (int) 'i', 257)));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer.Bpe(List.of("a"), List.of()).encode("b"));
    }
}
