package org.nanomind.kernels;

/**
 * The work of one kernel call: multiply-accumulates, and bytes read and written by kind. Kernels return
 * it and the timing model charges exactly it, so both use the formulas here.
 *
 * <p>Activations are read at their stored width (4 bytes for F32, 2 for F16); outputs are written as F32;
 * weights are read once per call at their quantized size; the KV cache is F32.
 */
public record Work(long macs, long weightBytes, long activationBytesRead, long activationBytesWritten,
                   long kvBytesRead, long kvBytesWritten) {

    public static final Work NONE = new Work(0, 0, 0, 0, 0, 0);
    static final int F32 = 4;

    public Work plus(Work o) {
        return new Work(macs + o.macs, weightBytes + o.weightBytes, activationBytesRead + o.activationBytesRead,
                activationBytesWritten + o.activationBytesWritten, kvBytesRead + o.kvBytesRead,
                kvBytesWritten + o.kvBytesWritten);
    }

    /** The work of {@code n} such calls (n layers, n tokens). */
    public Work times(long n) {
        return new Work(macs * n, weightBytes * n, activationBytesRead * n, activationBytesWritten * n,
                kvBytesRead * n, kvBytesWritten * n);
    }

    /** All bytes moved. */
    public long bytes() {
        return weightBytes + activationBytesRead + activationBytesWritten + kvBytesRead + kvBytesWritten;
    }

    /** y[rows] = W[rows x cols] x[cols]: one token through a weight matrix. */
    public static Work gemv(GgmlType weights, int rows, int cols, GgmlType activations) {
        return gemm(weights, rows, cols, 1, activations);
    }

    /** Y[tokens x rows] = X[tokens x cols] W^T: the weights are streamed once for all tokens. */
    public static Work gemm(GgmlType weights, int rows, int cols, int tokens, GgmlType activations) {
        return new Work((long) tokens * rows * cols, weights.bytesFor((long) rows * cols),
                (long) tokens * cols * activationWidth(activations), (long) tokens * rows * F32, 0, 0);
    }

    /** INT8 x INT8 -> INT32 -> INT8: A[m x k] activations, B[n x k] weights, out[m x n], all one byte each. */
    public static Work int8Gemm(int m, int n, int k) {
        return new Work((long) m * n * k, (long) n * k, (long) m * k, (long) m * n, 0, 0);
    }

    /** An element-wise or normalizing pass over n F32 values (RMSNorm, softmax, SiLU, RoPE). */
    public static Work elementwise(int n, int inputs) {
        return new Work(n, 0, (long) n * inputs * F32, (long) n * F32, 0, 0);
    }

    /**
     * One query token attending to {@code positions} cached positions (softmax attention): scores q.k and
     * the weighted sum of v, per head; K and V of each position are read once per KV head.
     */
    public static Work attention(int heads, int kvHeads, int headDim, int positions) {
        long macs = 2L * heads * headDim * positions;
        long kv = 2L * kvHeads * headDim * positions * F32;
        return new Work(macs, 0, (long) heads * headDim * F32, (long) heads * headDim * F32, kv, 0);
    }

    /**
     * A tile of {@code queries} query tokens attending together over {@code keys} cached positions (prefill,
     * encoders): each K and V row is read once for the whole tile, and the tile's scores are written and
     * read back once. With {@code causal}, query i of the tile (at position keys - queries + i) sees the
     * keys up to its own position; otherwise every query sees every key.
     */
    public static Work attentionTile(int heads, int kvHeads, int headDim, int queries, int keys, boolean causal) {
        long visible = causal ? (long) queries * (keys - queries) + (long) queries * (queries + 1) / 2 : (long) queries * keys;
        long macs = 2L * heads * headDim * visible;
        long kv = 2L * kvHeads * headDim * keys * F32;
        long scores = 2L * heads * visible * F32;
        return new Work(macs, 0, (long) queries * heads * headDim * F32 + scores,
                (long) queries * heads * headDim * F32 + scores, kv, 0);
    }

    /** Appending one position's K and V to the cache. */
    public static Work kvAppend(int kvHeads, int headDim) {
        return new Work(0, 0, 2L * kvHeads * headDim * F32, 0, 0, 2L * kvHeads * headDim * F32);
    }

    /**
     * One token of streaming linear attention per head: S += phi(k) v^T, z += phi(k), out = phi(q)^T S /
     * phi(q).z. The running sums S and z are its KV state: read and written once a token.
     */
    public static Work linearAttention(int heads, int keyDim, int valueDim) {
        long state = (long) heads * ((long) keyDim * valueDim + keyDim) * F32;
        long macs = (long) heads * (2L * keyDim * valueDim + 2L * keyDim);
        return new Work(macs, 0, (long) heads * (2L * keyDim + valueDim) * F32, (long) heads * valueDim * F32,
                state, state);
    }

    static int activationWidth(GgmlType t) {
        return switch (t) {
            case F32 -> 4;
            case F16 -> 2;
            default -> throw new IllegalArgumentException("activations are F32 or F16, not " + t);
        };
    }
}
