package org.nanomind.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Quantize and dequantize by {@link GgmlType}: the one entry the rest of the project calls. */
public final class Formats {
    private Formats() {
    }

    /** Quantizes {@code x} into a new segment of {@code type} allocated in {@code arena}. */
    public static MemorySegment quantize(GgmlType type, float[] x, Arena arena) {
        MemorySegment dst = arena.allocate(type.bytesFor(x.length), 16);
        quantize(type, x, 0, x.length, dst, 0);
        return dst;
    }

    public static void quantize(GgmlType type, float[] x, int xOff, int n, MemorySegment dst, long dstOff) {
        switch (type) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    dst.set(Mem.FLOAT, dstOff + 4L * i, x[xOff + i]);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    Mem.putF16(dst, dstOff + 2L * i, x[xOff + i]);
                }
            }
            case Q4_0 -> Q4_0.quantize(x, xOff, n, dst, dstOff);
            case Q8_0 -> Q8_0.quantize(x, xOff, n, dst, dstOff);
            case Q4_K -> Q4_K.quantize(x, xOff, n, dst, dstOff);
            case Q2_K -> Q2_K.quantize(x, xOff, n, dst, dstOff);
            case Q5_K -> Q5_K.quantize(x, xOff, n, dst, dstOff);
            case Q6_K -> Q6_K.quantize(x, xOff, n, dst, dstOff);
            default -> throw new IllegalArgumentException("no quantizer for " + type
                    + " (the kernels handle F32, F16, Q4_0, Q8_0, Q2_K, Q4_K, Q5_K, Q6_K)");
        }
    }

    public static void dequantize(GgmlType type, MemorySegment src, long srcOff, float[] y, int yOff, int n) {
        switch (type) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = Mem.f32(src, srcOff + 4L * i);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = Mem.f16(src, srcOff + 2L * i);
                }
            }
            case Q4_0 -> Q4_0.dequantize(src, srcOff, y, yOff, n);
            case Q8_0 -> Q8_0.dequantize(src, srcOff, y, yOff, n);
            case Q4_K -> Q4_K.dequantize(src, srcOff, y, yOff, n);
            case Q2_K -> Q2_K.dequantize(src, srcOff, y, yOff, n);
            case Q5_K -> Q5_K.dequantize(src, srcOff, y, yOff, n);
            case Q6_K -> Q6_K.dequantize(src, srcOff, y, yOff, n);
            default -> throw new IllegalArgumentException("no dequantizer for " + type
                    + " (the kernels handle F32, F16, Q4_0, Q8_0, Q2_K, Q4_K, Q5_K, Q6_K)");
        }
    }

    /** Dequantizes a whole tensor of {@code n} elements. */
    public static float[] dequantize(GgmlType type, MemorySegment src, int n) {
        float[] y = new float[n];
        dequantize(type, src, 0, y, 0, n);
        return y;
    }

    static void checkWhole(int n, int block, String format) {
        if (n < 0 || n % block != 0) {
            throw new IllegalArgumentException(format + " works on whole blocks of " + block + " weights; got " + n);
        }
    }
}
