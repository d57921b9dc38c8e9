package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The many-row GEMV (each activation vector loaded once for RowDots.ROWS rows) gives every row bit for bit what
 * the one-row kernel gives it, whatever rows a thread's range groups: 1, 2 and 3 threads over odd row counts. The
 * types without a many-row kernel are held to the same through their own row loops (RowDots.range).
 */
class ManyRowsTest {
    @ParameterizedTest
    @CsvSource({"Q8_0, 37, 256", "Q8_0, 64, 96", "Q8_0, 9, 32", "Q8_0, 131, 1024", "Q4_0, 37, 256", "Q4_K, 37, 512", "Q2_K, 9, 256", "F16, 9, 64", "F32, 5, 40"})
    void everyRowIsTheOneRowKernelsBitForBit(GgmlType type, int rows, int cols) {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(rows * 31L + cols);
            float[] wf = new float[rows * cols];
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) r.nextGaussian();
            }
            float[] xf = new float[cols];
            for (int i = 0; i < cols; i++) {
                xf[i] = (float) r.nextGaussian();
            }
            MemorySegment w = Formats.quantize(type, wf, arena);
            MemorySegment x = Formats.quantize(GgmlType.F32, xf, arena);
            RowDots.Input in = RowDots.Input.of(xf);
            long rowBytes = type.bytesFor(cols);
            float[] one = new float[rows];
            for (int i = 0; i < rows; i++) {
                one[i] = RowDots.dot(type, w, i * rowBytes, cols, in);
            }
            for (int threads = 1; threads <= 3; threads++) {
                float[] y = new float[rows];
                try (KernelPool pool = new KernelPool(threads)) {
                    FusedDequantGemv.gemv(pool, type, w, rows, cols, x, GgmlType.F32, y);
                }
                for (int i = 0; i < rows; i++) {
                    assertEquals(Float.floatToRawIntBits(one[i]), Float.floatToRawIntBits(y[i]),
                            type + " row " + i + " of " + rows + " with " + threads + " threads: " + one[i] + " vs " + y[i]);
                }
            }
        }
    }
}
