package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/**
 * ggml's Q4_K: super-blocks of 256 weights in 144 bytes: FP16 d and dmin, 12 bytes packing eight 6-bit
 * sub-block scales and mins, then 128 bytes of 4-bit quants. Sub-block j (32 weights) has weight
 * d*sc_j*q - dmin*m_j; each 64 weights share 32 bytes, low nibbles first.
 */
public final class Q4_K {
    public static final int BLOCK = 256;
    public static final int BYTES = 144;

    private Q4_K() {
    }

    /** The 6-bit scale and min of sub-block {@code j}, as get_scale_min_k4 unpacks them. */
    static int scale(MemorySegment s, long scales, int j) {
        return j < 4 ? Mem.u8(s, scales + j) & 63
                : (Mem.u8(s, scales + j + 4) & 0xF) | ((Mem.u8(s, scales + j - 4) >>> 6) << 4);
    }

    static int min(MemorySegment s, long scales, int j) {
        return j < 4 ? Mem.u8(s, scales + j + 4) & 63
                : (Mem.u8(s, scales + j + 4) >>> 4) | ((Mem.u8(s, scales + j) >>> 6) << 4);
    }

    /** Quantizes {@code n} floats (a multiple of 256), as quantize_row_q4_K_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q4_K");
        byte[] levels = new byte[BLOCK];
        float[] scales = new float[8];
        float[] mins = new float[8];
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            KQuants.subBlocks(x, base, 15, -1.0f, 20, levels, scales, mins);
            packScales(scales, mins, dst, out);
            long sc = out + 4;
            float d = Mem.f16(dst, out);
            float dmin = Mem.f16(dst, out + 2);
            for (int j = 0; j < 8; j++) {
                float dj = d * scale(dst, sc, j);
                if (dj == 0) {
                    continue;
                }
                float dm = dmin * min(dst, sc, j);
                for (int ii = 0; ii < 32; ii++) {
                    int l = Mem.nearestInt((x[base + 32 * j + ii] + dm) / dj);
                    levels[32 * j + ii] = (byte) Math.max(0, Math.min(15, l));
                }
            }
            long q = out + 16;
            for (int j = 0; j < BLOCK; j += 64) {
                for (int l = 0; l < 32; l++) {
                    Mem.putU8(dst, q + l, levels[j + l] | (levels[j + l + 32] << 4));
                }
                q += 32;
            }
        }
    }

    /**
     * Writes a Q4_K or Q5_K block's head: d and dmin as FP16 and the eight sub-block scales and mins quantized
     * to 6 bits against them, packed into 12 bytes as get_scale_min_k4 reads them.
     */
    static void packScales(float[] scales, float[] mins, MemorySegment dst, long out) {
        float maxScale = 0;
        float maxMin = 0;
        for (int j = 0; j < 8; j++) {
            maxScale = Math.max(maxScale, scales[j]);
            maxMin = Math.max(maxMin, mins[j]);
        }
        float invScale = maxScale > 0 ? 63.0f / maxScale : 0.0f;
        float invMin = maxMin > 0 ? 63.0f / maxMin : 0.0f;
        long sc = out + 4;
        for (int k = 0; k < 12; k++) {
            Mem.putU8(dst, sc + k, 0);
        }
        for (int j = 0; j < 8; j++) {
            int ls = Math.min(63, Mem.nearestInt(invScale * scales[j]) & 0xff);
            int lm = Math.min(63, Mem.nearestInt(invMin * mins[j]) & 0xff);
            if (j < 4) {
                Mem.putU8(dst, sc + j, ls);
                Mem.putU8(dst, sc + j + 4, lm);
            } else {
                Mem.putU8(dst, sc + j + 4, (ls & 0xF) | ((lm & 0xF) << 4));
                Mem.putU8(dst, sc + j - 4, Mem.u8(dst, sc + j - 4) | ((ls >>> 4) << 6));
                Mem.putU8(dst, sc + j, Mem.u8(dst, sc + j) | ((lm >>> 4) << 6));
            }
        }
        Mem.putF16(dst, out, maxScale / 63.0f);
        Mem.putF16(dst, out + 2, maxMin / 63.0f);
    }

    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q4_K");
        for (int b = 0; b < n / BLOCK; b++) {
            long in = srcOff + (long) b * BYTES;
            float d = Mem.f16(src, in);
            float dmin = Mem.f16(src, in + 2);
            long sc = in + 4;
            long q = in + 16;
            int out = yOff + b * BLOCK;
            for (int j = 0, is = 0; j < BLOCK; j += 64, is += 2, q += 32) {
                float d1 = d * scale(src, sc, is);
                float m1 = dmin * min(src, sc, is);
                float d2 = d * scale(src, sc, is + 1);
                float m2 = dmin * min(src, sc, is + 1);
                for (int l = 0; l < 32; l++) {
                    y[out++] = d1 * (Mem.u8(src, q + l) & 0xF) - m1;
                }
                for (int l = 0; l < 32; l++) {
                    y[out++] = d2 * (Mem.u8(src, q + l) >>> 4) - m2;
                }
            }
        }
    }
}
