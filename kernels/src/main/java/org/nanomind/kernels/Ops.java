package org.nanomind.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The element-wise and normalizing kernels of a transformer layer, on FP32 arrays. */
public final class Ops {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    private Ops() {
    }

    /** How RoPE pairs dimensions: LLaMA rotates (2i, 2i+1), Qwen2 (GPT-NeoX style) rotates (i, i + d/2). */
    public enum RopeMode { NORMAL, NEOX }

    /** out = x / sqrt(mean(x^2) + eps) * weight. */
    public static Work rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i <= n - 8; i += 8) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            acc = v.fma(v, acc);
        }
        float ss = Mem.sum(acc);
        for (; i < n; i++) {
            ss += x[xOff + i] * x[xOff + i];
        }
        float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
        i = 0;
        for (; i <= n - 8; i += 8) {
            FloatVector.fromArray(F, x, xOff + i).mul(scale).mul(FloatVector.fromArray(F, weight, i))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * weight[i];
        }
        return Work.elementwise(n, 2);
    }

    /** In-place softmax over x[off .. off+n). */
    public static Work softmax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        // StrictMath, not the Vector API's EXP: its compiled form (a SIMD math library) and its interpreted one
        // (Math.exp a lane) round differently, so results would depend on when the JIT compiled this, and on the CPU.
        float sum = 0;
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) StrictMath.exp(x[off + i] - max);
            sum += x[off + i];
        }
        float inv = 1.0f / sum;
        for (int i = 0; i < n; i++) {
            x[off + i] *= inv;
        }
        return Work.elementwise(n, 1);
    }

    /** Rotates each of {@code heads} heads of x (laid out head after head) for position {@code pos}. */
    public static Work rope(float[] x, int off, int heads, int headDim, int pos, float theta, RopeMode mode) {
        int half = headDim / 2;
        for (int i = 0; i < half; i++) {
            double freq = StrictMath.pow(theta, -2.0 * i / headDim);
            float cos = (float) StrictMath.cos(pos * freq);
            float sin = (float) StrictMath.sin(pos * freq);
            for (int h = 0; h < heads; h++) {
                int a = off + h * headDim + (mode == RopeMode.NORMAL ? 2 * i : i);
                int b = mode == RopeMode.NORMAL ? a + 1 : a + half;
                float x0 = x[a];
                float x1 = x[b];
                x[a] = x0 * cos - x1 * sin;
                x[b] = x0 * sin + x1 * cos;
            }
        }
        return Work.elementwise(heads * headDim, 1);
    }

    /** In-place activation over x[off .. off+n). */
    public static Work activate(Activation act, float[] x, int off, int n) {
        // Per value with StrictMath (see softmax): bit for bit the same whatever the JIT and the CPU.
        for (int i = 0; i < n; i++) {
            x[off + i] = act.apply(x[off + i]);
        }
        return Work.elementwise(n, 1);
    }

    /** out = silu(gate) * up: the SwiGLU of a LLaMA/Qwen2 feed-forward. */
    public static Work siluMul(float[] gate, float[] up, float[] out, int n) {
        System.arraycopy(gate, 0, out, 0, n);
        activate(Activation.SILU, out, 0, n);
        int i = 0;
        for (; i <= n - 8; i += 8) {
            FloatVector.fromArray(F, out, i).mul(FloatVector.fromArray(F, up, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] *= up[i];
        }
        return Work.elementwise(n, 2);
    }
}
