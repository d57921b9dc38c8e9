package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain scalar twins of the kernels: the simplest code that computes the same thing (dequantize a whole
 * row, then loop; attention from its definition), accumulating in double. Tests hold each kernel to its
 * twin under a stated bound; the benchmark measures the twin as a baseline. Each reports what it did to an
 * open {@link LoadCount}: its reads through {@link Mem}, and the multiply-accumulates and writes it performed,
 * counted where it performs them.
 */
public final class Reference {
    private Reference() {
    }

    /** y = act(W x + bias) per token; also returns, in {@code magnitude}, sum |w x| per output (the error scale). */
    public static float[] gemm(GgmlType wType, MemorySegment w, int rows, int cols, MemorySegment x, GgmlType xType,
                               int tokens, float[] bias, Activation act, double[] magnitude) {
        float[] y = new float[tokens * rows];
        float[] row = new float[cols];
        long rowBytes = wType.bytesFor(cols);
        long macs = 0;
        long written = 0;
        float[][] xs = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            xs[t] = FusedDequantGemv.load(x, xType, t, cols);
        }
        // Row by row, each row dequantized once for every token (the weights read once, as a GEMM streams them).
        for (int r = 0; r < rows; r++) {
            Formats.dequantize(wType, w, r * rowBytes, row, 0, cols);
            for (int t = 0; t < tokens; t++) {
                float[] xt = xs[t];
                double s = 0;
                double m = 0;
                for (int c = 0; c < cols; c++) {
                    s += (double) row[c] * xt[c];
                    macs++;
                    m += Math.abs((double) row[c] * xt[c]);
                }
                y[t * rows + r] = act.apply((float) s + (bias == null ? 0 : bias[r]));
                written += Float.BYTES;
                if (magnitude != null) {
                    magnitude[t * rows + r] = m + (bias == null ? 0 : Math.abs(bias[r]));
                }
            }
        }
        Mem.did(macs, written);
        return y;
    }

    public static int[] int8Accumulate(MemorySegment a, MemorySegment b, int m, int n, int k) {
        int[] c = new int[m * n];
        long macs = 0;
        long written = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int p = 0; p < k; p++) {
                    s += Mem.i8(a, (long) i * k + p) * Mem.i8(b, (long) j * k + p);
                    macs++;
                }
                c[i * n + j] = s;
                written++; // the accelerator writes each output requantized to one byte (Int8Gemm.gemm)
            }
        }
        Mem.did(macs, written);
        return c;
    }

    public static float[] rmsNorm(float[] x, float[] weight, float eps) {
        double ss = 0;
        for (float v : x) {
            ss += (double) v * v;
        }
        double scale = 1.0 / Math.sqrt(ss / x.length + eps);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * scale * weight[i]);
        }
        return out;
    }

    public static float[] softmax(float[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = StrictMath.exp(x[i] - max);
            sum += e[i];
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (e[i] / sum);
        }
        return out;
    }

    /** RoPE from its definition: pair (a, b) of head h rotated by pos * theta^(-2i/d). */
    public static float[] rope(float[] x, int heads, int headDim, int pos, float theta, Ops.RopeMode mode) {
        float[] out = x.clone();
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < headDim / 2; i++) {
                int a = h * headDim + (mode == Ops.RopeMode.NORMAL ? 2 * i : i);
                int b = mode == Ops.RopeMode.NORMAL ? a + 1 : a + headDim / 2;
                double angle = pos * StrictMath.pow(theta, -2.0 * i / headDim);
                out[a] = (float) (x[a] * StrictMath.cos(angle) - x[b] * StrictMath.sin(angle));
                out[b] = (float) (x[a] * StrictMath.sin(angle) + x[b] * StrictMath.cos(angle));
            }
        }
        return out;
    }

    /** Softmax attention from the definition; keys[p] and values[p] hold kvHeads x headDim values. */
    public static float[] attention(float[] q, float[][] keys, float[][] values, int heads, int kvHeads, int headDim) {
        float[] out = new float[heads * headDim];
        int group = heads / kvHeads;
        int width = kvHeads * headDim;
        // The distinct elements read of q and of the cache (K and V side by side), as the loops below touch them.
        java.util.BitSet qRead = new java.util.BitSet();
        java.util.BitSet kvRead = new java.util.BitSet();
        long macs = 0;
        long written = 0;
        for (int h = 0; h < heads; h++) {
            int kv = (h / group) * headDim;
            double[] score = new double[keys.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < keys.length; p++) {
                double s = 0;
                for (int i = 0; i < headDim; i++) {
                    s += (double) q[h * headDim + i] * keys[p][kv + i];
                    qRead.set(h * headDim + i);
                    kvRead.set(2 * p * width + kv + i);
                    macs++;
                }
                score[p] = s / Math.sqrt(headDim);
                max = Math.max(max, score[p]);
            }
            double sum = 0;
            for (int p = 0; p < keys.length; p++) {
                score[p] = StrictMath.exp(score[p] - max);
                sum += score[p];
            }
            for (int i = 0; i < headDim; i++) {
                double o = 0;
                for (int p = 0; p < keys.length; p++) {
                    o += score[p] / sum * values[p][kv + i];
                    kvRead.set((2 * p + 1) * width + kv + i);
                    macs++;
                }
                out[h * headDim + i] = (float) o;
                written += Float.BYTES;
            }
        }
        Mem.readArray("activations", (long) qRead.cardinality() * Float.BYTES);
        Mem.readArray("kv", (long) kvRead.cardinality() * Float.BYTES);
        Mem.did(macs, written);
        return out;
    }

    /**
     * Linear attention from its non-streaming definition: the output for query q after tokens 0..n-1 is
     * sum_j (phi(q).phi(k_j)) v_j / sum_j phi(q).phi(k_j), computed afresh over all tokens.
     */
    public static float[] linearAttention(float[] q, float[][] keys, float[][] values, int heads, int keyDim, int valueDim) {
        float[] out = new float[heads * valueDim];
        for (int h = 0; h < heads; h++) {
            double norm = 0;
            double[] acc = new double[valueDim];
            for (int j = 0; j < keys.length; j++) {
                double sim = 0;
                for (int i = 0; i < keyDim; i++) {
                    sim += (double) LinearAttention.phi(q[h * keyDim + i]) * LinearAttention.phi(keys[j][h * keyDim + i]);
                }
                norm += sim;
                for (int i = 0; i < valueDim; i++) {
                    acc[i] += sim * values[j][h * valueDim + i];
                }
            }
            for (int i = 0; i < valueDim; i++) {
                out[h * valueDim + i] = (float) (acc[i] / norm);
            }
        }
        return out;
    }
}
