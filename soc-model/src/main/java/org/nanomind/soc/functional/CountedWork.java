package org.nanomind.soc.functional;

import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;
import org.nanomind.kernels.Activation;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.KvCache;
import org.nanomind.kernels.LoadCount;
import org.nanomind.kernels.Reference;
import org.nanomind.kernels.Work;

/**
 * The work of functional mode's operations as counted while they ran, for the work check: the bytes the
 * kernel itself loaded, and the multiply-accumulates and writes the reference path performed on the same
 * operands. The timing model's charge is held to these counts, never to a second evaluation of its own
 * formulas. The reference is scalar: a matrix of more than {@link #BUDGET} multiply-accumulates (a
 * full-size model's) runs uncounted, and the step it belongs to is not checked (null).
 */
final class CountedWork {
    /** The largest matrix product counted: about a second of the scalar reference. */
    static final long BUDGET = 1L << 26;

    private CountedWork() {
    }

    /** a + b, or null (not counted) if either is. */
    static Work plus(Work a, Work b) {
        return a == null || b == null ? null : a.plus(b);
    }

    /**
     * Runs {@code kernel} (y = W x for n tokens of {@code xType}) counting its loads, then the reference on
     * the same operands; the kernel must have loaded exactly the bytes the reference did. Where the kernel
     * runs on a device ({@code onDevice}: OpenCL), its loads are not observable and the reference's stand.
     */
    static Work gemm(Supplier<Work> kernel, boolean onDevice, GgmlType type, MemorySegment w, int rows, int cols,
                     MemorySegment x, GgmlType xType, int n, String what) {
        if ((long) rows * cols * n > BUDGET) {
            kernel.get();
            return null;
        }
        long weights;
        long activations;
        try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
            kernel.get();
            weights = c.bytes("w");
            activations = c.bytes("x");
        }
        Work counted;
        try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
            Reference.gemm(type, w, rows, cols, x, xType, n, null, Activation.NONE, null);
            counted = c.work("w", "x", null);
        }
        if (!onDevice && (weights != counted.weightBytes() || activations != counted.activationBytesRead())) {
            throw new IllegalStateException("work check failed for '" + what + "': the kernel loaded " + weights
                    + " weight and " + activations + " activation bytes, the reference path " + counted.weightBytes()
                    + " and " + counted.activationBytesRead());
        }
        return counted;
    }

    /** {@code kernel}'s INT8 accumulation of A (m x k) by B (n x k), counted the same way. */
    static Work int8(Supplier<Work> kernel, MemorySegment a, MemorySegment b, int m, int n, int k, String what) {
        if ((long) m * n * k > BUDGET) {
            kernel.get();
            return null;
        }
        long loaded;
        try (LoadCount c = LoadCount.open().watch("a", a).watch("b", b)) {
            kernel.get();
            loaded = c.bytes("a") + c.bytes("b");
        }
        Work counted;
        try (LoadCount c = LoadCount.open().watch("a", a).watch("b", b)) {
            Reference.int8Accumulate(a, b, m, n, k);
            counted = new Work(c.macs(), c.bytes("b"), c.bytes("a"), c.written(), 0, 0);
        }
        if (loaded != counted.weightBytes() + counted.activationBytesRead()) {
            throw new IllegalStateException("work check failed for '" + what + "': the kernel loaded " + loaded
                    + " bytes, the reference path " + (counted.weightBytes() + counted.activationBytesRead()));
        }
        return counted;
    }

    /**
     * One decode position's attention: appending its K and V to {@code cache} and the attention of
     * {@code q} over the whole cache, as the reference definition reads and computes it.
     */
    static Work decodeAttention(KvCache cache, Runnable append, float[] q, int heads, int kvHeads, int headDim) {
        try (LoadCount c = LoadCount.open()) {
            append.run();
            Reference.attention(q, cache.rows(false), cache.rows(true), heads, kvHeads, headDim);
            return c.work(null, "activations", "kv");
        }
    }
}
