package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private final Arena arena = Arena.ofAuto();

    private MemorySegment bytes(int... b) {
        MemorySegment s = arena.allocate(b.length);
        for (int i = 0; i < b.length; i++) {
            Mem.putU8(s, i, b[i]);
        }
        return s;
    }

    @Test
    void blockGeometryIsGgmls() {
        assertEquals(18, GgmlType.Q4_0.typeSize());
        assertEquals(34, GgmlType.Q8_0.typeSize());
        assertEquals(144, GgmlType.Q4_K.typeSize());
        assertEquals(84, GgmlType.Q2_K.typeSize());
        assertEquals(4.5, GgmlType.Q4_0.bitsPerWeight());
        assertEquals(2.625, GgmlType.Q2_K.bitsPerWeight());
        assertEquals(1024 * 18L, GgmlType.Q4_0.bytesFor(32 * 1024));
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q4_K.bytesFor(100));
    }

    @Test
    void aHandBuiltQ4_0BlockDecodesToKnownValues() {
        // d = 0.5 (FP16 0x3800); byte j: low nibble j, high nibble 15 - j.
        int[] b = new int[18];
        b[0] = 0x00;
        b[1] = 0x38;
        for (int j = 0; j < 16; j++) {
            b[2 + j] = j | ((15 - j) << 4);
        }
        float[] y = Formats.dequantize(GgmlType.Q4_0, bytes(b), 32);
        for (int j = 0; j < 16; j++) {
            assertEquals((j - 8) * 0.5f, y[j], "weight " + j);
            assertEquals((15 - j - 8) * 0.5f, y[j + 16], "weight " + (j + 16));
        }
    }

    @Test
    void aHandBuiltQ8_0BlockDecodesToKnownValues() {
        int[] b = new int[34];
        b[0] = 0x00;
        b[1] = 0x3C; // d = 1.0
        for (int j = 0; j < 32; j++) {
            b[2 + j] = (j - 16) & 0xff;
        }
        float[] y = Formats.dequantize(GgmlType.Q8_0, bytes(b), 32);
        for (int j = 0; j < 32; j++) {
            assertEquals(j - 16, y[j]);
        }
    }

    @Test
    void aHandBuiltQ4_KBlockDecodesToKnownValues() {
        int[] b = new int[144];
        b[1] = 0x3C; // d = 1.0
        b[3] = 0x38; // dmin = 0.5
        // sub-blocks 0..3: scale j+1, min j; sub-blocks 4..7: scale 40+j (needs the high bits), min 2.
        for (int j = 0; j < 4; j++) {
            int hiScale = 40 + j + 4;
            b[4 + j] = (j + 1) | ((hiScale >> 4) << 6);
            b[4 + j + 4] = j | ((2 >> 4) << 6);
            b[4 + j + 8] = (hiScale & 0xF) | ((2 & 0xF) << 4);
        }
        for (int l = 0; l < 128; l++) {
            b[16 + l] = (l % 16) | (((l + 3) % 16) << 4);
        }
        float[] y = Formats.dequantize(GgmlType.Q4_K, bytes(b), 256);
        for (int sub = 0; sub < 8; sub++) {
            int scale = sub < 4 ? sub + 1 : 40 + sub;
            int min = sub < 4 ? sub : 2;
            int chunk = sub / 2;
            for (int l = 0; l < 32; l++) {
                int q = sub % 2 == 0 ? (32 * chunk + l) % 16 : (32 * chunk + l + 3) % 16;
                assertEquals(1.0f * scale * q - 0.5f * min, y[32 * sub + l], "sub-block " + sub + " weight " + l);
            }
        }
    }

    @Test
    void aHandBuiltQ2_KBlockDecodesToKnownValues() {
        int[] b = new int[84];
        for (int j = 0; j < 16; j++) {
            b[j] = (j % 16) | ((15 - j) << 4); // scale j, min 15 - j
        }
        for (int l = 0; l < 64; l++) {
            b[16 + l] = 0b11_10_01_00; // shift 0 -> 0, 2 -> 1, 4 -> 2, 6 -> 3
        }
        b[80] = 0x00;
        b[81] = 0x38; // d = 0.5
        b[83] = 0x3C; // dmin = 1.0
        float[] y = Formats.dequantize(GgmlType.Q2_K, bytes(b), 256);
        for (int i = 0; i < 256; i++) {
            int sub = i / 16;
            int q = (i % 128) / 32;
            assertEquals(0.5f * sub * q - 1.0f * (15 - sub), y[i], "weight " + i);
        }
    }

    @Test
    void valuesOnTheQ4_0GridRoundTripExactly() {
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = ((i * 7) % 16 - 8) * 0.25f;
        }
        x[5] = -2.0f; // the largest magnitude is negative, so d = 0.25 exactly
        x[37] = -2.0f;
        assertArrayEquals(x, Formats.dequantize(GgmlType.Q4_0, Formats.quantize(GgmlType.Q4_0, x, arena), 64));
    }

    @Test
    void valuesOnTheQ8_0GridRoundTripExactly() {
        float[] x = new float[32];
        for (int i = 0; i < 32; i++) {
            x[i] = (i * 37 % 255 - 127) / 8.0f;
        }
        x[0] = 127 / 8.0f; // amax = 127 d with d = 1/8
        assertArrayEquals(x, Formats.dequantize(GgmlType.Q8_0, Formats.quantize(GgmlType.Q8_0, x, arena), 32));
    }

    /** Relative RMS error on Gaussian weights, and the worst error against the block's largest magnitude. */
    private double[] errors(GgmlType type, int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] y = Formats.dequantize(type, Formats.quantize(type, x, arena), n);
        double se = 0;
        double sx = 0;
        double worst = 0;
        for (int b = 0; b < n / 32; b++) {
            double amax = 0;
            for (int i = 32 * b; i < 32 * b + 32; i++) {
                amax = Math.max(amax, Math.abs(x[i]));
            }
            for (int i = 32 * b; i < 32 * b + 32; i++) {
                se += (x[i] - y[i]) * (x[i] - y[i]);
                sx += x[i] * x[i];
                worst = Math.max(worst, Math.abs(x[i] - y[i]) / amax);
            }
        }
        return new double[] {Math.sqrt(se / sx), worst};
    }

    @Test
    void quantizationErrorStaysWithinEachFormatsBound() {
        int n = 256 * 64;
        double[] q8 = errors(GgmlType.Q8_0, n, 1);
        double[] q4 = errors(GgmlType.Q4_0, n, 1);
        double[] q4k = errors(GgmlType.Q4_K, n, 1);
        double[] q2k = errors(GgmlType.Q2_K, n, 1);
        double[] q5k = errors(GgmlType.Q5_K, n, 1);
        double[] q6k = errors(GgmlType.Q6_K, n, 1);
        // Q8_0: half a step of amax/127, plus the FP16 rounding of d (2^-11 relative, times 127 steps).
        assertTrue(q8[1] <= 1 / 254.0 + 127 / 127.0 / 2048 + 1e-6, "Q8_0 worst " + q8[1]);
        // Q4_0: the largest magnitude sits on -8 d; its opposite may clamp at +7 d: one step of amax/8.
        assertTrue(q4[1] <= 1 / 8.0 * (1 + 1.0 / 1024), "Q4_0 worst " + q4[1]);
        // RMS: 8 bits about 0.5 %, 4 bits about 10 %, K-quants better than plain 4 bits, 2 bits about 35 %.
        assertTrue(q8[0] < 0.01, "Q8_0 rms " + q8[0]);
        assertTrue(q4[0] < 0.12, "Q4_0 rms " + q4[0]);
        assertTrue(q4k[0] < q4[0] && q4k[0] < 0.10, "Q4_K rms " + q4k[0] + " vs Q4_0 " + q4[0]);
        assertTrue(q2k[0] > q4[0] && q2k[0] < 0.45, "Q2_K rms " + q2k[0]);
        // Each bit halves the error: Q5_K about half Q4_K's, Q6_K half again, still above Q8_0.
        assertTrue(q5k[0] < 0.6 * q4k[0] && q6k[0] < 0.6 * q5k[0] && q6k[0] > q8[0], "Q5_K " + q5k[0] + ", Q6_K " + q6k[0]);
    }

    @Test
    void zeroBlocksStayZero() {
        for (GgmlType t : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K}) {
            float[] y = Formats.dequantize(t, Formats.quantize(t, new float[256], arena), 256);
            for (float v : y) {
                assertEquals(0.0f, v, 0.0f, t + " of zeros (ggml's Q4_0 gives -0.0, which equals 0)");
            }
        }
    }

    @Test
    void partialBlocksAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Formats.quantize(GgmlType.Q4_K, new float[100], arena));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Formats.quantize(GgmlType.Q3_K, new float[256], arena), "no Q3_K quantizer");
    }
}
