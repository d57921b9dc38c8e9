package org.nanomind.soc.graph;

/**
 * What an operator costs like, named as in platform files' efficiency tables. Operators of one class share
 * an efficiency because they run on the same kind of kernel: a dense convolution and a depthwise one differ
 * by an order of magnitude in arithmetic per byte and in how well they fill SIMD lanes, which one
 * efficiency per unit could not express.
 */
public enum OperatorClass {
    /** Dense or grouped convolution with a kernel larger than 1x1, other than 3x3 stride 1 (im2col GEMM). */
    CONV("conv", true),
    /**
     * Dense 3x3 convolution with stride and dilation 1: the shape for which runtimes use Winograd's minimal
     * filtering. F(4x4, 3x3) multiplies 36 times for 16 outputs where a direct convolution multiplies 144
     * times, so its efficiency, counted in direct multiply-accumulates, may reach 4 (Lavin and Gray 2016).
     */
    CONV_3X3S1("conv_3x3s1", true, 4.0),
    /** One filter per channel: little reuse, bound by loads. */
    CONV_DEPTHWISE("conv_depthwise", true),
    /** Pointwise convolution: a plain GEMM over the pixels. */
    CONV_1X1("conv_1x1", true),
    /** Fully connected layers, Gemm and MatMul with more than one row of activations. */
    GEMM("gemm", true),
    /** One row of activations through a weight matrix (LLM decode): bound by weight bytes. */
    GEMV("gemv", true),
    /** Scaled dot-product attention, scores and weighted sum. */
    ATTENTION("attention", true),
    /** Activations, element-wise binary ops, softmax: a pass over the values. */
    ELEMENTWISE("elementwise", false),
    POOLING("pooling", false),
    NORMALIZATION("normalization", false),
    /** Resize, concat, split, slice, crop, permute, reshape, padding, channel shuffle: bytes moved. */
    DATA("data", false),
    /**
     * Detection heads' decoding and non-maximum suppression: branchy scalar code, always on the CPU. ncnn's heads
     * split their scans over anchors or classes with OpenMP (src/layer/*detectionoutput.cpp), as convolutions split
     * theirs over channels, so threads share them out as they do multiply-accumulates.
     */
    POSTPROCESS("postprocess", false, 1.0, true);

    private final String key;
    private final boolean macs;
    private final double maxEfficiency;
    private final boolean parallelLikeMacs;

    OperatorClass(String key, boolean macs) {
        this(key, macs, 1.0, macs);
    }

    OperatorClass(String key, boolean macs, double maxEfficiency) {
        this(key, macs, maxEfficiency, macs);
    }

    OperatorClass(String key, boolean macs, double maxEfficiency, boolean parallelLikeMacs) {
        this.key = key;
        this.macs = macs;
        this.maxEfficiency = maxEfficiency;
        this.parallelLikeMacs = parallelLikeMacs;
    }

    /** The highest efficiency the class can reach, counted against its direct multiply-accumulates. */
    public double maxEfficiency() {
        return maxEfficiency;
    }

    /** The name used in platform files. */
    public String key() {
        return key;
    }

    /** Whether the class's work is multiply-accumulates (else it is element operations). */
    public boolean countsMacs() {
        return macs;
    }

    /**
     * Whether threads share the class's work out as they share multiply-accumulates (a runtime's main parallel
     * fraction): the MAC classes and detection heads. The other classes are bound by memory and per-channel loops.
     */
    public boolean parallelLikeMacs() {
        return parallelLikeMacs;
    }

    public static OperatorClass ofKey(String key) {
        for (OperatorClass c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown operator class '" + key + "'");
    }
}
