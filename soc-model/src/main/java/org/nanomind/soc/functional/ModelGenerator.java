package org.nanomind.soc.functional;

import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.VisionBrick;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nanomind.kernels.Formats;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufValue;
import org.nanomind.kernels.GgufWriter;

/**
 * Writes deterministic GGUF models for functional runs: weights drawn from a seed (Gaussian, scaled by
 * 1/sqrt(fan-in) so activations keep their size through the layers), for a decoder of any LLaMA or Qwen2
 * shape (tensor names and metadata as llama.cpp writes them, so {@link DecoderBrick#fromGguf} and the
 * functional decoder read it like a downloaded model) and for a ViT encoder with its projector. The same
 * shape, type and seed give the same bytes.
 */
public final class ModelGenerator {
    /** Byte-level vocabulary of generated decoders: 256 bytes, then BOS, EOS and a pad. */
    public static final int BYTE_VOCAB = 259;

    private ModelGenerator() {
    }

    /** Writes {@code d}'s shape with its weights in {@code type} (norms F32) to {@code file}. */
    public static void decoder(DecoderBrick d, String arch, GgmlType type, long seed, Path file) throws IOException {
        GgufWriter w = new GgufWriter();
        w.put("general.architecture", GgufValue.of(arch));
        w.put("general.name", GgufValue.of(d.name() + " (generated, seed " + seed + ")"));
        w.put(arch + ".embedding_length", GgufValue.uint32(d.hidden()));
        w.put(arch + ".block_count", GgufValue.uint32(d.layers()));
        w.put(arch + ".feed_forward_length", GgufValue.uint32(d.intermediate()));
        w.put(arch + ".attention.head_count", GgufValue.uint32(d.heads()));
        w.put(arch + ".attention.head_count_kv", GgufValue.uint32(d.kvHeads()));
        w.put(arch + ".context_length", GgufValue.uint32(4096));
        w.put(arch + ".rope.freq_base", GgufValue.float32(arch.equals("qwen2") ? 1_000_000f : 10_000f));
        w.put(arch + ".attention.layer_norm_rms_epsilon", GgufValue.float32(1e-6f));
        tokenizer(w, d.vocab());
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(seed);
            matrix(w, arena, r, "token_embd.weight", type, d.vocab(), d.hidden(), 1.0);
            int q = d.heads() * d.headDim();
            int kv = d.kvHeads() * d.headDim();
            for (int l = 0; l < d.layers(); l++) {
                String b = "blk." + l + ".";
                ones(w, arena, b + "attn_norm.weight", d.hidden());
                matrix(w, arena, r, b + "attn_q.weight", type, q, d.hidden(), 1 / Math.sqrt(d.hidden()));
                matrix(w, arena, r, b + "attn_k.weight", type, kv, d.hidden(), 1 / Math.sqrt(d.hidden()));
                matrix(w, arena, r, b + "attn_v.weight", type, kv, d.hidden(), 1 / Math.sqrt(d.hidden()));
                if (arch.equals("qwen2")) {
                    vector(w, arena, r, b + "attn_q.bias", q, 0.02);
                    vector(w, arena, r, b + "attn_k.bias", kv, 0.02);
                    vector(w, arena, r, b + "attn_v.bias", kv, 0.02);
                }
                matrix(w, arena, r, b + "attn_output.weight", type, d.hidden(), q, 1 / Math.sqrt(q));
                ones(w, arena, b + "ffn_norm.weight", d.hidden());
                matrix(w, arena, r, b + "ffn_gate.weight", type, d.intermediate(), d.hidden(), 1 / Math.sqrt(d.hidden()));
                matrix(w, arena, r, b + "ffn_up.weight", type, d.intermediate(), d.hidden(), 1 / Math.sqrt(d.hidden()));
                matrix(w, arena, r, b + "ffn_down.weight", type, d.hidden(), d.intermediate(), 1 / Math.sqrt(d.intermediate()));
            }
            ones(w, arena, "output_norm.weight", d.hidden());
            if (!d.tiedEmbeddings()) {
                matrix(w, arena, r, "output.weight", type, d.vocab(), d.hidden(), 1 / Math.sqrt(d.hidden()));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            w.write(file);
        }
    }

    /**
     * Whether {@code file} is a decoder this generator writes now: it exists and carries the gpt2 tokenizer section.
     * Files generated before that section (tokenizer "bytes") still run in the twin but not in llama.cpp, so a cache of
     * generated models writes them again.
     */
    public static boolean current(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (org.nanomind.kernels.GgufFile f = org.nanomind.kernels.GgufFile.open(file)) {
            GgufValue model = f.metadata().get("tokenizer.ggml.model");
            return model != null && "gpt2".equals(model.value());
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: written again
        }
    }

    /** llama.cpp's token types (enum llama_token_type in llama.h): a byte is normal, BOS, EOS and pad are control. */
    private static final long NORMAL = 1;
    private static final long CONTROL = 3;
    private static final long UNUSED = 5;

    /**
     * The tokenizer section llama.cpp reads (src/llama-vocab.cpp, llama_vocab::impl::load): a byte-level BPE ("gpt2")
     * whose first 256 tokens are the bytes in GPT-2's printable form and which has no merges, so that text encodes one
     * token a byte, as the generated models were trained on nothing; then BOS, EOS and a pad, and unused tokens up to
     * the embedding's rows (llama.cpp sizes token_embd by the token list). The pre-tokenizer is named ("default") so
     * that llama.cpp does not warn that it is missing.
     */
    private static void tokenizer(GgufWriter w, int vocab) {
        if (vocab < BYTE_VOCAB) {
            throw new IllegalArgumentException("a generated decoder needs a vocabulary of at least " + BYTE_VOCAB
                    + " tokens (256 bytes, BOS, EOS, pad), got " + vocab);
        }
        List<String> tokens = new ArrayList<>(Tokenizer.Bpe.byteTokens());
        tokens.addAll(List.of("<s>", "</s>", "<pad>"));
        List<Long> types = new ArrayList<>(java.util.Collections.nCopies(256, NORMAL));
        types.addAll(List.of(CONTROL, CONTROL, CONTROL));
        for (int i = BYTE_VOCAB; i < vocab; i++) {
            tokens.add("<unused" + i + ">");
            types.add(UNUSED);
        }
        w.put("tokenizer.ggml.model", GgufValue.of("gpt2"));
        w.put("tokenizer.ggml.pre", GgufValue.of("default"));
        w.put("tokenizer.ggml.tokens", GgufValue.array(GgufValue.Type.STRING, tokens));
        w.put("tokenizer.ggml.token_type", GgufValue.array(GgufValue.Type.INT32, types));
        w.put("tokenizer.ggml.merges", GgufValue.array(GgufValue.Type.STRING, List.of()));
        w.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(256));
        w.put("tokenizer.ggml.eos_token_id", GgufValue.uint32(257));
        w.put("tokenizer.ggml.padding_token_id", GgufValue.uint32(258));
    }

    /** Writes a ViT encoder of {@code v}'s shape and its two-layer projector, weights F32 (quantized when loaded). */
    public static void vision(VisionBrick v, long seed, Path file) throws IOException {
        GgufWriter w = new GgufWriter();
        w.put("general.architecture", GgufValue.of("vit"));
        w.put("vit.image_size", GgufValue.uint32(v.imageSize()));
        w.put("vit.patch_size", GgufValue.uint32(v.patchSize()));
        w.put("vit.embedding_length", GgufValue.uint32(v.hidden()));
        w.put("vit.feed_forward_length", GgufValue.uint32(v.intermediate()));
        w.put("vit.block_count", GgufValue.uint32(v.layers()));
        w.put("vit.attention.head_count", GgufValue.uint32(v.heads()));
        w.put("vit.projection_dim", GgufValue.uint32(v.textHidden()));
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(seed);
            int patchIn = v.channels() * v.temporalPatch() * v.patchSize() * v.patchSize();
            matrix(w, arena, r, "v.patch_embd.weight", GgmlType.F32, v.hidden(), patchIn, 1 / Math.sqrt(patchIn));
            for (int l = 0; l < v.layers(); l++) {
                String b = "v.blk." + l + ".";
                ones(w, arena, b + "ln1.weight", v.hidden());
                matrix(w, arena, r, b + "attn_qkv.weight", GgmlType.F32, 3 * v.hidden(), v.hidden(), 1 / Math.sqrt(v.hidden()));
                matrix(w, arena, r, b + "attn_out.weight", GgmlType.F32, v.hidden(), v.hidden(), 1 / Math.sqrt(v.hidden()));
                ones(w, arena, b + "ln2.weight", v.hidden());
                matrix(w, arena, r, b + "ffn_up.weight", GgmlType.F32, v.intermediate(), v.hidden(), 1 / Math.sqrt(v.hidden()));
                matrix(w, arena, r, b + "ffn_down.weight", GgmlType.F32, v.hidden(), v.intermediate(), 1 / Math.sqrt(v.intermediate()));
            }
            int mergedIn = v.hidden() * v.mergeSize() * v.mergeSize();
            matrix(w, arena, r, "mm.0.weight", GgmlType.F32, v.projectorHidden(), mergedIn, 1 / Math.sqrt(mergedIn));
            matrix(w, arena, r, "mm.2.weight", GgmlType.F32, v.textHidden(), v.projectorHidden(), 1 / Math.sqrt(v.projectorHidden()));
            Files.createDirectories(file.toAbsolutePath().getParent());
            w.write(file);
        }
    }

    private static void matrix(GgufWriter w, Arena arena, SplittableRandom r, String name, GgmlType type, int rows, int cols,
                               double scale) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (gaussian(r) * scale);
        }
        w.tensor(name, type, new long[] {cols, rows}, Formats.quantize(type, x, arena));
    }

    private static void vector(GgufWriter w, Arena arena, SplittableRandom r, String name, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (gaussian(r) * scale);
        }
        w.tensor(name, GgmlType.F32, new long[] {n}, Formats.quantize(GgmlType.F32, x, arena));
    }

    private static void ones(GgufWriter w, Arena arena, String name, int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        w.tensor(name, GgmlType.F32, new long[] {n}, Formats.quantize(GgmlType.F32, x, arena));
    }

    /** A standard normal draw (Box-Muller), from the generator alone: the same seed, the same weights. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
