package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/**
 * ggml's Q6_K: super-blocks of 256 weights in 210 bytes: 128 bytes of the quants' low 4 bits, 64 bytes of
 * their high 2 bits, sixteen signed 8-bit scales (one per 16 weights) and an FP16 super-scale d. Weight
 * = d * scale * (q - 32), q in [0, 64). Each half of 128 weights packs four runs of 32: low nibbles of
 * bytes 0-31 and 32-63, then their high nibbles; the high bits of all four share one byte.
 */
public final class Q6_K {
    public static final int BLOCK = 256;
    public static final int BYTES = 210;
    static final int QH = 128;
    static final int SCALES = 192;
    static final int D = 208;

    private Q6_K() {
    }

    /** Quantizes {@code n} floats (a multiple of 256), as quantize_row_q6_K_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q6_K");
        byte[] levels = new byte[BLOCK];
        float[] scales = new float[16];
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int ib = 0; ib < 16; ib++) {
                scales[ib] = KQuants.makeQx(16, 32, x, base + 16 * ib, levels, 16 * ib);
                float abs = Math.abs(scales[ib]);
                if (abs > maxAbsScale) {
                    maxAbsScale = abs;
                    maxScale = scales[ib];
                }
            }
            if (maxAbsScale < KQuants.GROUP_MAX_EPS) {
                dst.asSlice(out, BYTES).fill((byte) 0);
                continue;
            }
            float iscale = -128.0f / maxScale;
            Mem.putF16(dst, out + D, 1 / iscale);
            for (int ib = 0; ib < 16; ib++) {
                dst.set(java.lang.foreign.ValueLayout.JAVA_BYTE, out + SCALES + ib, (byte) Math.min(127, Mem.nearestInt(iscale * scales[ib])));
            }
            float d = Mem.f16(dst, out + D);
            for (int j = 0; j < 16; j++) {
                float dj = d * scale(dst, out, j);
                if (dj == 0) {
                    continue;
                }
                for (int ii = 0; ii < 16; ii++) {
                    int l = Mem.nearestInt(x[base + 16 * j + ii] / dj);
                    levels[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
                }
            }
            for (int half = 0; half < 2; half++) {
                int j = 128 * half;
                long ql = out + 64L * half;
                long qh = out + QH + 32L * half;
                for (int l = 0; l < 32; l++) {
                    Mem.putU8(dst, ql + l, (levels[j + l] & 0xF) | ((levels[j + l + 64] & 0xF) << 4));
                    Mem.putU8(dst, ql + l + 32, (levels[j + l + 32] & 0xF) | ((levels[j + l + 96] & 0xF) << 4));
                    Mem.putU8(dst, qh + l, (levels[j + l] >> 4) | ((levels[j + l + 32] >> 4) << 2) | ((levels[j + l + 64] >> 4) << 4)
                            | ((levels[j + l + 96] >> 4) << 6));
                }
            }
        }
    }

    /** The signed scale of the 16 weights {@code j} of the block at {@code block}. */
    static int scale(MemorySegment s, long block, int j) {
        return Mem.i8(s, block + SCALES + j);
    }

    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q6_K");
        for (int b = 0; b < n / BLOCK; b++) {
            for (int k = 0; k < 8; k++) {
                chunk(src, srcOff + (long) b * BYTES, k, y, yOff + b * BLOCK + 32 * k);
            }
        }
    }

    /** The 32 weights of run {@code k} (0..7) of the block at {@code block}, into {@code y} from {@code yOff}. */
    static void chunk(MemorySegment src, long block, int k, float[] y, int yOff) {
        float d = Mem.f16(src, block + D);
        int half = k / 4;
        int run = k % 4; // runs 0 and 1: low nibbles of bytes 0-31 and 32-63; runs 2 and 3: their high nibbles
        long ql = block + 64L * half + 32L * (run % 2);
        long qh = block + QH + 32L * half;
        int shift = 4 * (run / 2);
        for (int l = 0; l < 32; l++) {
            int q = ((Mem.u8(src, ql + l) >>> shift) & 0xF) | (((Mem.u8(src, qh + l) >>> (2 * run)) & 3) << 4);
            y[yOff + l] = d * scale(src, block, 8 * half + l / 16 + 2 * run) * (q - 32);
        }
    }
}
