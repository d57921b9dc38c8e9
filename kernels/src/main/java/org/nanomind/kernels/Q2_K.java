package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/**
 * ggml's Q2_K: super-blocks of 256 weights in 84 bytes: 16 bytes of 4-bit scale and min pairs (one per
 * 16 weights), 64 bytes of 2-bit quants, then FP16 d and dmin. Weight = d*(sc&15)*q - dmin*(sc>>4).
 * Each 128 weights share 32 bytes; weights 32k..32k+31 sit in bits 2k..2k+1.
 */
public final class Q2_K {
    public static final int BLOCK = 256;
    public static final int BYTES = 84;
    static final int QS = 16;
    static final int D = 80;

    private Q2_K() {
    }

    /** Quantizes {@code n} floats (a multiple of 256), as quantize_row_q2_K_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q2_K");
        byte[] levels = new byte[BLOCK];
        byte[] aux = new byte[16];
        float[] weights = new float[16];
        float[] scales = new float[16];
        float[] mins = new float[16];
        final float q4scale = 15.0f;
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 16; j++) {
                for (int l = 0; l < 16; l++) {
                    weights[l] = Math.abs(x[base + 16 * j + l]);
                }
                KQuants.ScaleMin sm = KQuants.makeQkx2(16, 3, x, base + 16 * j, weights, levels, 16 * j, aux,
                        -0.5f, 0.1f, 15, true);
                scales[j] = sm.scale();
                mins[j] = sm.min();
                maxScale = Math.max(maxScale, scales[j]);
                maxMin = Math.max(maxMin, mins[j]);
            }
            int[] packed = new int[16];
            if (maxScale > 0) {
                float iscale = q4scale / maxScale;
                for (int j = 0; j < 16; j++) {
                    packed[j] = Mem.nearestInt(iscale * scales[j]);
                }
                Mem.putF16(dst, out + D, maxScale / q4scale);
            } else {
                Mem.putF16(dst, out + D, 0.0f);
            }
            if (maxMin > 0) {
                float iscale = q4scale / maxMin;
                for (int j = 0; j < 16; j++) {
                    packed[j] |= Mem.nearestInt(iscale * mins[j]) << 4;
                }
                Mem.putF16(dst, out + D + 2, maxMin / q4scale);
            } else {
                Mem.putF16(dst, out + D + 2, 0.0f);
            }
            for (int j = 0; j < 16; j++) {
                Mem.putU8(dst, out + j, packed[j]);
            }
            float d = Mem.f16(dst, out + D);
            float dmin = Mem.f16(dst, out + D + 2);
            for (int j = 0; j < 16; j++) {
                int sc = packed[j] & 0xff;
                float dj = d * (sc & 0xF);
                if (dj == 0) {
                    continue;
                }
                float dm = dmin * (sc >>> 4);
                for (int ii = 0; ii < 16; ii++) {
                    int l = Mem.nearestInt((x[base + 16 * j + ii] + dm) / dj);
                    levels[16 * j + ii] = (byte) Math.max(0, Math.min(3, l));
                }
            }
            for (int j = 0; j < BLOCK; j += 128) {
                for (int l = 0; l < 32; l++) {
                    Mem.putU8(dst, out + QS + j / 4 + l, levels[j + l] | (levels[j + l + 32] << 2)
                            | (levels[j + l + 64] << 4) | (levels[j + l + 96] << 6));
                }
            }
        }
    }

    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q2_K");
        for (int b = 0; b < n / BLOCK; b++) {
            long in = srcOff + (long) b * BYTES;
            float d = Mem.f16(src, in + D);
            float dmin = Mem.f16(src, in + D + 2);
            int out = yOff + b * BLOCK;
            int is = 0;
            for (int half = 0; half < 2; half++) {
                long q = in + QS + 32L * half;
                for (int shift = 0; shift < 8; shift += 2) {
                    for (int part = 0; part < 2; part++) {
                        int sc = Mem.u8(src, in + is++);
                        float dl = d * (sc & 0xF);
                        float ml = dmin * (sc >>> 4);
                        for (int l = 0; l < 16; l++) {
                            y[out++] = dl * ((Mem.u8(src, q + 16 * part + l) >>> shift) & 3) - ml;
                        }
                    }
                }
            }
        }
    }
}
