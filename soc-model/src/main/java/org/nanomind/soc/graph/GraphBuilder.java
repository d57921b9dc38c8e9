package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a graph from code, layer by layer, for the built-in model families: each call adds one operator
 * with the same work formulas the importers use and returns the name of the blob it writes. Shapes are
 * [c, h, w]; convolutions are BN-folded, their activation fused as exporters fuse it.
 */
public final class GraphBuilder {
    /**
     * An activation fused into a convolution: SiLU costs a sigmoid a value; ReLU and leaky ReLU one compare;
     * hard-swish x * relu6(x + 3) / 6 five operations.
     */
    public enum Act { NONE, RELU, SILU, RELU6, LEAKY, HARDSWISH }

    private final String name;
    private final Map<String, Shape> inputs = new LinkedHashMap<>();
    private final Map<String, Shape> blobs = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    public Shape shape(String blob) {
        return blobs.get(blob);
    }

    public String input(int c, int h, int w) {
        return input(Shape.of(c, h, w));
    }

    /** The graph's input, of any shape ([tokens] for a text encoder, [samples] for raw audio). */
    public String input(Shape s) {
        inputs.put("images", s);
        blobs.put("images", s);
        nodes.add(new Node("images", "Input", OperatorClass.DATA, List.of(), List.of("images"), List.of(s), 0, 0, 0, 0, 0, 0, false, 0));
        return "images";
    }

    private String add(String type, OperatorWork.Op op, List<String> in, Shape out, boolean moves) {
        String blob = type.toLowerCase(java.util.Locale.ROOT) + "_" + nodes.size();
        long read = moves ? in.stream().mapToLong(b -> blobs.get(b).elements()).sum() : 0;
        nodes.add(new Node(blob, type, op.cls(), in, List.of(blob), List.of(out), op.macs(), op.elementOps(), op.weights(), read,
                moves ? out.elements() : 0, op.narrowest(), false, 0));
        blobs.put(blob, out);
        return blob;
    }

    /**
     * A convolution with BN folded in and {@code act} fused, except SiLU, which exporters write as a Sigmoid and a
     * Mul (ONNX has no SiLU before opset 14, and Ultralytics exports at 12): two passes over the output. Padding
     * k / 2 (as Ultralytics' autopad) unless given.
     */
    public String conv(String in, int cOut, int k, int stride, int groups, Act act) {
        return conv(in, cOut, k, stride, k / 2, groups, act);
    }

    public String conv(String in, int cOut, int k, int stride, int pad, int groups, Act act) {
        return conv(in, cOut, new Window(k, k, stride, stride, pad, pad), groups, act);
    }

    /** A kh x kw window moved by (sh, sw) over an input padded by (ph, pw) on each side. */
    public record Window(int kh, int kw, int sh, int sw, int ph, int pw) {
        Shape over(Shape x, int c) {
            return NcnnShapes.chw(c, (x.h() + 2L * ph - kh) / sh + 1, (x.w() + 2L * pw - kw) / sw + 1);
        }
    }

    /** A convolution with a rectangular window (LPRNet's 3x1, 1x3, 1x4 and 13x1 kernels). */
    public String conv(String in, int cOut, Window win, int groups, Act act) {
        Shape x = blobs.get(in);
        Shape y = win.over(x, cOut);
        int stride = win.sh() == 1 && win.sw() == 1 ? 1 : Math.max(win.sh(), win.sw());
        OperatorWork.Op op = OperatorWork.conv(x, y, win.kh(), win.kw(), stride, 1, groups, true);
        int per = switch (act) {
            case RELU, RELU6, LEAKY -> 1;
            case HARDSWISH -> 5;
            case NONE, SILU -> 0;
        };
        op = new OperatorWork.Op(op.cls(), op.macs(), y.elements() * per, op.weights(), op.narrowest());
        String c = add("Conv", op, List.of(in), y, true);
        return act == Act.SILU ? mul(c, function("Sigmoid", c)) : c;
    }

    /** A transposed convolution of a k x k kernel and stride k (YOLOv6's learned 2x upsampling), with bias. */
    public String deconv(String in, int cOut, int k) {
        Shape x = blobs.get(in);
        Shape y = Shape.of(cOut, x.h() * k, x.w() * k);
        return add("ConvTranspose", OperatorWork.deconv(x, y, k, k, 1, true), List.of(in), y, true);
    }

    /** Space to depth by 2 (YOLOX's Focus): four strided slices concatenated, [c, h, w] to [4c, h/2, w/2]. */
    public String spaceToDepth(String in) {
        Shape x = blobs.get(in);
        return add("SpaceToDepth", OperatorWork.data(), List.of(in), Shape.of(4 * x.c(), x.h() / 2, x.w() / 2), true);
    }

    /**
     * Self-attention over the h x w positions of a feature map whose channels hold queries and keys of
     * {@code keyDim} and values of {@code valueDim} per head (YOLOv10's PSA): the scores, their softmax and
     * the weighted sum; the projections are the convolutions around it.
     */
    public String mapAttention(String qkv, int heads, int keyDim, int valueDim) {
        Shape x = blobs.get(qkv);
        long n = (long) x.h() * x.w();
        OperatorWork.Op op = new OperatorWork.Op(OperatorClass.ATTENTION, n * n * heads * (keyDim + valueDim),
                n * n * heads * OperatorWork.TRANSCENDENTAL_OPS, 0, Math.min(n, keyDim));
        return add("Attention", op, List.of(qkv), Shape.of(heads * valueDim, x.h(), x.w()), true);
    }

    public String mul(String a, String b) {
        Shape s = blobs.get(a);
        return add("Mul", OperatorWork.elementwise(OperatorClass.ELEMENTWISE, s.elements(), 1), List.of(a, b), s, true);
    }

    /** A 1-D convolution over [c, 1, length] (audio front ends), GELU or none after it. */
    public String conv1d(String in, int cOut, int k, int stride, int pad, int groups, boolean gelu) {
        Shape x = blobs.get(in);
        Shape y = NcnnShapes.chw(cOut, 1, (x.w() + 2L * pad - k) / stride + 1);
        OperatorWork.Op op = OperatorWork.conv(x, y, 1, k, stride, 1, groups, true);
        String c = add("Conv", op, List.of(in), y, true);
        return gelu ? function("Gelu", c) : c;
    }

    /** A sequence of {@code tokens} vectors of {@code width}: [tokens, width] from a feature map [width, 1, tokens] or an embedding. */
    public String sequence(String in, int tokens, int width) {
        return add("Reshape", OperatorWork.data(), List.of(in), Shape.of(tokens, width), true);
    }

    /** A sequence [tokens, width] seen as a 1-D feature map [width, 1, tokens] (a transpose) for a 1-D convolution. */
    public String featureMap(String in) {
        Shape s = blobs.get(in);
        return add("Transpose", OperatorWork.data(), List.of(in), Shape.of(s.w(), 1, s.h()), true);
    }

    /** Token embedding lookup: [tokens] ids to [tokens, width] rows of a vocab x width table. */
    public String embed(String in, int vocab, int width) {
        Shape s = blobs.get(in);
        OperatorWork.Op op = new OperatorWork.Op(OperatorClass.DATA, 0, 0, (long) vocab * width, 0);
        return add("Gather", op, List.of(in), Shape.of(s.w(), width), true);
    }

    /** A linear layer on every row of [rows, in] (bias included). */
    public String linear(String in, int out) {
        Shape s = blobs.get(in);
        return add("Gemm", OperatorWork.gemm(s.h(), s.w(), out, true, true), List.of(in), Shape.of(s.h(), out), true);
    }

    public String layerNorm(String in) {
        Shape s = blobs.get(in);
        return add("LayerNormalization", OperatorWork.elementwise(OperatorClass.NORMALIZATION, s.elements(), OperatorWork.NORMALIZATION_OPS),
                List.of(in), s, true);
    }

    /** Multi-head self-attention over [tokens, width] with its four projections. */
    public String attention(String in, int heads) {
        Shape s = blobs.get(in);
        OperatorWork.Op op = OperatorWork.attention(s.h(), s.h(), s.w(), s.w(), s.w(), heads);
        return add("Attention", op, List.of(in), s, true);
    }

    /** A pre-norm transformer layer: x + attention(norm(x)), then + MLP(norm) with GELU, hidden {@code mlp}. */
    public String transformerLayer(String x, int heads, int mlp) {
        String a = add(x, attention(layerNorm(x), heads));
        int width = blobs.get(a).w();
        return add(a, linear(function("Gelu", linear(layerNorm(a), mlp)), width));
    }

    public String add(String a, String b) {
        Shape s = blobs.get(a);
        return add("Add", OperatorWork.elementwise(OperatorClass.ELEMENTWISE, s.elements(), 1), List.of(a, b), s, true);
    }

    public String concat(List<String> in) {
        Shape f = blobs.get(in.getFirst());
        int c = in.stream().mapToInt(b -> blobs.get(b).c()).sum();
        return add("Concat", OperatorWork.data(), in, Shape.of(c, f.h(), f.w()), true);
    }

    /** Channels {@code from} .. {@code from + count} of a blob (a Split or Slice output). */
    public String channels(String in, int from, int count) {
        Shape s = blobs.get(in);
        if (from + count > s.c()) {
            throw new IllegalArgumentException("channels " + from + ".." + (from + count) + " of " + s);
        }
        return add("Slice", OperatorWork.data(), List.of(in), Shape.of(count, s.h(), s.w()), true);
    }

    public String upsample(String in, int factor) {
        Shape s = blobs.get(in);
        Shape y = Shape.of(s.c(), s.h() * factor, s.w() * factor);
        return add("Resize", new OperatorWork.Op(OperatorClass.DATA, 0, y.elements(), 0, 0), List.of(in), y, true);
    }

    public String maxPool(String in, int k, int stride, int pad) {
        return pool("MaxPool", in, new Window(k, k, stride, stride, pad, pad), 1);
    }

    /**
     * A max or average pool over a window, keeping every {@code channelStride}-th channel (LPRNet's MaxPool3d
     * with a kernel of 1 across channels strides them too).
     */
    public String pool(String type, String in, Window win, int channelStride) {
        Shape s = blobs.get(in);
        Shape y = win.over(s, (s.c() - 1) / channelStride + 1);
        return add(type, OperatorWork.elementwise(OperatorClass.POOLING, y.elements() * win.kh() * win.kw(), 1), List.of(in), y, true);
    }

    public String globalPool(String in) {
        Shape s = blobs.get(in);
        return add("GlobalAveragePool", OperatorWork.elementwise(OperatorClass.POOLING, s.elements(), 1), List.of(in),
                Shape.of(s.c(), 1, 1), true);
    }

    /** A fully connected layer over a flattened blob. */
    public String dense(String in, int out) {
        Shape s = blobs.get(in);
        return add("Gemm", OperatorWork.gemm(1, s.elements(), out, true, true), List.of(in), Shape.of(out), true);
    }

    /** An element-wise function of one input (sigmoid, softmax): transcendental cost per value. */
    /**
     * A scalar scale and bias after an activation (PaddleOCR's LearnableAffineBlock): exported as a Mul and an Add
     * by constants, which no converter can fold into the convolution before them, the activation being between.
     */
    public String affine(String in) {
        Shape s = blobs.get(in);
        String m = add("Mul", OperatorWork.elementwise(OperatorClass.ELEMENTWISE, s.elements(), 1), List.of(in), s, true);
        return add("Add", OperatorWork.elementwise(OperatorClass.ELEMENTWISE, s.elements(), 1), List.of(m), s, true);
    }

    public String function(String type, String in) {
        Shape s = blobs.get(in);
        return add(type, OperatorWork.elementwise(OperatorClass.ELEMENTWISE, s.elements(), OperatorWork.TRANSCENDENTAL_OPS), List.of(in), s, true);
    }

    public Graph build() {
        return new Graph(name, "built-in " + name, inputs, nodes);
    }
}
