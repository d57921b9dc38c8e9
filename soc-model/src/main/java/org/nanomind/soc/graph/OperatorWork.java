package org.nanomind.soc.graph;

import java.util.List;

/**
 * The work formulas of graph operators, written once for every importer: a convolution or a GEMM is the
 * same arithmetic whether it came from ncnn or ONNX. Each returns the operator's multiply-accumulates or
 * element operations, its weights, and the activation elements it reads and writes.
 */
public final class OperatorWork {
    /**
     * Element operations of one value through a transcendental function (exp, sigmoid, tanh, erf): ncnn's
     * and the Arm Compute Library's vector exp is a degree-5 polynomial after a range reduction, about ten
     * vector instructions per lane group (E: read from ncnn's neon_mathfun.h).
     */
    public static final int TRANSCENDENTAL_OPS = 10;
    /** A normalization reads a value twice (statistics, then normalize and scale): about four operations. */
    public static final int NORMALIZATION_OPS = 4;

    private OperatorWork() {
    }

    /** What an importer knows of an operator before it becomes a node. */
    public record Op(OperatorClass cls, long macs, long elementOps, long weights, long narrowest) {
    }

    /**
     * A 2-D convolution from {@code in} ([c, h, w]) to {@code out} with {@code groups} groups and a kh x kw
     * kernel: each output value is a dot product of length (cin / groups) x kh x kw.
     */
    public static Op conv(Shape in, Shape out, int kh, int kw, int stride, int dilation, int groups, boolean bias) {
        long k = (long) in.c() / groups * kh * kw;
        long macs = out.elements() * k;
        long weights = (long) out.c() * k + (bias ? out.c() : 0);
        boolean depthwise = groups > 1 && groups == in.c() && out.c() % groups == 0 && out.c() / groups == 1;
        long pixels = (long) out.h() * out.w();
        if (depthwise) {
            // One filter a channel: vectorized over pixels and channels, never a GEMM's reduction.
            return new Op(OperatorClass.CONV_DEPTHWISE, macs, 0, weights, Math.min(pixels, out.c()));
        }
        OperatorClass cls = kh == 1 && kw == 1 && groups == 1 ? OperatorClass.CONV_1X1
                : kh == 3 && kw == 3 && stride == 1 && dilation == 1 && groups == 1 ? OperatorClass.CONV_3X3S1 : OperatorClass.CONV;
        long narrowest = Math.min(Math.min((long) out.c() / groups, k), pixels);
        return new Op(cls, macs, 0, weights, narrowest);
    }

    /**
     * A transposed convolution: every input value is scattered through a kh x kw kernel into (cout / groups)
     * output channels.
     */
    public static Op deconv(Shape in, Shape out, int kh, int kw, int groups, boolean bias) {
        long perIn = (long) out.c() / groups * kh * kw;
        long macs = in.elements() * perIn;
        long weights = (long) in.c() * perIn + (bias ? out.c() : 0);
        OperatorClass cls = groups > 1 && groups == in.c() ? OperatorClass.CONV_DEPTHWISE : OperatorClass.CONV;
        long narrowest = Math.min(Math.min((long) out.c() / groups, (long) in.c() / groups), (long) in.h() * in.w());
        return new Op(cls, macs, 0, weights, narrowest);
    }

    /** rows x [k] times a [k x n] matrix: a GEMM, or a GEMV when there is one row. */
    public static Op gemm(long rows, long k, long n, boolean constantWeights, boolean bias) {
        long weights = constantWeights ? k * n + (bias ? n : 0) : 0;
        return new Op(rows == 1 ? OperatorClass.GEMV : OperatorClass.GEMM, rows * k * n, 0, weights,
                Math.min(Math.min(rows, k), n));
    }

    /**
     * Multi-head attention of {@code lq} queries over {@code lk} keys with embedding {@code e} (keys and
     * values of widths {@code kdim} and {@code vdim}): the four projections, the scores and the weighted sum.
     */
    public static Op attention(long lq, long lk, long e, long kdim, long vdim, int heads) {
        long projections = lq * e * e + lk * kdim * e + lk * vdim * e + lq * e * e;
        long macs = projections + 2 * lq * lk * e;
        long weights = 2 * e * e + kdim * e + vdim * e + 4 * e;
        return new Op(OperatorClass.ATTENTION, macs, lq * lk * heads * TRANSCENDENTAL_OPS, weights,
                Math.min(Math.min(lq, lk), e / heads));
    }

    /** A pass over {@code elements} values at {@code opsPerElement} operations each. */
    public static Op elementwise(OperatorClass cls, long elements, int opsPerElement) {
        return new Op(cls, 0, elements * opsPerElement, 0, 0);
    }

    /** Moving or rearranging values: no arithmetic, only bytes. */
    public static Op data() {
        return new Op(OperatorClass.DATA, 0, 0, 0, 0);
    }

    static long elements(List<Shape> shapes) {
        return shapes.stream().mapToLong(Shape::elements).sum();
    }
}
