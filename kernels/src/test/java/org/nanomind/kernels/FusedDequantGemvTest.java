package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernels against their scalar reference. Bound: |y - ref| <= 1e-5 * sum|w x| + 1e-6, which FP32
 * reassociation stays far inside (its worst case is about n * 6e-8 * sum|w x|) and any wrong nibble,
 * scale or offset breaks by orders of magnitude.
 */
class FusedDequantGemvTest {
    private static final GgmlType[] WEIGHTS = {GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q4_K, GgmlType.Q5_K,
            GgmlType.Q6_K, GgmlType.F16, GgmlType.F32};

    static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static Stream<Arguments> gemvAndGemmMatchTheReferenceCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 120).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 0, WEIGHTS.length - 1), Cases.draw(r, i, 1, 37), Cases.draw(r, i, 1, 4), Cases.draw(r, i, 1, 6), Cases.draw(r, i, 1, 3)));
    }

    @ParameterizedTest(name = "seed={0}, typeIndex={1}, rows={2}, blocks={3}, tokens={4}, threads={5}")
    @MethodSource("gemvAndGemmMatchTheReferenceCases")
    void gemvAndGemmMatchTheReference(long seed, int typeIndex, int rows, int blocks, int tokens, int threads) {
        GgmlType type = WEIGHTS[typeIndex];
        Random r = new Random(seed);
        // F16/F32 rows take any length, so the vector loops' scalar tails are exercised too.
        int cols = type.blockSize() == 1 ? 1 + r.nextInt(200) : blocks * type.blockSize() * (type.blockSize() == 32 ? 3 : 1);
        GgmlType xType = r.nextBoolean() ? GgmlType.F32 : GgmlType.F16;
        Activation act = Activation.values()[r.nextInt(3)];
        float[] bias = r.nextBoolean() ? gaussian(r, rows) : null;
        try (Arena arena = Arena.ofShared(); KernelPool pool = new KernelPool(threads)) {
            MemorySegment w = Formats.quantize(type, gaussian(r, rows * cols), arena);
            MemorySegment x = Formats.quantize(xType, gaussian(r, tokens * cols), arena);
            double[] mag = new double[tokens * rows];
            float[] ref;
            Work counted;
            try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
                ref = Reference.gemm(type, w, rows, cols, x, xType, tokens, bias, act, mag);
                counted = c.work("w", "x", null);
            }

            float[] y = new float[tokens * rows];
            Work work;
            long kernelWeightBytes;
            long kernelActivationBytes;
            try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
                work = FusedDequantGemv.gemm(pool, type, w, rows, cols, x, xType, tokens, y, bias, act);
                kernelWeightBytes = c.bytes("w");
                kernelActivationBytes = c.bytes("x");
            }
            // The charge the kernel returns (the timing model's) is what the reference counted it did, and the
            // kernel itself loaded every byte of the weights and activations that the reference loaded.
            assertEquals(counted, work, "charged vs counted");
            assertEquals(counted.weightBytes(), kernelWeightBytes, type + ": distinct weight bytes the kernel loaded");
            assertEquals(counted.activationBytesRead(), kernelActivationBytes, type + ": distinct activation bytes the kernel loaded");
            for (int i = 0; i < y.length; i++) {
                assertEquals(ref[i], y[i], 1e-5 * mag[i] + 1e-6, type + " gemm, output " + i);
            }

            long xBytes = (long) cols * (xType == GgmlType.F16 ? 2 : 4);
            float[] y1 = new float[rows];
            try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
                Work one = FusedDequantGemv.gemv(pool, type, w, rows, cols, x.asSlice(0, xBytes), xType, y1, bias, act);
                assertEquals(counted.weightBytes(), c.bytes("w"), type + ": distinct weight bytes the GEMV loaded");
                assertEquals(xBytes, c.bytes("x"), type + ": the GEMV loaded the first token's activations");
                assertEquals(one.weightBytes(), c.bytes("w"), type + ": the GEMV's charge is what it loaded");
            }
            for (int i = 0; i < rows; i++) {
                assertEquals(ref[i], y1[i], 1e-5 * mag[i] + 1e-6, type + " gemv, row " + i);
            }
        }
    }

    @Test
    void theThreadCountDoesNotChangeAResultBit() {
        Random r = new Random(3);
        try (Arena arena = Arena.ofShared(); KernelPool one = new KernelPool(1); KernelPool three = new KernelPool(3)) {
            MemorySegment w = Formats.quantize(GgmlType.Q4_K, gaussian(r, 61 * 512), arena);
            MemorySegment x = Formats.quantize(GgmlType.F32, gaussian(r, 512), arena);
            float[] a = new float[61];
            float[] b = new float[61];
            FusedDequantGemv.gemv(one, GgmlType.Q4_K, w, 61, 512, x, GgmlType.F32, a);
            FusedDequantGemv.gemv(three, GgmlType.Q4_K, w, 61, 512, x, GgmlType.F32, b);
            assertTrue(java.util.Arrays.equals(a, b));
        }
    }

    @Test
    void workCountsWeightBytesAtTheirQuantizedSize() {
        Work w = Work.gemv(GgmlType.Q4_0, 4096, 4096, GgmlType.F16);
        assertEquals(4096L * 4096, w.macs());
        assertEquals(4096L * 4096 / 32 * 18, w.weightBytes());
        assertEquals(4096L * 2, w.activationBytesRead());
        assertEquals(4096L * 4, w.activationBytesWritten());
        Work prefill = Work.gemm(GgmlType.Q2_K, 896, 4864, 100, GgmlType.F32);
        assertEquals(896L * 4864 / 256 * 84, prefill.weightBytes(), "weights stream once for all 100 tokens");
        assertEquals(100L * 896 * 4864, prefill.macs());
    }

    @Test
    void badShapesAreRefusedWithTheSizesInvolved() {
        try (Arena arena = Arena.ofShared(); KernelPool pool = new KernelPool(1)) {
            MemorySegment w = arena.allocate(18 * 4);
            MemorySegment x = arena.allocate(4 * 64);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> FusedDequantGemv.gemv(pool, GgmlType.Q4_0, w, 4, 64, x, GgmlType.F32, new float[4]));
            assertTrue(e.getMessage().contains("needs 144"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> FusedDequantGemv.gemv(pool, GgmlType.Q4_0, w, 2, 48, x, GgmlType.F32, new float[2]));
            assertThrows(IllegalArgumentException.class,
                    () -> FusedDequantGemv.gemv(pool, GgmlType.Q5_K, w, 1, 256, x, GgmlType.F32, new float[1]));
        }
    }
}
