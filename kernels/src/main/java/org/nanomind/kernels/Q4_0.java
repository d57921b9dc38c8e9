package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/**
 * ggml's Q4_0: blocks of 32 weights in 18 bytes, an FP16 scale d then 16 bytes of 4-bit quants. Byte j
 * holds weight j in its low nibble and weight j + 16 in its high nibble; a weight is (q - 8) * d.
 */
public final class Q4_0 {
    public static final int BLOCK = 32;
    public static final int BYTES = 18;

    private Q4_0() {
    }

    /** Quantizes {@code n} floats (a multiple of 32) into {@code dst}, as quantize_row_q4_0_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q4_0");
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < BLOCK; j++) {
                float v = x[base + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Mem.putF16(dst, out, d);
            for (int j = 0; j < BLOCK / 2; j++) {
                float x0 = x[base + j] * id;
                float x1 = x[base + BLOCK / 2 + j] * id;
                int q0 = Math.min(15, (int) (x0 + 8.5f));
                int q1 = Math.min(15, (int) (x1 + 8.5f));
                Mem.putU8(dst, out + 2 + j, q0 | (q1 << 4));
            }
        }
    }

    /** Dequantizes {@code n} weights (a multiple of 32) starting at byte {@code srcOff}. */
    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q4_0");
        for (int b = 0; b < n / BLOCK; b++) {
            long in = srcOff + (long) b * BYTES;
            float d = Mem.f16(src, in);
            int base = yOff + b * BLOCK;
            for (int j = 0; j < BLOCK / 2; j++) {
                int q = Mem.u8(src, in + 2 + j);
                y[base + j] = ((q & 0x0F) - 8) * d;
                y[base + j + BLOCK / 2] = ((q >>> 4) - 8) * d;
            }
        }
    }
}
