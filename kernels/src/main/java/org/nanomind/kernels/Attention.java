package org.nanomind.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax attention of one query token over every position in a {@link KvCache} (causal by
 * construction), with grouped-query heads: query head h reads KV head h / (heads / kvHeads).
 */
public final class Attention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    private Attention() {
    }

    /** out[h] = softmax(q[h] . K / sqrt(d)) V for each of {@code heads} query heads. */
    public static Work attend(float[] q, int qOff, KvCache cache, int heads, float[] out, int outOff) {
        int d = cache.headDim;
        if (heads % cache.kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads do not group over " + cache.kvHeads + " KV heads");
        }
        int n = cache.length();
        int group = heads / cache.kvHeads;
        int width = cache.kvHeads * d;
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] scores = new float[n];
        for (int h = 0; h < heads; h++) {
            int kvOff = (h / group) * d;
            int qh = qOff + h * d;
            for (int p = 0; p < n; p++) {
                scores[p] = dot(q, qh, cache.keys, p * width + kvOff, d) * scale;
            }
            Ops.softmax(scores, 0, n);
            int oh = outOff + h * d;
            java.util.Arrays.fill(out, oh, oh + d, 0.0f);
            for (int p = 0; p < n; p++) {
                axpy(scores[p], cache.values, p * width + kvOff, out, oh, d);
            }
        }
        return Work.attention(heads, cache.kvHeads, d, n);
    }

    /**
     * A tile of {@code queries} query tokens (laid out token after token, each heads x headDim) attending
     * over the cache, reading each K and V row once for the whole tile (the loops run over keys outside and
     * queries inside). With {@code causal}, query i is at position length - queries + i and sees the keys
     * up to it; otherwise all keys.
     */
    public static Work attendTile(float[] q, int qOff, int queries, KvCache cache, int heads, boolean causal,
                                  float[] out, int outOff) {
        int d = cache.headDim;
        int n = cache.length();
        if (heads % cache.kvHeads != 0 || queries < 1 || (causal && queries > n)) {
            throw new IllegalArgumentException("tile of " + queries + " queries, " + heads + " heads over " + n + " keys and "
                    + cache.kvHeads + " KV heads");
        }
        int group = heads / cache.kvHeads;
        int width = cache.kvHeads * d;
        int stride = heads * d;
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] scores = new float[queries * n];
        for (int h = 0; h < heads; h++) {
            int kvOff = (h / group) * d;
            java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            for (int p = 0; p < n; p++) {
                for (int i = 0; i < queries; i++) {
                    if (!causal || p <= n - queries + i) {
                        scores[i * n + p] = dot(q, qOff + i * stride + h * d, cache.keys, p * width + kvOff, d) * scale;
                    }
                }
            }
            for (int i = 0; i < queries; i++) {
                Ops.softmax(scores, i * n, causal ? n - queries + i + 1 : n);
                java.util.Arrays.fill(out, outOff + i * stride + h * d, outOff + i * stride + (h + 1) * d, 0.0f);
            }
            for (int p = 0; p < n; p++) {
                for (int i = 0; i < queries; i++) {
                    if (!causal || p <= n - queries + i) {
                        axpy(scores[i * n + p], cache.values, p * width + kvOff, out, outOff + i * stride + h * d, d);
                    }
                }
            }
        }
        return Work.attentionTile(heads, cache.kvHeads, d, queries, n, causal);
    }

    /**
     * a . b as eight lanes, each a chain of fused multiply-adds over every eighth product, added in lane order: the
     * arithmetic of an 8-lane vector loop, written in scalars. Why not the Vector API: its accumulator is live across
     * the loop's back edge, and when C2 compiled the loop on stack replacement it did not know the vector's class, so
     * every FMA took the boxing fallback. Measured (issue 17, a Qwen2-0.5B-shaped decode, 2 threads): decodes ran at 16
     * to 31 tokens/s from run to run, 29 to 31 with on-stack replacement off, and the slow runs spent up to a sixth of
     * the step in this FMA. A decode step's dot products over 64-wide heads are a few tenths of a millisecond in
     * scalars.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float l0 = 0;
        float l1 = 0;
        float l2 = 0;
        float l3 = 0;
        float l4 = 0;
        float l5 = 0;
        float l6 = 0;
        float l7 = 0;
        int i = 0;
        for (; i <= n - 8; i += 8) {
            int p = aOff + i;
            int q = bOff + i;
            l0 = Math.fma(a[p], b[q], l0);
            l1 = Math.fma(a[p + 1], b[q + 1], l1);
            l2 = Math.fma(a[p + 2], b[q + 2], l2);
            l3 = Math.fma(a[p + 3], b[q + 3], l3);
            l4 = Math.fma(a[p + 4], b[q + 4], l4);
            l5 = Math.fma(a[p + 5], b[q + 5], l5);
            l6 = Math.fma(a[p + 6], b[q + 6], l6);
            l7 = Math.fma(a[p + 7], b[q + 7], l7);
        }
        float s = 0f + l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7;
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /** y += alpha * x. */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i <= n - 8; i += 8) {
            FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.broadcast(F, alpha), FloatVector.fromArray(F, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }
}
