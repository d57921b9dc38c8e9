package org.nanomind.soc.functional;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufValue;

/**
 * Text to token ids and back, as a GGUF file's metadata says: byte-level BPE ("gpt2": the vocabulary and
 * merges of tokenizer.ggml.tokens and tokenizer.ggml.merges, as Qwen2 and LLaMA 3 ship them, and as the
 * generated models write it: the 256 byte tokens, no merges), or, for models generated before that ("bytes"),
 * one token a byte with BOS, EOS and a pad after the 256 bytes.
 */
public sealed interface Tokenizer {
    int[] encode(String text);

    String decode(List<Integer> ids);

    /** The tokenizer a GGUF file describes; bytes when it names none. */
    static Tokenizer of(GgufFile f) {
        GgufValue model = f.metadata().get("tokenizer.ggml.model");
        String kind = model == null ? "bytes" : model.asString();
        return switch (kind) {
            case "bytes" -> new Bytes();
            case "gpt2" -> Bpe.of(f);
            default -> throw new IllegalArgumentException("tokenizer '" + kind + "' is not supported (gpt2 byte-level BPE, or bytes)");
        };
    }

    /** One token a byte; 256 is BOS, 257 EOS, 258 the pad. */
    record Bytes() implements Tokenizer {
        @Override
        public int[] encode(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                ids[i] = b[i] & 0xFF;
            }
            return ids;
        }

        @Override
        public String decode(List<Integer> ids) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder specials = new StringBuilder();
            for (int id : ids) {
                if (id < 256) {
                    out.write(id);
                } else {
                    specials.append(id == 256 ? "<s>" : id == 257 ? "</s>" : "<pad>");
                }
            }
            return out.toString(StandardCharsets.UTF_8) + specials;
        }
    }

    /** GPT-2's byte-level BPE: bytes as printable characters, pre-split by its pattern, merged by rank. */
    final class Bpe implements Tokenizer {
        /** GPT-2's pre-tokenizer (Qwen2's differs in splitting digits one by one; close enough for prompts). */
        private static final Pattern SPLIT = Pattern.compile(
                "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> tokens;
        private final Map<String, Integer> ranks = new HashMap<>();
        private final char[] byteToChar = new char[256];
        private final Map<Character, Integer> charToByte = new HashMap<>();

        Bpe(List<String> tokens, List<String> merges) {
            this.tokens = List.copyOf(tokens);
            for (int i = 0; i < tokens.size(); i++) {
                ids.putIfAbsent(tokens.get(i), i);
            }
            for (int i = 0; i < merges.size(); i++) {
                ranks.put(merges.get(i), i);
            }
            // GPT-2's table: printable bytes stand for themselves, the others for characters from U+0100 on.
            int n = 0;
            for (int b = 0; b < 256; b++) {
                boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
                byteToChar[b] = printable ? (char) b : (char) (256 + n++);
                charToByte.put(byteToChar[b], b);
            }
        }

        /** The 256 byte tokens of a byte-level BPE vocabulary, in byte order: GPT-2's printable stand-in for each byte. */
        static List<String> byteTokens() {
            char[] table = new Bpe(List.of(), List.of()).byteToChar;
            List<String> out = new ArrayList<>(256);
            for (char c : table) {
                out.add(String.valueOf(c));
            }
            return out;
        }

        static Bpe of(GgufFile f) {
            List<String> tokens = strings(f, "tokenizer.ggml.tokens");
            List<String> merges = f.metadata().containsKey("tokenizer.ggml.merges") ? strings(f, "tokenizer.ggml.merges") : List.of();
            return new Bpe(tokens, merges);
        }

        private static List<String> strings(GgufFile f, String key) {
            GgufValue v = f.metadata().get(key);
            if (v == null) {
                throw new IllegalArgumentException("a gpt2 tokenizer needs " + key + " in the GGUF metadata");
            }
            return v.asList().stream().map(Object::toString).toList();
        }

        @Override
        public int[] encode(String text) {
            List<Integer> out = new ArrayList<>();
            Matcher m = SPLIT.matcher(text);
            while (m.find()) {
                StringBuilder mapped = new StringBuilder();
                for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                    mapped.append(byteToChar[b & 0xFF]);
                }
                for (String piece : merge(mapped.toString())) {
                    Integer id = ids.get(piece);
                    if (id == null) {
                        throw new IllegalArgumentException("the vocabulary has no token for '" + piece + "'");
                    }
                    out.add(id);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Symbols of one pre-token, merged pair by pair, the lowest-ranked pair first. */
        private List<String> merge(String word) {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < word.length(); i++) {
                s.add(String.valueOf(word.charAt(i)));
            }
            while (s.size() > 1) {
                int best = -1;
                int bestRank = Integer.MAX_VALUE;
                for (int i = 0; i + 1 < s.size(); i++) {
                    Integer r = ranks.get(s.get(i) + " " + s.get(i + 1));
                    if (r != null && r < bestRank) {
                        bestRank = r;
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                s.set(best, s.get(best) + s.get(best + 1));
                s.remove(best + 1);
            }
            return s;
        }

        @Override
        public String decode(List<Integer> ids) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int id : ids) {
                for (char c : tokens.get(id).toCharArray()) {
                    Integer b = charToByte.get(c);
                    if (b != null) {
                        out.write(b);
                    } else {
                        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8); // a special token's text
                        out.write(raw, 0, raw.length);
                    }
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
