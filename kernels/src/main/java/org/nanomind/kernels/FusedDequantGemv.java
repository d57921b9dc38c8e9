package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Weight-only quantized matrix products with the dequantization fused into the multiply (the paper's
 * fused dequant-GEMM): Q4_0, Q8_0, Q4_K, Q2_K, F16 or F32 weights in ggml's row layout times FP32 or
 * FP16-stored activations (W4A16), FP32 accumulation, an optional epilogue (bias, then an activation),
 * rows split over the pool's threads.
 */
public final class FusedDequantGemv {
    private static final int TILE = 4;

    private FusedDequantGemv() {
    }

    /** y[r] = act(sum_c W[r][c] x[c] + bias[r]) for one token; x holds {@code cols} values of xType. */
    public static Work gemv(KernelPool pool, GgmlType wType, MemorySegment w, int rows, int cols,
                            MemorySegment x, GgmlType xType, float[] y, float[] bias, Activation act) {
        check(wType, w, rows, cols, x, xType, 1, y, bias);
        RowDots.Input in = RowDots.Input.of(load(x, xType, 0, cols));
        long rowBytes = wType.bytesFor(cols);
        pool.forRows(rows, (from, to) -> {
            RowDots.range(wType, w, rowBytes, cols, in, from, to, y);
            for (int r = from; r < to; r++) {
                y[r] = epilogue(y[r], r, bias, act);
            }
        });
        return Work.gemv(wType, rows, cols, xType);
    }

    /** {@link #gemv} without bias or activation. */
    public static Work gemv(KernelPool pool, GgmlType wType, MemorySegment w, int rows, int cols,
                            MemorySegment x, GgmlType xType, float[] y) {
        return gemv(pool, wType, w, rows, cols, x, xType, y, null, Activation.NONE);
    }

    /**
     * Y[t][r] for {@code tokens} tokens (X is tokens x cols, Y tokens x rows). Each row's weights are
     * unpacked 32 at a time into a tile that is multiplied into the accumulators of four tokens at once,
     * so the weights stream from memory once per call rather than once per token.
     */
    public static Work gemm(KernelPool pool, GgmlType wType, MemorySegment w, int rows, int cols,
                            MemorySegment x, GgmlType xType, int tokens, float[] y, float[] bias, Activation act) {
        check(wType, w, rows, cols, x, xType, tokens, y, bias);
        if (cols % 32 != 0) {
            for (int t = 0; t < tokens; t++) {
                float[] yt = new float[rows];
                long xBytes = (long) cols * Work.activationWidth(xType);
                gemv(pool, wType, w, rows, cols, x.asSlice(t * xBytes, xBytes), xType, yt, bias, act);
                System.arraycopy(yt, 0, y, t * rows, rows);
            }
            return Work.gemm(wType, rows, cols, tokens, xType);
        }
        float[][] xs = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            xs[t] = load(x, xType, t, cols);
        }
        long rowBytes = wType.bytesFor(cols);
        pool.forRows(rows, (from, to) -> {
            float[] tile = new float[32];
            for (int r = from; r < to; r++) {
                long rowOff = r * rowBytes;
                for (int t0 = 0; t0 < tokens; t0 += TILE) {
                    int n = Math.min(TILE, tokens - t0);
                    FloatVector a0 = FloatVector.zero(RowDots.F);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    for (int c = 0; c < cols / 32; c++) {
                        RowDots.chunk32(wType, w, rowOff, c, tile);
                        for (int v = 0; v < 32; v += 8) {
                            FloatVector wv = FloatVector.fromArray(RowDots.F, tile, v);
                            int xo = 32 * c + v;
                            a0 = wv.fma(FloatVector.fromArray(RowDots.F, xs[t0], xo), a0);
                            if (n > 1) {
                                a1 = wv.fma(FloatVector.fromArray(RowDots.F, xs[t0 + 1], xo), a1);
                            }
                            if (n > 2) {
                                a2 = wv.fma(FloatVector.fromArray(RowDots.F, xs[t0 + 2], xo), a2);
                            }
                            if (n > 3) {
                                a3 = wv.fma(FloatVector.fromArray(RowDots.F, xs[t0 + 3], xo), a3);
                            }
                        }
                    }
                    FloatVector[] acc = {a0, a1, a2, a3};
                    for (int k = 0; k < n; k++) {
                        y[(t0 + k) * rows + r] = epilogue(Mem.sum(acc[k]), r, bias, act);
                    }
                }
            }
        });
        return Work.gemm(wType, rows, cols, tokens, xType);
    }

    private static float epilogue(float v, int r, float[] bias, Activation act) {
        return act.apply(bias == null ? v : v + bias[r]);
    }

    /** Token t's activations as floats (FP16 widened on load). */
    static float[] load(MemorySegment x, GgmlType xType, int t, int cols) {
        float[] out = new float[cols];
        Formats.dequantize(xType, x, (long) t * cols * Work.activationWidth(xType), out, 0, cols);
        return out;
    }

    private static void check(GgmlType wType, MemorySegment w, int rows, int cols, MemorySegment x, GgmlType xType,
                              int tokens, float[] y, float[] bias) {
        if (!wType.hasKernels() || rows < 1 || cols < 1 || tokens < 1) {
            throw new IllegalArgumentException("need F32, F16, Q4_0, Q8_0, Q4_K or Q2_K weights and positive shapes; got "
                    + wType + " " + rows + "x" + cols + ", " + tokens + " token(s)");
        }
        if (cols % wType.blockSize() != 0) {
            throw new IllegalArgumentException("a row of " + cols + " " + wType + " weights is not whole blocks of "
                    + wType.blockSize());
        }
        long wBytes = wType.bytesFor((long) rows * cols);
        if (w.byteSize() < wBytes) {
            throw new IllegalArgumentException("weights hold " + w.byteSize() + " bytes; " + rows + "x" + cols + " "
                    + wType + " needs " + wBytes);
        }
        long xBytes = (long) tokens * cols * Work.activationWidth(xType);
        if (x.byteSize() < xBytes) {
            throw new IllegalArgumentException("activations hold " + x.byteSize() + " bytes; " + tokens + "x" + cols
                    + " " + xType + " needs " + xBytes);
        }
        if (y.length < (long) tokens * rows || (bias != null && bias.length < rows)) {
            throw new IllegalArgumentException("output needs " + (long) tokens * rows + " floats (got " + y.length
                    + ") and bias " + rows + (bias == null ? "" : " (got " + bias.length + ")"));
        }
    }
}
