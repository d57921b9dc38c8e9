package org.nanomind.soc.functional;

import org.nanomind.soc.Op;
import org.nanomind.soc.VisionBrick;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nanomind.kernels.Activation;
import org.nanomind.kernels.Attention;
import org.nanomind.kernels.Formats;
import org.nanomind.kernels.FusedDequantGemv;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufTensor;
import org.nanomind.kernels.Int8Gemm;
import org.nanomind.kernels.KernelPool;
import org.nanomind.kernels.KvCache;
import org.nanomind.kernels.Ops;
import org.nanomind.kernels.Work;

/**
 * A ViT encoder and its projector run for real, as the NPU runs them: with INT8 weights (per-channel
 * scales) every matrix is INT8 x INT8 -> INT32 with its output requantized to INT8 (a per-tensor scale),
 * or with F16 weights and F16 activations. The encoder normalizes with RMSNorm (the kernels' norm; SigLIP
 * uses LayerNorm, which costs the same passes). It reports its matrices' work as counted while they ran
 * ({@link CountedWork}).
 */
public final class FunctionalVision implements AutoCloseable {
    /** The embeddings (tokens x text hidden) and the matrices' work, counted. */
    public record Result(float[] embeddings, Work matmuls) {
    }

    private final GgufFile file;
    private final VisionBrick shape;
    private final KernelPool pool;
    private final Arena arena = Arena.ofShared();
    /** Each matrix in the brick's precision, made once: F16 (F32 for a reference), or INT8 with per-row scales. */
    private final Map<String, MemorySegment> weights = new HashMap<>();
    private final Map<String, float[]> scales = new HashMap<>();

    public FunctionalVision(Path gguf, VisionBrick shape, int threads) throws IOException {
        this.file = GgufFile.open(gguf);
        this.shape = shape;
        this.pool = new KernelPool(threads);
    }

    /** A camera frame of the model's input size, channels first, values in [-1, 1], the same for a seed. */
    public static float[] frame(VisionBrick v, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int s = v.imageSize();
        float[] img = new float[v.channels() * s * s];
        for (int c = 0; c < v.channels(); c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    double scene = StrictMath.sin(0.11 * x + 0.7 * c) * StrictMath.cos(0.07 * y) + 0.3 * (r.nextDouble() - 0.5);
                    img[(c * s + y) * s + x] = (float) Math.max(-1, Math.min(1, scene));
                }
            }
        }
        return img;
    }

    public Result encode(float[] image) {
        // The activations handed to the matrices live for this image only (shared: the pool's threads read them).
        try (Arena step = Arena.ofShared()) {
            return encode(image, step);
        }
    }

    private Result encode(float[] image, Arena step) {
        VisionBrick v = shape;
        int n = v.patches();
        int h = v.hidden();
        Work mm = Work.NONE;
        float[] x = new float[n * h];
        mm = CountedWork.plus(mm, matmul(step, "v.patch_embd.weight", patches(image), n, x));
        float[] xn = new float[n * h];
        float[] qkv = new float[n * 3 * h];
        float[] q = new float[n * h];
        float[] k = new float[n * h];
        float[] val = new float[n * h];
        float[] ao = new float[n * h];
        float[] o = new float[n * h];
        float[] up = new float[n * v.intermediate()];
        for (int l = 0; l < v.layers(); l++) {
            String b = "v.blk." + l + ".";
            float[] g1 = vector(b + "ln1.weight");
            for (int t = 0; t < n; t++) {
                Ops.rmsNorm(x, t * h, g1, 1e-6f, xn, t * h, h);
            }
            mm = CountedWork.plus(mm, matmul(step, b + "attn_qkv.weight", xn, n, qkv));
            KvCache cache = new KvCache(n, v.heads(), h / v.heads());
            for (int t = 0; t < n; t++) {
                System.arraycopy(qkv, t * 3 * h, q, t * h, h);
                System.arraycopy(qkv, t * 3 * h + h, k, t * h, h);
                System.arraycopy(qkv, t * 3 * h + 2 * h, val, t * h, h);
                cache.append(k, t * h, val, t * h); // K and V laid out for the attention kernel: the projection's output, not a pass
            }
            for (int start = 0; start < n; start += Op.ATTENTION_TILE) {
                int m = Math.min(Op.ATTENTION_TILE, n - start);
                Attention.attendTile(q, start * h, m, cache, v.heads(), false, ao, start * h);
            }
            mm = CountedWork.plus(mm, matmul(step, b + "attn_out.weight", ao, n, o));
            Tensors.add(x, o);
            float[] g2 = vector(b + "ln2.weight");
            for (int t = 0; t < n; t++) {
                Ops.rmsNorm(x, t * h, g2, 1e-6f, xn, t * h, h);
            }
            mm = CountedWork.plus(mm, matmul(step, b + "ffn_up.weight", xn, n, up));
            Ops.activate(Activation.GELU, up, 0, up.length);
            mm = CountedWork.plus(mm, matmul(step, b + "ffn_down.weight", up, n, o));
            Tensors.add(x, o);
        }
        int tokens = v.tokens();
        float[] merged = merge(x);
        float[] p = new float[tokens * v.projectorHidden()];
        mm = CountedWork.plus(mm, matmul(step, "mm.0.weight", merged, tokens, p));
        Ops.activate(Activation.GELU, p, 0, p.length);
        float[] out = new float[tokens * v.textHidden()];
        mm = CountedWork.plus(mm, matmul(step, "mm.2.weight", p, tokens, out));
        return new Result(out, mm);
    }

    /** The image cut into patches, one row per patch (channel, row, column within the patch). */
    private float[] patches(float[] img) {
        VisionBrick v = shape;
        int s = v.imageSize();
        int ps = v.patchSize();
        int side = s / ps;
        int in = v.channels() * v.temporalPatch() * ps * ps;
        float[] out = new float[side * side * in];
        for (int py = 0; py < side; py++) {
            for (int px = 0; px < side; px++) {
                int row = (py * side + px) * in;
                int i = 0;
                for (int rep = 0; rep < v.temporalPatch(); rep++) {
                    for (int c = 0; c < v.channels(); c++) {
                        for (int y = 0; y < ps; y++) {
                            for (int x = 0; x < ps; x++) {
                                out[row + i++] = img[(c * s + py * ps + y) * s + px * ps + x];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Each merge x merge group of neighbouring patches concatenated into one token (identity for SigLIP). */
    private float[] merge(float[] x) {
        VisionBrick v = shape;
        int m = v.mergeSize();
        if (m == 1) {
            return x;
        }
        int side = v.imageSize() / v.patchSize();
        int h = v.hidden();
        float[] out = new float[v.tokens() * h * m * m];
        int t = 0;
        for (int gy = 0; gy < side; gy += m) {
            for (int gx = 0; gx < side; gx += m) {
                int o = t++ * h * m * m;
                for (int dy = 0; dy < m; dy++) {
                    for (int dx = 0; dx < m; dx++) {
                        System.arraycopy(x, ((gy + dy) * side + gx + dx) * h, out, o, h);
                        o += h;
                    }
                }
            }
        }
        return out;
    }

    /** y = W x for n rows, in the brick's precision. */
    private Work matmul(Arena step, String name, float[] x, int n, float[] y) {
        GgufTensor t = file.tensor(name);
        int cols = (int) t.dims()[0];
        int rows = (int) t.dims()[1];
        if (shape.weights() != GgmlType.I8) {
            // F16 weights and activations; F32 for a reference run.
            GgmlType type = shape.weights() == GgmlType.F32 ? GgmlType.F32 : GgmlType.F16;
            MemorySegment w = weights.computeIfAbsent(name, k -> Formats.quantize(type,
                    Formats.dequantize(t.type(), file.data(t), rows * cols), arena));
            MemorySegment xq = Formats.quantize(type, x, step);
            return CountedWork.gemm(() -> FusedDequantGemv.gemm(pool, type, w, rows, cols, xq, type, n, y, null, Activation.NONE), false,
                    type, w, rows, cols, xq, type, n, name);
        }
        MemorySegment b = weights.computeIfAbsent(name, k -> quantizeRows(name, Formats.dequantize(t.type(), file.data(t), rows * cols),
                rows, cols));
        float[] ws = scales.get(name);
        float sx = absMax(x, n * cols) / 127f;
        sx = sx == 0 ? 1 : sx;
        MemorySegment a = step.allocate(n * cols);
        for (int i = 0; i < n * cols; i++) {
            a.set(ValueLayout.JAVA_BYTE, i, (byte) Math.round(x[i] / sx));
        }
        int[] c = new int[n * rows];
        Work w = CountedWork.int8(() -> Int8Gemm.accumulate(pool, a, b, n, rows, cols, c), a, b, n, rows, cols, name);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows; j++) {
                y[i * rows + j] = c[i * rows + j] * sx * ws[j];
            }
        }
        // The NPU writes its output as INT8: requantized with one scale for the tensor.
        float so = absMax(y, n * rows) / 127f;
        if (so > 0) {
            for (int i = 0; i < n * rows; i++) {
                y[i] = Math.round(y[i] / so) * so;
            }
        }
        return w;
    }

    /** Symmetric INT8 per row (one scale a channel), kept in the model's arena. */
    private MemorySegment quantizeRows(String name, float[] w, int rows, int cols) {
        MemorySegment q = arena.allocate((long) rows * cols);
        float[] s = new float[rows];
        for (int r = 0; r < rows; r++) {
            float m = 0;
            for (int c = 0; c < cols; c++) {
                m = Math.max(m, Math.abs(w[r * cols + c]));
            }
            s[r] = m == 0 ? 1 : m / 127f;
            for (int c = 0; c < cols; c++) {
                q.set(ValueLayout.JAVA_BYTE, (long) r * cols + c, (byte) Math.round(w[r * cols + c] / s[r]));
            }
        }
        scales.put(name, s);
        return q;
    }

    private static float absMax(float[] x, int n) {
        float m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }


    private float[] vector(String name) {
        return Tensors.vector(file, name);
    }

    @Override
    public void close() {
        pool.close();
        arena.close();
        file.close();
    }
}
