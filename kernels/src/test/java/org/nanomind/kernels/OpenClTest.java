package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL kernels on a real device (PoCL's CPU device in CI, which .ci/run installs) against the Java
 * reference. Skipped only on a machine without any OpenCL platform, and never under CI.
 */
class OpenClTest {
    private static OpenCl cl;

    @BeforeAll
    static void openDevice() {
        try {
            cl = OpenCl.open();
        } catch (OpenClUnavailableException e) {
            if (System.getenv("CI") != null) {
                fail("CI installs PoCL, yet: " + e.getMessage());
            }
            System.err.println("SKIPPED OpenClTest: no OpenCL device (" + e.getMessage() + "); install PoCL's CPU device with"
                    + " `sudo apt-get install pocl-opencl-icd ocl-icd-libopencl1` (bash .ci/run installs every tool the tests need)");
            Assumptions.abort(e.getMessage() + ": sudo apt-get install pocl-opencl-icd");
        }
    }

    @AfterAll
    static void closeDevice() {
        if (cl != null) {
            cl.close();
        }
    }

    @Test
    void theDeviceHasAName() {
        assertTrue(!cl.deviceName().isBlank());
    }

    @Test
    void q4_0GemmMatchesTheReferenceForFp32AndFp16ActivationsWithEpilogue() {
        Random r = new Random(17);
        int rows = 45;
        int cols = 32 * 13;
        int tokens = 3;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment w = Formats.quantize(GgmlType.Q4_0, FusedDequantGemvTest.gaussian(r, rows * cols), arena);
            float[] bias = FusedDequantGemvTest.gaussian(r, rows);
            OpenClGemm gemm = new OpenClGemm(cl);
            try (OpenClGemm.Weights dev = gemm.upload(w, rows, cols)) {
                for (GgmlType xType : new GgmlType[] {GgmlType.F32, GgmlType.F16}) {
                    for (Activation act : Activation.values()) {
                        MemorySegment x = Formats.quantize(xType, FusedDequantGemvTest.gaussian(r, tokens * cols), arena);
                        double[] mag = new double[tokens * rows];
                        float[] ref;
                        Work counted;
                        try (LoadCount c = LoadCount.open().watch("w", w).watch("x", x)) {
                            ref = Reference.gemm(GgmlType.Q4_0, w, rows, cols, x, xType, tokens, bias, act, mag);
                            counted = c.work("w", "x", null);
                        }
                        float[] y = new float[tokens * rows];
                        Work work = gemm.gemm(dev, x, xType, tokens, y, bias, act);
                        for (int i = 0; i < y.length; i++) {
                            assertEquals(ref[i], y[i], 1e-5 * mag[i] + 1e-5, xType + " " + act + " output " + i);
                        }
                        // The device's loads are not observable from Java: its charge is held to the reference's counts.
                        assertEquals(counted, work);
                    }
                }
            }
        }
    }

    @Test
    void openClAndVectorApiGemvAgree() {
        Random r = new Random(5);
        int rows = 64;
        int cols = 1024;
        try (Arena arena = Arena.ofShared(); KernelPool pool = new KernelPool(2)) {
            MemorySegment w = Formats.quantize(GgmlType.Q4_0, FusedDequantGemvTest.gaussian(r, rows * cols), arena);
            MemorySegment x = Formats.quantize(GgmlType.F32, FusedDequantGemvTest.gaussian(r, cols), arena);
            float[] java = new float[rows];
            FusedDequantGemv.gemv(pool, GgmlType.Q4_0, w, rows, cols, x, GgmlType.F32, java);
            OpenClGemm gemm = new OpenClGemm(cl);
            float[] gpu = new float[rows];
            try (OpenClGemm.Weights dev = gemm.upload(w, rows, cols)) {
                gemm.gemm(dev, x, GgmlType.F32, 1, gpu, null, Activation.NONE);
            }
            for (int i = 0; i < rows; i++) {
                assertEquals(java[i], gpu[i], 1e-4 * Math.max(1, Math.abs(java[i])), "row " + i);
            }
        }
    }

    @Test
    void linearAttentionOnTheDeviceMatchesTheStreamingJavaKernel() {
        Random r = new Random(9);
        int heads = 3;
        int dk = 20;
        int dv = 13;
        LinearAttention java = new LinearAttention(heads, dk, dv);
        try (OpenClLinearAttention dev = new OpenClLinearAttention(cl, heads, dk, dv)) {
            for (int t = 0; t < 25; t++) {
                float[] q = FusedDequantGemvTest.gaussian(r, heads * dk);
                float[] k = FusedDequantGemvTest.gaussian(r, heads * dk);
                float[] v = FusedDequantGemvTest.gaussian(r, heads * dv);
                float[] a = new float[heads * dv];
                float[] b = new float[heads * dv];
                java.step(q, k, v, a);
                dev.step(q, k, v, b);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])), "token " + t + " value " + i);
                }
            }
        }
    }
}
