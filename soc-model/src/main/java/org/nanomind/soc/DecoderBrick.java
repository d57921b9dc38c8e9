package org.nanomind.soc;

import java.util.ArrayList;
import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufTensor;
import org.nanomind.kernels.QuantMix;
import org.nanomind.kernels.Work;

/**
 * A LLaMA- or Qwen2-shaped decoder: per layer q, k, v, o projections (grouped-query attention), a SwiGLU
 * feed-forward (gate, up, down), two RMSNorms and RoPE, then the LM head. A request is a prefill of its
 * prompt and image tokens, then one decode step per answer token.
 */
public record DecoderBrick(String name, int hidden, int intermediate, int layers, int heads, int kvHeads, int headDim,
                           int vocab, boolean tiedEmbeddings, GgmlType weights, WeightTypes types, long weightBytes)
        implements Brick.Transformer {

    /** A decoder of a built-in configuration with every matrix at {@code weights}. */
    public static DecoderBrick fromConfig(String name, ModelConfig c, GgmlType weights) {
        DecoderBrick shape = shape(name, c, weights);
        return shape.with(WeightTypes.uniform(weights, shape.layers(), shape.matrixColumns(), shape.hidden()));
    }

    /** A decoder of a built-in configuration quantized as llama.cpp's mixture {@code mix} would quantize it. */
    public static DecoderBrick fromConfig(String name, ModelConfig c, QuantMix mix) {
        DecoderBrick shape = shape(name, c, mix.base());
        return shape.with(WeightTypes.of(mix, shape.layers(), shape.matrixColumns(), shape.hidden(), shape.tiedEmbeddings(),
                shape.heads() / shape.kvHeads()));
    }

    /** The configuration's dimensions; its matrices are not typed yet (no layers), so only its dimensions may be read. */
    private static DecoderBrick shape(String name, ModelConfig c, GgmlType weights) {
        int hidden = positive(c.source(), "hidden_size", c.integer("hidden_size"));
        int heads = positive(c.source(), "num_attention_heads", c.integer("num_attention_heads"));
        int layers = positive(c.source(), "num_hidden_layers", c.integer("num_hidden_layers"));
        int kvHeads = positive(c.source(), "num_key_value_heads", c.integer("num_key_value_heads", heads));
        int headDim = positive(c.source(), "head_dim (hidden_size / num_attention_heads unless given)", c.integer("head_dim", hidden / heads));
        if (heads % kvHeads != 0) {
            throw new InputException(c.source(), 0, 0, "num_key_value_heads", "must divide num_attention_heads (" + heads + "), got " + kvHeads);
        }
        return new DecoderBrick(name, hidden, positive(c.source(), "intermediate_size", c.integer("intermediate_size")), layers,
                heads, kvHeads, headDim, positive(c.source(), "vocab_size", c.integer("vocab_size")), c.flag("tie_word_embeddings"), weights,
                new WeightTypes(List.of(), weights, weights), 0);
    }

    /** A dimension of a decoder: at least 1 (a decoder of 0 layers or 0-wide heads would "run" at any speed). */
    private static int positive(String source, String field, long v) {
        if (v < 1 || v > (1 << 24)) {
            throw new InputException(source, 0, 0, field, "a decoder's dimension must be within 1 .. 16,777,216, got " + v);
        }
        return (int) v;
    }

    /** This decoder with its matrices at {@code t}, and the weight bytes they make. */
    private DecoderBrick with(WeightTypes t) {
        DecoderBrick typed = new DecoderBrick(name, hidden, intermediate, layers, heads, kvHeads, headDim, vocab, tiedEmbeddings, weights,
                t, 0);
        return new DecoderBrick(name, hidden, intermediate, layers, heads, kvHeads, headDim, vocab, tiedEmbeddings, weights, t,
                typed.parameterBytes());
    }

    /** The shape from a GGUF file's metadata, and its real weight size from its tensors. */
    public static DecoderBrick fromGguf(String name, GgufFile f) {
        String arch = f.metadata().containsKey("general.architecture") ? f.metadata().get("general.architecture").asString() : "";
        try {
            int hidden = positive(name, arch + ".embedding_length", f.metadata().get(arch + ".embedding_length").asLong());
            int heads = positive(name, arch + ".attention.head_count", f.metadata().get(arch + ".attention.head_count").asLong());
            var kv = f.metadata().get(arch + ".attention.head_count_kv");
            positive(name, arch + ".attention.head_count_kv", kv == null ? heads : kv.asLong());
            positive(name, "head dimension (" + arch + ".embedding_length / head_count)", hidden / heads);
            GgufTensor embd = f.tensor("token_embd.weight");
            GgufTensor q = f.tensor("blk.0.attn_q.weight");
            long bytes = 0;
            for (GgufTensor t : f.tensors()) {
                bytes += t.bytes();
            }
            int layers = positive(name, arch + ".block_count", f.metadata().get(arch + ".block_count").asLong());
            return new DecoderBrick(name, hidden, positive(name, arch + ".feed_forward_length", f.metadata().get(arch + ".feed_forward_length").asLong()),
                    layers, heads, kv == null ? heads : (int) kv.asLong(),
                    hidden / heads, (int) embd.dims()[1], f.tensor("output.weight") == null, q.type(), WeightTypes.of(f, layers), bytes);
        } catch (NullPointerException e) {
            throw new InputException(name, 0, 0, arch + ".*", "the GGUF file lacks a decoder's metadata or tensors"
                    + " (embedding_length, block_count, feed_forward_length, attention.head_count, token_embd, blk.0.attn_q)");
        }
    }

    /** Matrices of one layer as (rows, cols): q, k, v, o, gate, up, down. */
    private int[][] layerMatrices() {
        return new int[][] {{heads * headDim, hidden}, {kvHeads * headDim, hidden}, {kvHeads * headDim, hidden},
                {hidden, heads * headDim}, {intermediate, hidden}, {intermediate, hidden}, {hidden, intermediate}};
    }

    /** Row lengths of one layer's matrices, in {@link #layerMatrices()}'s order. */
    private int[] matrixColumns() {
        return java.util.Arrays.stream(layerMatrices()).mapToInt(m -> m[1]).toArray();
    }

    long parameterBytes() {
        long embeddings = types.embeddings().bytesFor((long) vocab * hidden) + (tiedEmbeddings ? 0 : headWeightBytes());
        long norms = (2L * layers + 1) * hidden * 4;
        return layerWeightBytes(0, layers) + embeddings + norms;
    }

    /** KV cache bytes per token of context (F32, as the kernels keep it). */
    public long kvBytesPerToken() {
        return 2L * layers * kvHeads * headDim * 4;
    }

    @Override
    public List<Op> run(Request r, GgmlType act) {
        List<Op> ops = new ArrayList<>(prefill(r.promptTokens() + r.imageTokens(), act));
        ops.addAll(decode(r, act));
        return ops;
    }

    /** The answer of a request, token by token, after its prefill. */
    public List<Op> decode(Request r, GgmlType act) {
        int context = r.promptTokens() + r.imageTokens();
        List<Op> ops = new ArrayList<>();
        for (int t = 0; t < r.answerTokens(); t++) {
            ops.addAll(decodeStep(context + t, act));
        }
        return ops;
    }

    /** Processing {@code tokens} prompt tokens at once, then the LM head for the last one. */
    public List<Op> prefill(int tokens, GgmlType act) {
        return prefill(tokens, act, 0, layers, true);
    }

    /**
     * The prefill of layers {@code from} to {@code to} (exclusive), with or without the LM head: the part of a
     * prefill that one unit runs when the layers are split between units (llama.cpp's layer offload).
     */
    public List<Op> prefill(int tokens, GgmlType act, int from, int to, boolean head) {
        if (tokens < 1) {
            return List.of();
        }
        int n = to - from;
        Work mm = matmuls(from, to, tokens, act);
        Work attn = Op.tiledAttention(heads, kvHeads, headDim, tokens, tokens, true)
                .plus(Work.kvAppend(kvHeads, headDim).times(tokens));
        return ops("prefill", mm, attn.times(n), elementwise().times((long) n * tokens), n, head, act, java.util.Map.of());
    }

    /** A weight matrix of a layer: rows x cols at its type. */
    private record Matrix(GgmlType type, int rows, int cols) {
        long weights() {
            return (long) rows * cols;
        }
    }

    /** The weight matrices of layers {@code from} to {@code to} (exclusive), each at its type. */
    private List<Matrix> matrices(int from, int to) {
        int[][] ms = layerMatrices();
        List<Matrix> out = new ArrayList<>((to - from) * ms.length);
        for (int l = from; l < to; l++) {
            for (int m = 0; m < ms.length; m++) {
                out.add(new Matrix(types.of(l, m), ms[m][0], ms[m][1]));
            }
        }
        return out;
    }

    /** The weight matrices of layers {@code from} to {@code to} applied to {@code tokens} tokens, each at its type. */
    private Work matmuls(int from, int to, int tokens, GgmlType act) {
        Work mm = Work.NONE;
        for (Matrix m : matrices(from, to)) {
            mm = mm.plus(Work.gemm(m.type(), m.rows(), m.cols(), tokens, act));
        }
        return mm;
    }

    /** One answer token at context position {@code position} (it attends to position + 1 tokens). */
    public List<Op> decodeStep(int position, GgmlType act) {
        return decodeStep(position, act, 0, layers, true);
    }

    /** One answer token through layers {@code from} to {@code to} (exclusive), with or without the LM head. */
    public List<Op> decodeStep(int position, GgmlType act, int from, int to, boolean head) {
        int n = to - from;
        Work attn = Work.attention(heads, kvHeads, headDim, position + 1).plus(Work.kvAppend(kvHeads, headDim));
        return ops("decode", matmuls(from, to, 1, act), attn.times(n), elementwise().times(n), n, head, act, weightsByType(from, to, head));
    }

    /** How many weights of each type layers {@code from} to {@code to} (and the head) hold: a decode step reads each once. */
    private java.util.Map<GgmlType, Long> weightsByType(int from, int to, boolean head) {
        java.util.Map<GgmlType, Long> by = new java.util.EnumMap<>(GgmlType.class);
        for (Matrix m : matrices(from, to)) {
            by.merge(m.type(), m.weights(), Long::sum);
        }
        if (head) {
            by.merge(types.head(), (long) vocab * hidden, Long::sum);
        }
        return by;
    }

    /** The matmuls, attention and norms of a phase; {@code gemv} the weights by type a decode step's dot products go through. */
    private List<Op> ops(String phase, Work mm, Work attn, Work norms, int n, boolean head, GgmlType act,
                         java.util.Map<GgmlType, Long> gemv) {
        List<Op> ops = new ArrayList<>(3);
        if (head) {
            mm = mm.plus(Work.gemv(types.head(), vocab, hidden, act));
            norms = norms.plus(Work.elementwise(hidden, 2));
        }
        int h = head ? 1 : 0;
        if (n + h > 0) {
            ops.add(new Op(name + " " + phase + " matmuls", Op.OpClass.MATMUL, mm, 7 * n + h, gemv));
        }
        if (n > 0) {
            ops.add(new Op(name + " " + phase + " attention", Op.OpClass.ATTENTION, attn, n));
        }
        if (n + h > 0) {
            ops.add(new Op(name + " " + phase + " norms", Op.OpClass.ELEMENTWISE, norms, 6 * n + h));
        }
        return ops;
    }

    /** Weight bytes of layers {@code from} to {@code to} (exclusive). */
    public long layerWeightBytes(int from, int to) {
        return matrices(from, to).stream().mapToLong(m -> m.type().bytesFor(m.weights())).sum();
    }

    /** Weight bytes of the LM head (the output matrix, shared with the embeddings when they are tied). */
    public long headWeightBytes() {
        return types.head().bytesFor((long) vocab * hidden);
    }

    /** RMSNorm x2, RoPE on q and k, SwiGLU, two residual adds: per layer, per token. */
    private Work elementwise() {
        return Work.elementwise(hidden, 2).plus(Work.elementwise(hidden, 2))
                .plus(Work.elementwise((heads + kvHeads) * headDim, 1)).plus(Work.elementwise(intermediate, 2))
                .plus(Work.elementwise(hidden, 2)).plus(Work.elementwise(hidden, 2));
    }
}
