package org.nanomind.kernels;

import static org.jocl.CL.*;

import java.lang.foreign.MemorySegment;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The OpenCL fused dequant-GEMM for Q4_0 weights (q4_0_gemm.cl): weights are uploaded once to a device
 * buffer ({@link #upload}), then each call sends the activations and reads the outputs back.
 */
public final class OpenClGemm {
    private static final String SOURCE = "/org/nanomind/kernels/q4_0_gemm.cl";
    private static final int LOCAL = 32;
    private final OpenCl cl;

    public OpenClGemm(OpenCl cl) {
        this.cl = cl;
    }

    /** Q4_0 weights resident on the device; release them with {@link #close()}. */
    public final class Weights implements AutoCloseable {
        final cl_mem buffer;
        final int rows;
        final int cols;

        private Weights(cl_mem buffer, int rows, int cols) {
            this.buffer = buffer;
            this.rows = rows;
            this.cols = cols;
        }

        @Override
        public void close() {
            clReleaseMemObject(buffer);
        }
    }

    public Weights upload(MemorySegment w, int rows, int cols) {
        long bytes = GgmlType.Q4_0.bytesFor((long) rows * cols);
        if (w.byteSize() < bytes) {
            throw new IllegalArgumentException("Q4_0 weights hold " + w.byteSize() + " bytes; " + rows + "x" + cols + " needs " + bytes);
        }
        cl_mem buf = clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes,
                Pointer.to(w.asSlice(0, bytes).asByteBuffer()), null);
        return new Weights(buf, rows, cols);
    }

    /** Y[tokens x rows] = act(X W^T + bias), X holding {@code tokens x cols} values of F32 or F16. */
    public Work gemm(Weights w, MemorySegment x, GgmlType xType, int tokens, float[] y, float[] bias, Activation act) {
        int width = Work.activationWidth(xType);
        long xBytes = (long) tokens * w.cols * width;
        if (x.byteSize() < xBytes || y.length < (long) tokens * w.rows || (bias != null && bias.length < w.rows)) {
            throw new IllegalArgumentException("OpenCL GEMM " + tokens + "x" + w.cols + " by " + w.rows + "x" + w.cols
                    + ": activations hold " + x.byteSize() + " bytes (need " + xBytes + "), output " + y.length);
        }
        cl_kernel k = cl.kernel(SOURCE, "q4_0_gemm", xType == GgmlType.F16 ? "-DX_HALF" : "");
        cl_mem xBuf = clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, xBytes,
                Pointer.to(x.asSlice(0, xBytes).asByteBuffer()), null);
        cl_mem yBuf = clCreateBuffer(cl.context(), CL_MEM_WRITE_ONLY, (long) tokens * w.rows * Sizeof.cl_float, null, null);
        float[] b = bias == null ? new float[1] : bias;
        cl_mem bBuf = clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) b.length * Sizeof.cl_float, Pointer.to(b), null);
        try {
            synchronized (cl) {
                int a = 0;
                clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(w.buffer));
                clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(xBuf));
                clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(yBuf));
                clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(bBuf));
                clSetKernelArg(k, a++, Sizeof.cl_int, Pointer.to(new int[] {bias == null ? 0 : 1}));
                clSetKernelArg(k, a++, Sizeof.cl_int, Pointer.to(new int[] {act.ordinal()}));
                clSetKernelArg(k, a++, Sizeof.cl_int, Pointer.to(new int[] {w.rows}));
                clSetKernelArg(k, a++, Sizeof.cl_int, Pointer.to(new int[] {w.cols}));
                clSetKernelArg(k, a++, (long) (w.cols / 32) * Sizeof.cl_float, null);
                clSetKernelArg(k, a, (long) LOCAL * Sizeof.cl_float, null);
                clEnqueueNDRangeKernel(cl.queue(), k, 2, null, new long[] {(long) w.rows * LOCAL, tokens},
                        new long[] {LOCAL, 1}, 0, null, null);
                clEnqueueReadBuffer(cl.queue(), yBuf, CL_TRUE, 0, (long) tokens * w.rows * Sizeof.cl_float,
                        Pointer.to(y), 0, null, null);
            }
        } finally {
            clReleaseMemObject(xBuf);
            clReleaseMemObject(yBuf);
            clReleaseMemObject(bBuf);
        }
        return Work.gemm(GgmlType.Q4_0, w.rows, w.cols, tokens, xType);
    }
}
