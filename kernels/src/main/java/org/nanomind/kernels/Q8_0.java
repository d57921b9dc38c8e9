package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/** ggml's Q8_0: blocks of 32 weights in 34 bytes, an FP16 scale d then 32 signed bytes; a weight is q * d. */
public final class Q8_0 {
    public static final int BLOCK = 32;
    public static final int BYTES = 34;

    private Q8_0() {
    }

    /** Quantizes {@code n} floats (a multiple of 32), as quantize_row_q8_0_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q8_0");
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            float amax = 0;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Mem.putF16(dst, out, d);
            for (int j = 0; j < BLOCK; j++) {
                Mem.putU8(dst, out + 2 + j, Mem.roundAway(x[base + j] * id));
            }
        }
    }

    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q8_0");
        for (int b = 0; b < n / BLOCK; b++) {
            long in = srcOff + (long) b * BYTES;
            float d = Mem.f16(src, in);
            for (int j = 0; j < BLOCK; j++) {
                y[yOff + b * BLOCK + j] = (byte) Mem.u8(src, in + 2 + j) * d;
            }
        }
    }
}
