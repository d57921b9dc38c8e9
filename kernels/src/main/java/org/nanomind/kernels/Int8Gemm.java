package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The NPU's arithmetic: INT8 activations times INT8 weights accumulated in INT32, then requantized per
 * output channel to INT8 (scale and zero point), as RKNN's quantized matmul does.
 */
public final class Int8Gemm {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Int8Gemm() {
    }

    /** C[i][j] = sum_k A[i][k] * B[j][k] in INT32; A is m x k, B (weights, one row per channel) n x k. */
    public static Work accumulate(KernelPool pool, MemorySegment a, MemorySegment b, int m, int n, int k, int[] c) {
        check(a, b, m, n, k, c.length);
        pool.forRows(n, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < m; i++) {
                    c[i * n + j] = dot(a, (long) i * k, b, (long) j * k, k);
                }
            }
        });
        return Work.int8Gemm(m, n, k);
    }

    /**
     * out[i][j] = clamp(round(C[i][j] * scaleA * scaleB[j] / scaleOut) + zeroOut, -128, 127): symmetric
     * INT8 inputs, per-channel weight scales, an asymmetric INT8 output.
     */
    public static Work gemm(KernelPool pool, MemorySegment a, float scaleA, MemorySegment b, float[] scaleB,
                            float scaleOut, int zeroOut, int m, int n, int k, byte[] out) {
        if (scaleB.length < n || !(scaleOut > 0) || !(scaleA > 0)) {
            throw new IllegalArgumentException("need " + n + " positive channel scales and positive input/output scales");
        }
        int[] c = new int[m * n];
        Work work = accumulate(pool, a, b, m, n, k, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = requantize(c[i * n + j], scaleA * scaleB[j] / scaleOut, zeroOut);
            }
        }
        return work;
    }

    static byte requantize(int acc, float multiplier, int zero) {
        return (byte) Math.max(-128, Math.min(127, Mem.roundAway(acc * multiplier) + zero));
    }

    static int dot(MemorySegment a, long aOff, MemorySegment b, long bOff, int k) {
        IntVector acc = IntVector.zero(I);
        int i = 0;
        for (; i <= k - 8; i += 8) {
            IntVector va = (IntVector) Mem.bytes(B, a, aOff + i).convertShape(VectorOperators.B2I, I, 0);
            IntVector vb = (IntVector) Mem.bytes(B, b, bOff + i).convertShape(VectorOperators.B2I, I, 0);
            acc = acc.add(va.mul(vb));
        }
        int s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < k; i++) {
            s += Mem.i8(a, aOff + i) * Mem.i8(b, bOff + i);
        }
        return s;
    }

    private static void check(MemorySegment a, MemorySegment b, int m, int n, int k, int outLength) {
        if (m < 1 || n < 1 || k < 1 || a.byteSize() < (long) m * k || b.byteSize() < (long) n * k
                || outLength < (long) m * n) {
            throw new IllegalArgumentException("INT8 GEMM " + m + "x" + k + " by " + n + "x" + k + ": A holds "
                    + a.byteSize() + " bytes, B " + b.byteSize() + ", the output " + outLength + " values");
        }
    }
}
