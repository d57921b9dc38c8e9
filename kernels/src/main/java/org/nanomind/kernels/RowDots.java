package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One quantized weight row times an FP32 activation vector, with the weights unpacked and rescaled in
 * vector registers: a run of quant bytes is loaded, its nibbles (or 2-bit fields) masked out, widened to
 * float lanes and multiplied into the accumulator; no dequantized copy of the row exists anywhere.
 * Q4_0 and Q8_0, the hot formats, use the CPU's widest native shape; the K-quants use 8 lanes.
 * K-quant mins are folded in through precomputed sums of x, so the inner loop is multiply-add only.
 */
final class RowDots {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private RowDots() {
    }

    /** x, and the sums of x over each run of 16 (for K-quant mins). */
    record Input(float[] x, float[] sum16) {
        static Input of(float[] x) {
            float[] s = new float[(x.length + 15) / 16];
            for (int i = 0; i < x.length; i++) {
                s[i >> 4] += x[i];
            }
            return new Input(x, s);
        }
    }

    static float dot(GgmlType type, MemorySegment w, long rowOff, int cols, Input in) {
        return switch (type) {
            case Q4_0 -> q4_0(w, rowOff, cols / 32, in);
            case Q8_0 -> q8_0(w, rowOff, cols / 32, in.x());
            case Q4_K -> q4_k(w, rowOff, cols / 256, in);
            case Q2_K -> q2_k(w, rowOff, cols / 256, in);
            case Q5_K, Q6_K -> byChunks(type, w, rowOff, cols, in.x());
            case F32 -> f32(w, rowOff, cols, in.x());
            case F16 -> f16(w, rowOff, cols, in.x());
            default -> throw new IllegalArgumentException("no kernel for " + type + " weights");
        };
    }

    /**
     * Rows [from, to) of a matrix of {@code type} into {@code y}: the type is chosen once for the range, and each
     * type's row loop is a method of its own. Why: with the type switched per row inside one loop, C2 compiled that
     * loop with every type's kernel it had seen inlined into it, ran out of its inlining budget, and left the vector
     * code of the hot one out of line (its vectors boxed at the call). Measured (issue 17, 4864x896 Q4_0, 1 thread):
     * 4.8 GB/s after an F32 GEMV had run in the same JVM and 5.2 after a Q8_0 one, against 7.1 alone; each type in a
     * loop of its own gives 7.2 whatever ran before. A model that mixes types (Q4_K_M's Q4_K and Q6_K) runs into it.
     */
    static void range(GgmlType type, MemorySegment w, long rowBytes, int cols, Input in, int from, int to, float[] y) {
        switch (type) {
            case Q4_0 -> q4_0Range(w, rowBytes, cols / 32, in, from, to, y);
            case Q8_0 -> q8_0Range(w, rowBytes, cols / 32, in.x(), from, to, y);
            case Q4_K -> q4_kRange(w, rowBytes, cols / 256, in, from, to, y);
            case Q2_K -> q2_kRange(w, rowBytes, cols / 256, in, from, to, y);
            default -> {
                for (int r = from; r < to; r++) {
                    y[r] = dot(type, w, r * rowBytes, cols, in);
                }
            }
        }
    }

    private static void q4_0Range(MemorySegment w, long rowBytes, int blocks, Input in, int from, int to, float[] y) {
        for (int r = from; r < to; r++) {
            y[r] = q4_0(w, r * rowBytes, blocks, in);
        }
    }

    private static void q8_0Range(MemorySegment w, long rowBytes, int blocks, float[] x, int from, int to, float[] y) {
        int r = from;
        if (Q8_0_ROWS) {
            for (; r + ROWS <= to; r += ROWS) {
                q8_0Rows(w, r * rowBytes, rowBytes, blocks, x, y, r);
            }
        }
        for (; r < to; r++) {
            y[r] = q8_0(w, r * rowBytes, blocks, x);
        }
    }

    private static void q4_kRange(MemorySegment w, long rowBytes, int blocks, Input in, int from, int to, float[] y) {
        for (int r = from; r < to; r++) {
            y[r] = q4_k(w, r * rowBytes, blocks, in);
        }
    }

    private static void q2_kRange(MemorySegment w, long rowBytes, int blocks, Input in, int from, int to, float[] y) {
        for (int r = from; r < to; r++) {
            y[r] = q2_k(w, r * rowBytes, blocks, in);
        }
    }

    private static FloatVector widen(ByteVector q) {
        return (FloatVector) q.convertShape(VectorOperators.B2F, F, 0);
    }

    private static ByteVector load(MemorySegment w, long off) {
        return Mem.bytes(B, w, off);
    }

    /** The widest float shape the CPU runs natively (16 lanes with AVX-512, else 8), and bytes to match. */
    static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final VectorSpecies<Byte> WIDE_BYTES = WIDE.length() == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    private static final int L = WIDE.length();

    private static FloatVector wide(ByteVector q) {
        return (FloatVector) q.convertShape(VectorOperators.B2F, WIDE, 0);
    }

    /**
     * sum over one Q4_0 block of q * x, with q the unsigned nibble (0..15) and no scale: {@link #q4_0} takes
     * the offset of 8 off once per block. L bytes at a time give L low and L high nibbles.
     */
    private static FloatVector q4_0Block(MemorySegment w, long off, float[] x, int xo) {
        if (L == 16) {
            // AVX-512: the 16 bytes widen once to 16 ints (vpmovzxbd); the nibbles are split with int shifts and
            // masks, which x86 has (it has no byte shift), then converted to floats.
            IntVector i = (IntVector) Mem.bytes(ByteVector.SPECIES_128, w, off + 2)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, IntVector.SPECIES_512, 0);
            FloatVector lo = (FloatVector) i.and(0x0F).convertShape(VectorOperators.I2F, WIDE, 0);
            FloatVector hi = (FloatVector) i.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.I2F, WIDE, 0);
            return hi.fma(FloatVector.fromArray(WIDE, x, xo + 16), lo.mul(FloatVector.fromArray(WIDE, x, xo)));
        }
        FloatVector s = FloatVector.zero(WIDE);
        for (int part = 0; part < 16; part += L) {
            ByteVector q = Mem.bytes(WIDE_BYTES, w, off + 2 + part);
            s = wide(q.and((byte) 0x0F)).fma(FloatVector.fromArray(WIDE, x, xo + part), s);
            s = wide(q.lanewise(VectorOperators.LSHR, 4)).fma(FloatVector.fromArray(WIDE, x, xo + 16 + part), s);
        }
        return s;
    }

    /**
     * sum d (q - 8) x over a row, computed as sum d q x - 8 sum d sum(x): the block sums of x come once for
     * every row from the input, which takes the subtraction of 8 out of the inner loop. Two accumulators over
     * pairs of blocks, so consecutive blocks do not wait on one FMA chain.
     */
    static float q4_0(MemorySegment w, long off, int blocks, Input in) {
        float[] x = in.x();
        float[] s16 = in.sum16();
        FloatVector acc0 = FloatVector.zero(WIDE);
        FloatVector acc1 = FloatVector.zero(WIDE);
        float bias = 0;
        int b = 0;
        for (; b + 1 < blocks; b += 2, off += 2 * Q4_0.BYTES) {
            float d0 = Mem.f16(w, off);
            float d1 = Mem.f16(w, off + Q4_0.BYTES);
            acc0 = q4_0Block(w, off, x, 32 * b).fma(FloatVector.broadcast(WIDE, d0), acc0);
            acc1 = q4_0Block(w, off + Q4_0.BYTES, x, 32 * b + 32).fma(FloatVector.broadcast(WIDE, d1), acc1);
            bias += d0 * (s16[2 * b] + s16[2 * b + 1]) + d1 * (s16[2 * b + 2] + s16[2 * b + 3]);
        }
        if (b < blocks) {
            float d0 = Mem.f16(w, off);
            acc0 = q4_0Block(w, off, x, 32 * b).fma(FloatVector.broadcast(WIDE, d0), acc0);
            bias += d0 * (s16[2 * b] + s16[2 * b + 1]);
        }
        return Mem.sum(acc0.add(acc1)) - 8 * bias;
    }

    private static FloatVector q8_0Block(MemorySegment w, long off, float[] x, int xo) {
        FloatVector s = FloatVector.zero(WIDE);
        for (int part = 0; part < 32; part += L) {
            s = wide(Mem.bytes(WIDE_BYTES, w, off + 2 + part))
                    .fma(FloatVector.fromArray(WIDE, x, xo + part), s);
        }
        return s;
    }

    static float q8_0(MemorySegment w, long off, int blocks, float[] x) {
        FloatVector acc0 = FloatVector.zero(WIDE);
        FloatVector acc1 = FloatVector.zero(WIDE);
        int b = 0;
        for (; b + 1 < blocks; b += 2, off += 2 * Q8_0.BYTES) {
            acc0 = q8_0Block(w, off, x, 32 * b).fma(FloatVector.broadcast(WIDE, Mem.f16(w, off)), acc0);
            acc1 = q8_0Block(w, off + Q8_0.BYTES, x, 32 * b + 32)
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, off + Q8_0.BYTES)), acc1);
        }
        if (b < blocks) {
            acc0 = q8_0Block(w, off, x, 32 * b).fma(FloatVector.broadcast(WIDE, Mem.f16(w, off)), acc0);
        }
        return Mem.sum(acc0.add(acc1));
    }

    /** Rows {@link #q8_0Rows} computes at once. */
    static final int ROWS = 2;

    /**
     * Whether Q8_0 runs {@link #ROWS} rows at once here: with 16 float lanes (AVX-512), and for Q8_0 only.
     * Measured on 8192 x 8192, 2 threads (issue 17): Q8_0 two rows 18.3-18.7 GB/s against one row's 13.2-15.4; four
     * rows written out 3.7-4.2 (C2 gives up on the method's size and the vectors are boxed); Q4_0 two rows 7.5
     * against one row's 8.5-10.5 (its nibble unpacking, not the activation loads, bounds it), so Q4_0 keeps one.
     */
    private static final boolean Q8_0_ROWS = L == 16;

    /**
     * {@link #ROWS} rows from off into y[r], y[r + 1]: each activation vector is loaded once for all of them (a single row
     * reads four bytes of x for every weight byte of Q8_0), and every row's arithmetic is the
     * single-row kernel's, operation for operation, so each row's result is bit for bit {@link #dot}'s, whichever
     * rows a thread's range groups. Written out rather than through a block helper: C2 did not inline one at eight
     * call sites, and a Vector API value that crosses a call is boxed (measured: 4x slower than one row).
     */
    private static void q8_0Rows(MemorySegment w, long off, long rowBytes, int blocks, float[] x, float[] y, int r) {
        long o0 = off + 0 * rowBytes;
        long o1 = off + 1 * rowBytes;
        FloatVector z = FloatVector.zero(WIDE);
        FloatVector a00 = z;
        FloatVector a01 = z;
        FloatVector a10 = z;
        FloatVector a11 = z;
        int b = 0;
        for (; b + 1 < blocks; b += 2) {
            long d = (long) b * Q8_0.BYTES;
            long e = d + Q8_0.BYTES;
            FloatVector x0 = FloatVector.fromArray(WIDE, x, 32 * b + 0);
            FloatVector x1 = FloatVector.fromArray(WIDE, x, 32 * b + 16);
            FloatVector x2 = FloatVector.fromArray(WIDE, x, 32 * b + 32);
            FloatVector x3 = FloatVector.fromArray(WIDE, x, 32 * b + 48);
            a00 = wide(Mem.bytes(WIDE_BYTES, w, o0 + d + 18)).fma(x1, wide(Mem.bytes(WIDE_BYTES, w, o0 + d + 2)).fma(x0, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o0 + d)), a00);
            a01 = wide(Mem.bytes(WIDE_BYTES, w, o0 + e + 18)).fma(x3, wide(Mem.bytes(WIDE_BYTES, w, o0 + e + 2)).fma(x2, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o0 + e)), a01);
            a10 = wide(Mem.bytes(WIDE_BYTES, w, o1 + d + 18)).fma(x1, wide(Mem.bytes(WIDE_BYTES, w, o1 + d + 2)).fma(x0, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o1 + d)), a10);
            a11 = wide(Mem.bytes(WIDE_BYTES, w, o1 + e + 18)).fma(x3, wide(Mem.bytes(WIDE_BYTES, w, o1 + e + 2)).fma(x2, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o1 + e)), a11);
        }
        if (b < blocks) {
            long d = (long) b * Q8_0.BYTES;
            FloatVector x0 = FloatVector.fromArray(WIDE, x, 32 * b);
            FloatVector x1 = FloatVector.fromArray(WIDE, x, 32 * b + 16);
            a00 = wide(Mem.bytes(WIDE_BYTES, w, o0 + d + 18)).fma(x1, wide(Mem.bytes(WIDE_BYTES, w, o0 + d + 2)).fma(x0, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o0 + d)), a00);
            a10 = wide(Mem.bytes(WIDE_BYTES, w, o1 + d + 18)).fma(x1, wide(Mem.bytes(WIDE_BYTES, w, o1 + d + 2)).fma(x0, z))
                    .fma(FloatVector.broadcast(WIDE, Mem.f16(w, o1 + d)), a10);
        }
        y[r] = Mem.sum(a00.add(a01));
        y[r + 1] = Mem.sum(a10.add(a11));
    }

    static float q4_k(MemorySegment w, long off, int blocks, Input in) {
        float[] x = in.x();
        FloatVector acc = FloatVector.zero(F);
        float mins = 0;
        for (int b = 0; b < blocks; b++, off += Q4_K.BYTES) {
            float d = Mem.f16(w, off);
            float dmin = Mem.f16(w, off + 2);
            long sc = off + 4;
            for (int p = 0; p < 4; p++) {
                long q = off + 16 + 32L * p;
                int xo = 256 * b + 64 * p;
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                for (int i = 0; i < 4; i++) {
                    ByteVector v = load(w, q + 8 * i);
                    lo = widen(v.and((byte) 0x0F)).fma(FloatVector.fromArray(F, x, xo + 8 * i), lo);
                    hi = widen(v.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F))
                            .fma(FloatVector.fromArray(F, x, xo + 32 + 8 * i), hi);
                }
                int j = 2 * p;
                acc = lo.fma(FloatVector.broadcast(F, d * Q4_K.scale(w, sc, j)), acc);
                acc = hi.fma(FloatVector.broadcast(F, d * Q4_K.scale(w, sc, j + 1)), acc);
                int s16 = xo >> 4;
                mins += dmin * (Q4_K.min(w, sc, j) * (in.sum16()[s16] + in.sum16()[s16 + 1])
                        + Q4_K.min(w, sc, j + 1) * (in.sum16()[s16 + 2] + in.sum16()[s16 + 3]));
            }
        }
        return Mem.sum(acc) - mins;
    }

    static float q2_k(MemorySegment w, long off, int blocks, Input in) {
        float[] x = in.x();
        FloatVector acc = FloatVector.zero(F);
        float mins = 0;
        for (int b = 0; b < blocks; b++, off += Q2_K.BYTES) {
            float d = Mem.f16(w, off + Q2_K.D);
            float dmin = Mem.f16(w, off + Q2_K.D + 2);
            for (int h = 0; h < 2; h++) {
                long q = off + Q2_K.QS + 32L * h;
                ByteVector q0 = load(w, q);
                ByteVector q1 = load(w, q + 8);
                ByteVector q2 = load(w, q + 16);
                ByteVector q3 = load(w, q + 24);
                for (int s = 0; s < 4; s++) {
                    int shift = 2 * s;
                    int xo = 256 * b + 128 * h + 32 * s;
                    int is = 8 * h + 2 * s;
                    FloatVector p0 = widen(q0.lanewise(VectorOperators.LSHR, shift).and((byte) 3))
                            .mul(FloatVector.fromArray(F, x, xo));
                    p0 = widen(q1.lanewise(VectorOperators.LSHR, shift).and((byte) 3))
                            .fma(FloatVector.fromArray(F, x, xo + 8), p0);
                    FloatVector p1 = widen(q2.lanewise(VectorOperators.LSHR, shift).and((byte) 3))
                            .mul(FloatVector.fromArray(F, x, xo + 16));
                    p1 = widen(q3.lanewise(VectorOperators.LSHR, shift).and((byte) 3))
                            .fma(FloatVector.fromArray(F, x, xo + 24), p1);
                    int sc0 = Mem.u8(w, off + is);
                    int sc1 = Mem.u8(w, off + is + 1);
                    acc = p0.fma(FloatVector.broadcast(F, d * (sc0 & 0xF)), acc);
                    acc = p1.fma(FloatVector.broadcast(F, d * (sc1 & 0xF)), acc);
                    mins += dmin * ((sc0 >>> 4) * in.sum16()[xo >> 4] + (sc1 >>> 4) * in.sum16()[(xo >> 4) + 1]);
                }
            }
        }
        return Mem.sum(acc) - mins;
    }

    /**
     * A row of a format without a kernel of its own (Q5_K, Q6_K: the mixtures' few high-precision tensors), one
     * dequantized run of 32 at a time, each dotted in vector lanes.
     */
    private static float byChunks(GgmlType type, MemorySegment w, long rowOff, int cols, float[] x) {
        float[] run = new float[32];
        FloatVector acc = FloatVector.zero(F);
        for (int c = 0; c < cols / 32; c++) {
            chunk32(type, w, rowOff, c, run);
            for (int i = 0; i < 32; i += 8) {
                acc = FloatVector.fromArray(F, run, i).fma(FloatVector.fromArray(F, x, 32 * c + i), acc);
            }
        }
        return Mem.sum(acc);
    }

    static float f32(MemorySegment w, long off, int cols, float[] x) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i <= cols - 8; i += 8) {
            acc = Mem.floats(F, w, off + 4L * i).fma(FloatVector.fromArray(F, x, i), acc);
        }
        float s = Mem.sum(acc);
        for (; i < cols; i++) {
            s += Mem.f32(w, off + 4L * i) * x[i];
        }
        return s;
    }

    static float f16(MemorySegment w, long off, int cols, float[] x) {
        float s = 0;
        for (int i = 0; i < cols; i++) {
            s += Mem.f16(w, off + 2L * i) * x[i];
        }
        return s;
    }

    /** Dequantizes the 32 weights of chunk {@code c} of a row into {@code out} (the GEMM's tile source). */
    static void chunk32(GgmlType type, MemorySegment w, long rowOff, int c, float[] out) {
        switch (type) {
            case Q4_0 -> Q4_0.dequantize(w, rowOff + (long) c * Q4_0.BYTES, out, 0, 32);
            case Q8_0 -> Q8_0.dequantize(w, rowOff + (long) c * Q8_0.BYTES, out, 0, 32);
            case F32 -> Formats.dequantize(GgmlType.F32, w, rowOff + 128L * c, out, 0, 32);
            case F16 -> Formats.dequantize(GgmlType.F16, w, rowOff + 64L * c, out, 0, 32);
            case Q4_K -> {
                long blk = rowOff + (long) (c / 8) * Q4_K.BYTES;
                int j = c % 8;
                float d = Mem.f16(w, blk) * Q4_K.scale(w, blk + 4, j);
                float m = Mem.f16(w, blk + 2) * Q4_K.min(w, blk + 4, j);
                long q = blk + 16 + 32L * (j / 2);
                int shift = (j % 2) * 4;
                for (int l = 0; l < 32; l++) {
                    out[l] = d * ((Mem.u8(w, q + l) >>> shift) & 0xF) - m;
                }
            }
            case Q2_K -> {
                long blk = rowOff + (long) (c / 8) * Q2_K.BYTES;
                int k = c % 8;
                int h = k / 4;
                int s = k % 4;
                float d = Mem.f16(w, blk + Q2_K.D);
                float dmin = Mem.f16(w, blk + Q2_K.D + 2);
                long q = blk + Q2_K.QS + 32L * h;
                for (int part = 0; part < 2; part++) {
                    int sc = Mem.u8(w, blk + 8 * h + 2 * s + part);
                    for (int l = 0; l < 16; l++) {
                        out[16 * part + l] = d * (sc & 0xF) * ((Mem.u8(w, q + 16 * part + l) >>> (2 * s)) & 3)
                                - dmin * (sc >>> 4);
                    }
                }
            }
            case Q5_K -> Q5_K.chunk(w, rowOff + (long) (c / 8) * Q5_K.BYTES, c % 8, out, 0);
            case Q6_K -> Q6_K.chunk(w, rowOff + (long) (c / 8) * Q6_K.BYTES, c % 8, out, 0);
            default -> throw new IllegalArgumentException("no kernel for " + type + " weights");
        }
    }
}
