package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;

/**
 * ggml's Q5_K: super-blocks of 256 weights in 176 bytes: FP16 d and dmin, the twelve bytes of eight 6-bit
 * sub-block scales and mins that Q4_K uses, 32 bytes of the quants' fifth bits, then 128 bytes of their low
 * 4 bits. Sub-block j (32 weights) has weight d*sc_j*q - dmin*m_j, q in [0, 32); each 64 weights share 32
 * bytes of nibbles (low first) and two bits of every high-bit byte.
 */
public final class Q5_K {
    public static final int BLOCK = 256;
    public static final int BYTES = 176;
    static final int SCALES = 4;
    static final int QH = 16;
    static final int QS = 48;

    private Q5_K() {
    }

    /** Quantizes {@code n} floats (a multiple of 256), as quantize_row_q5_K_ref does. */
    public static void quantize(float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        Formats.checkWhole(n, BLOCK, "Q5_K");
        byte[] levels = new byte[BLOCK];
        float[] scales = new float[8];
        float[] mins = new float[8];
        for (int b = 0; b < n / BLOCK; b++) {
            int base = xOff + b * BLOCK;
            long out = dstOff + (long) b * BYTES;
            KQuants.subBlocks(x, base, 31, -0.5f, 15, levels, scales, mins);
            Q4_K.packScales(scales, mins, dst, out);
            float d = Mem.f16(dst, out);
            float dmin = Mem.f16(dst, out + 2);
            long sc = out + SCALES;
            for (int j = 0; j < 8; j++) {
                float dj = d * Q4_K.scale(dst, sc, j);
                if (dj == 0) {
                    continue;
                }
                float dm = dmin * Q4_K.min(dst, sc, j);
                for (int ii = 0; ii < 32; ii++) {
                    int l = Mem.nearestInt((x[base + 32 * j + ii] + dm) / dj);
                    levels[32 * j + ii] = (byte) Math.max(0, Math.min(31, l));
                }
            }
            dst.asSlice(out + QH, 32).fill((byte) 0);
            for (int n64 = 0, bit = 0; n64 < BLOCK; n64 += 64, bit += 2) {
                long ql = out + QS + n64 / 2;
                for (int j = 0; j < 32; j++) {
                    int l1 = levels[n64 + j];
                    int l2 = levels[n64 + j + 32];
                    int high = Mem.u8(dst, out + QH + j);
                    if (l1 > 15) {
                        l1 -= 16;
                        high |= 1 << bit;
                    }
                    if (l2 > 15) {
                        l2 -= 16;
                        high |= 2 << bit;
                    }
                    Mem.putU8(dst, out + QH + j, high);
                    Mem.putU8(dst, ql + j, l1 | (l2 << 4));
                }
            }
        }
    }

    public static void dequantize(MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        Formats.checkWhole(n, BLOCK, "Q5_K");
        for (int b = 0; b < n / BLOCK; b++) {
            for (int j = 0; j < 8; j++) {
                chunk(src, srcOff + (long) b * BYTES, j, y, yOff + b * BLOCK + 32 * j);
            }
        }
    }

    /** The 32 weights of sub-block {@code j} (0..7) of the block at {@code block}, into {@code y} from {@code yOff}. */
    static void chunk(MemorySegment src, long block, int j, float[] y, int yOff) {
        float d = Mem.f16(src, block) * Q4_K.scale(src, block + SCALES, j);
        float m = Mem.f16(src, block + 2) * Q4_K.min(src, block + SCALES, j);
        long ql = block + QS + 32L * (j / 2);
        int shift = 4 * (j % 2);
        for (int l = 0; l < 32; l++) {
            int q = ((Mem.u8(src, ql + l) >>> shift) & 0xF) + ((Mem.u8(src, block + QH + l) >>> j & 1) != 0 ? 16 : 0);
            y[yOff + l] = d * q - m;
        }
    }
}
