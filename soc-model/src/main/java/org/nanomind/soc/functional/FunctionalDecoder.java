package org.nanomind.soc.functional;

import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.Op;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.nanomind.kernels.Activation;
import org.nanomind.kernels.Attention;
import org.nanomind.kernels.Formats;
import org.nanomind.kernels.FusedDequantGemv;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufTensor;
import org.nanomind.kernels.KernelPool;
import org.nanomind.kernels.KvCache;
import org.nanomind.kernels.OpenClGemm;
import org.nanomind.kernels.Ops;
import org.nanomind.kernels.Work;

/**
 * A LLaMA or Qwen2 decoder run for real on a GGUF file's weights (mapped, not copied) with the kernels:
 * fused dequant-GEMM/GEMV, RMSNorm, RoPE, SwiGLU, softmax attention over a KV cache (in tiles of
 * {@link Op#ATTENTION_TILE} queries for a prefill). Activations enter each matrix in the unit's storage
 * type: F32 on a CPU, F16 on the GPU (W4A16); on the GPU, with an OpenCL device, the Q4_0 matrices run as
 * the OpenCL kernel. A counted step ({@link CountedWork}) reports the work its matrices and its decode
 * attention did, as counted while they ran, so a run can check the timing model's charge against it.
 */
public final class FunctionalDecoder implements AutoCloseable {
    /**
     * A step's logits (of its last token) and, if it was counted, its work by operation class: the matrices
     * always, the attention of a decode step (a prefill's tiled attention is not counted); null where not.
     */
    public record Step(float[] logits, Work matmuls, Work attention) {
    }

    private final GgufFile file;
    private final DecoderBrick shape;
    private final GgmlType act;
    private final KernelPool pool;
    private final KvCache[] caches;
    private final float eps;
    private final float theta;
    private final Ops.RopeMode rope;
    private final String arch;
    private final OpenClGemm gpu;
    private final Tokenizer tokenizer;
    private final java.util.Map<String, OpenClGemm.Weights> uploaded = new java.util.HashMap<>();
    private int position;

    private FunctionalDecoder(GgufFile file, DecoderBrick shape, GgmlType act, int threads, int capacity, OpenClGemm gpu) {
        this.gpu = gpu;
        this.file = file;
        this.tokenizer = Tokenizer.of(file);
        this.shape = shape;
        this.act = act;
        this.pool = new KernelPool(threads);
        this.arch = file.metadata().get("general.architecture").asString();
        this.eps = (float) value(arch + ".attention.layer_norm_rms_epsilon", 1e-6);
        this.theta = (float) value(arch + ".rope.freq_base", 10_000);
        this.rope = arch.equals("qwen2") ? Ops.RopeMode.NEOX : Ops.RopeMode.NORMAL;
        this.caches = new KvCache[shape.layers()];
        for (int l = 0; l < caches.length; l++) {
            caches[l] = new KvCache(capacity, shape.kvHeads(), shape.headDim());
        }
    }

    /** Opens {@code gguf} for a run of up to {@code capacity} positions, activations stored as {@code act}. */
    public static FunctionalDecoder open(Path gguf, GgmlType act, int threads, int capacity) throws IOException {
        return open(gguf, act, threads, capacity, null);
    }

    /**
     * As {@link #open(Path, GgmlType, int, int)}; with {@code gpu}, the Q4_0 matrices run as the OpenCL kernel
     * (their weights uploaded once), the rest on the Vector API kernels.
     */
    public static FunctionalDecoder open(Path gguf, GgmlType act, int threads, int capacity, OpenClGemm gpu) throws IOException {
        GgufFile f = GgufFile.open(gguf);
        return new FunctionalDecoder(f, DecoderBrick.fromGguf(gguf.getFileName().toString(), f), act, threads, capacity, gpu);
    }

    public DecoderBrick shape() {
        return shape;
    }

    /** The tokenizer the file's metadata describes. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    private double value(String key, double otherwise) {
        var v = file.metadata().get(key);
        return v == null ? otherwise : v.asDouble();
    }

    /** Forgets the context: an empty KV cache, position 0 (a new event). */
    public void reset() {
        for (int l = 0; l < caches.length; l++) {
            caches[l] = new KvCache(caches[l].capacity(), shape.kvHeads(), shape.headDim());
        }
        position = 0;
    }

    /** The embedding row of {@code token}. */
    public float[] embed(int token) {
        GgufTensor t = file.tensor("token_embd.weight");
        float[] row = new float[shape.hidden()];
        Formats.dequantize(t.type(), file.data(t), t.type().bytesFor((long) token * shape.hidden()), row, 0, shape.hidden());
        return row;
    }

    /**
     * Runs {@code tokens} input rows (each hidden wide: image embeddings, then embedded prompt tokens) at
     * once; {@code x} is the residual stream and holds the last layer's output afterwards.
     */
    public Step prefill(float[] x, int tokens, boolean count) {
        return forward(x, tokens, true, count);
    }

    /** Runs one token at the next position; {@code count}: count its work (several times slower). */
    public Step decode(int token, boolean count) {
        return forward(embed(token), 1, false, count);
    }

    private Step forward(float[] x, int n, boolean tiled, boolean count) {
        // The activations handed to the matrices live for this step only (shared: the pool's threads read them).
        try (Arena step = Arena.ofShared()) {
            return forward(x, n, tiled, count, n - 1, step);
        }
    }

    /**
     * Runs {@code tokens} input rows as {@link #prefill} does and returns the logits of every position from
     * {@code from} on ((tokens - from) rows of the vocabulary): the distributions a KL divergence compares.
     * Not counted.
     */
    public float[] prefillLogits(float[] x, int tokens, int from) {
        if (from < 0 || from >= tokens) {
            throw new IllegalArgumentException("positions " + from + ".." + (tokens - 1) + " of " + tokens);
        }
        try (Arena step = Arena.ofShared()) {
            return forward(x, tokens, true, false, from, step).logits();
        }
    }

    private Step forward(float[] x, int n, boolean tiled, boolean count, int headFrom, Arena step) {
        int h = shape.hidden();
        int q = shape.heads() * shape.headDim();
        int kv = shape.kvHeads() * shape.headDim();
        int inter = shape.intermediate();
        Work mm = Work.NONE;
        Work att = Work.NONE;
        float[] xn = new float[n * h];
        float[] qs = new float[n * q];
        float[] ks = new float[n * kv];
        float[] vs = new float[n * kv];
        float[] ao = new float[n * q];
        float[] o = new float[n * h];
        float[] gate = new float[n * inter];
        float[] up = new float[n * inter];
        float[] hid = new float[n * inter];
        for (int l = 0; l < shape.layers(); l++) {
            String b = "blk." + l + ".";
            float[] norm = vector(b + "attn_norm.weight");
            for (int t = 0; t < n; t++) {
                Ops.rmsNorm(x, t * h, norm, eps, xn, t * h, h);
            }
            MemorySegment in = store(step, xn);
            mm = CountedWork.plus(mm, matmul(b + "attn_q.weight", in, n, qs, vectorOrNull(b + "attn_q.bias"), count));
            mm = CountedWork.plus(mm, matmul(b + "attn_k.weight", in, n, ks, vectorOrNull(b + "attn_k.bias"), count));
            mm = CountedWork.plus(mm, matmul(b + "attn_v.weight", in, n, vs, vectorOrNull(b + "attn_v.bias"), count));
            for (int t = 0; t < n; t++) {
                Ops.rope(qs, t * q, shape.heads(), shape.headDim(), position + t, theta, rope);
                Ops.rope(ks, t * kv, shape.kvHeads(), shape.headDim(), position + t, theta, rope);
            }
            KvCache cache = caches[l];
            if (tiled) {
                for (int start = 0; start < n; start += Op.ATTENTION_TILE) {
                    int m = Math.min(Op.ATTENTION_TILE, n - start);
                    for (int t = start; t < start + m; t++) {
                        att = att.plus(cache.append(ks, t * kv, vs, t * kv));
                    }
                    att = att.plus(Attention.attendTile(qs, start * q, m, cache, shape.heads(), true, ao, start * q));
                }
            } else if (count) {
                att = att.plus(CountedWork.decodeAttention(cache, () -> cache.append(ks, 0, vs, 0), qs, shape.heads(), shape.kvHeads(),
                        shape.headDim()));
                Attention.attend(qs, 0, cache, shape.heads(), ao, 0);
            } else {
                cache.append(ks, 0, vs, 0);
                Attention.attend(qs, 0, cache, shape.heads(), ao, 0);
            }
            mm = CountedWork.plus(mm, matmul(b + "attn_output.weight", store(step, ao), n, o, null, count));
            Tensors.add(x, o);
            float[] norm2 = vector(b + "ffn_norm.weight");
            for (int t = 0; t < n; t++) {
                Ops.rmsNorm(x, t * h, norm2, eps, xn, t * h, h);
            }
            MemorySegment in2 = store(step, xn);
            mm = CountedWork.plus(mm, matmul(b + "ffn_gate.weight", in2, n, gate, null, count));
            mm = CountedWork.plus(mm, matmul(b + "ffn_up.weight", in2, n, up, null, count));
            Ops.siluMul(gate, up, hid, n * inter);
            mm = CountedWork.plus(mm, matmul(b + "ffn_down.weight", store(step, hid), n, o, null, count));
            Tensors.add(x, o);
        }
        position += n;
        // The head, for the positions from headFrom on (a step: the last token only).
        int rowsOut = n - headFrom;
        float[] last = new float[rowsOut * h];
        float[] outNorm = vector("output_norm.weight");
        for (int t = headFrom; t < n; t++) {
            Ops.rmsNorm(x, t * h, outNorm, eps, last, (t - headFrom) * h, h);
        }
        float[] logits = new float[rowsOut * shape.vocab()];
        String head = file.tensor("output.weight") != null ? "output.weight" : "token_embd.weight";
        mm = CountedWork.plus(mm, matmul(head, store(step, last), rowsOut, logits, null, count));
        return count ? new Step(logits, mm, tiled ? null : att) : new Step(logits, null, null);
    }

    /**
     * y = W x for n tokens: a GEMV for one, the fused GEMM for more (the weights streamed once). Counted, the
     * work as {@link CountedWork} counts it; otherwise the kernel's own charge.
     */
    private Work matmul(String name, MemorySegment x, int n, float[] y, float[] bias, boolean count) {
        GgufTensor t = file.tensor(name);
        int cols = (int) t.dims()[0];
        int rows = (int) t.dims()[1];
        boolean onDevice = gpu != null && t.type() == GgmlType.Q4_0;
        java.util.function.Supplier<Work> kernel = () -> {
            if (onDevice) {
                OpenClGemm.Weights w = uploaded.computeIfAbsent(name, k -> gpu.upload(file.data(t), rows, cols));
                return gpu.gemm(w, x, act, n, y, bias, Activation.NONE);
            }
            return n == 1 ? FusedDequantGemv.gemv(pool, t.type(), file.data(t), rows, cols, x, act, y, bias, Activation.NONE)
                    : FusedDequantGemv.gemm(pool, t.type(), file.data(t), rows, cols, x, act, n, y, bias, Activation.NONE);
        };
        return count ? CountedWork.gemm(kernel, onDevice, t.type(), file.data(t), rows, cols, x, act, n, name) : kernel.get();
    }

    /** Activations as the unit stores them (F16 rounds them, as W4A16 does). */
    private MemorySegment store(Arena step, float[] x) {
        return Formats.quantize(act, x, step);
    }


    private float[] vector(String name) {
        return Tensors.vector(file, name);
    }

    private float[] vectorOrNull(String name) {
        return file.tensor(name) == null ? null : vector(name);
    }

    @Override
    public void close() {
        uploaded.values().forEach(OpenClGemm.Weights::close);
        pool.close();
        file.close();
    }
}
