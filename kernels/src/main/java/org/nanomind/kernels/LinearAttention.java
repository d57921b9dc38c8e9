package org.nanomind.kernels;

/**
 * Linear attention in its streaming form (the paper's replacement for quadratic attention): per head,
 * running sums S = sum phi(k) v^T and z = sum phi(k) over the tokens so far, with phi(x) = elu(x) + 1.
 * Each token updates them and reads out phi(q)^T S / (phi(q) . z): one matrix-vector pass, no scores.
 */
public final class LinearAttention {
    private final int heads;
    private final int keyDim;
    private final int valueDim;
    private final float[] s;
    private final float[] z;
    private long tokens;

    public LinearAttention(int heads, int keyDim, int valueDim) {
        if (heads < 1 || keyDim < 1 || valueDim < 1) {
            throw new IllegalArgumentException("linear attention shape must be positive");
        }
        this.heads = heads;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        this.s = new float[heads * keyDim * valueDim];
        this.z = new float[heads * keyDim];
    }

    static float phi(float x) {
        return x > 0 ? x + 1.0f : (float) StrictMath.exp(x);
    }

    public long tokens() {
        return tokens;
    }

    /** Adds token (k, v) to the sums, then writes q's output: q, k are heads x keyDim; v, out heads x valueDim. */
    public Work step(float[] q, float[] k, float[] v, float[] out) {
        float[] pk = new float[keyDim];
        float[] pq = new float[keyDim];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < keyDim; i++) {
                pk[i] = phi(k[h * keyDim + i]);
                pq[i] = phi(q[h * keyDim + i]);
            }
            int sh = h * keyDim * valueDim;
            int vh = h * valueDim;
            float norm = 0;
            for (int i = 0; i < keyDim; i++) {
                Attention.axpy(pk[i], v, vh, s, sh + i * valueDim, valueDim);
                z[h * keyDim + i] += pk[i];
                norm += pq[i] * z[h * keyDim + i];
            }
            java.util.Arrays.fill(out, vh, vh + valueDim, 0.0f);
            for (int i = 0; i < keyDim; i++) {
                Attention.axpy(pq[i] / norm, s, sh + i * valueDim, out, vh, valueDim);
            }
        }
        tokens++;
        return Work.linearAttention(heads, keyDim, valueDim);
    }
}
