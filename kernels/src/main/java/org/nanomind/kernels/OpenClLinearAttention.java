package org.nanomind.kernels;

import static org.jocl.CL.*;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** Streaming linear attention on an OpenCL device (linear_attention.cl); S and z stay on the device. */
public final class OpenClLinearAttention implements AutoCloseable {
    private static final String SOURCE = "/org/nanomind/kernels/linear_attention.cl";
    private final OpenCl cl;
    private final int heads;
    private final int keyDim;
    private final int valueDim;
    private final cl_mem s;
    private final cl_mem z;

    public OpenClLinearAttention(OpenCl cl, int heads, int keyDim, int valueDim) {
        if (heads < 1 || keyDim < 1 || valueDim < 1) {
            throw new IllegalArgumentException("linear attention shape must be positive");
        }
        this.cl = cl;
        this.heads = heads;
        this.keyDim = keyDim;
        this.valueDim = valueDim;
        this.s = zeros((long) heads * keyDim * valueDim);
        this.z = zeros((long) heads * keyDim);
    }

    private cl_mem zeros(long n) {
        return clCreateBuffer(cl.context(), CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n * Sizeof.cl_float,
                Pointer.to(new float[(int) n]), null);
    }

    /** Same contract as {@link LinearAttention#step}. */
    public Work step(float[] q, float[] k, float[] v, float[] out) {
        cl_mem qb = upload(q, heads * keyDim);
        cl_mem kb = upload(k, heads * keyDim);
        cl_mem vb = upload(v, heads * valueDim);
        cl_mem ob = clCreateBuffer(cl.context(), CL_MEM_WRITE_ONLY, (long) heads * valueDim * Sizeof.cl_float, null, null);
        try {
            synchronized (cl) {
                cl_kernel outK = cl.kernel(SOURCE, "linear_attention_out", "");
                int a = 0;
                for (cl_mem m : new cl_mem[] {s, z, qb, kb, vb, ob}) {
                    clSetKernelArg(outK, a++, Sizeof.cl_mem, Pointer.to(m));
                }
                clSetKernelArg(outK, a++, Sizeof.cl_int, Pointer.to(new int[] {keyDim}));
                clSetKernelArg(outK, a, Sizeof.cl_int, Pointer.to(new int[] {valueDim}));
                clEnqueueNDRangeKernel(cl.queue(), outK, 2, null, new long[] {valueDim, heads}, null, 0, null, null);

                cl_kernel zK = cl.kernel(SOURCE, "linear_attention_z", "");
                clSetKernelArg(zK, 0, Sizeof.cl_mem, Pointer.to(z));
                clSetKernelArg(zK, 1, Sizeof.cl_mem, Pointer.to(kb));
                clSetKernelArg(zK, 2, Sizeof.cl_int, Pointer.to(new int[] {keyDim}));
                clEnqueueNDRangeKernel(cl.queue(), zK, 2, null, new long[] {keyDim, heads}, null, 0, null, null);
                clEnqueueReadBuffer(cl.queue(), ob, CL_TRUE, 0, (long) heads * valueDim * Sizeof.cl_float,
                        Pointer.to(out), 0, null, null);
            }
        } finally {
            for (cl_mem m : new cl_mem[] {qb, kb, vb, ob}) {
                clReleaseMemObject(m);
            }
        }
        return Work.linearAttention(heads, keyDim, valueDim);
    }

    private cl_mem upload(float[] a, int n) {
        if (a.length < n) {
            throw new IllegalArgumentException("need " + n + " values, got " + a.length);
        }
        return clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, (long) n * Sizeof.cl_float,
                Pointer.to(a), null);
    }

    @Override
    public void close() {
        clReleaseMemObject(s);
        clReleaseMemObject(z);
    }
}
