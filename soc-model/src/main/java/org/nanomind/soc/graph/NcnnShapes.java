package org.nanomind.soc.graph;

import java.util.List;
import java.util.Set;

/**
 * What each ncnn layer type does to shapes, and its work: the parameter ids and defaults are ncnn's own
 * (src/layer/*.cpp, load_param). ncnn blobs are (w, h, c); shapes here are [c, h, w], outermost first.
 */
final class NcnnShapes {
    /** The layer types this reader understands; any other is refused with this list. */
    static final Set<String> KNOWN = Set.of("Input", "Convolution", "ConvolutionDepthWise", "Deconvolution",
            "DeconvolutionDepthWise", "Pooling", "InnerProduct", "Gemm", "MatMul", "MultiHeadAttention", "Eltwise",
            "BinaryOp", "ReLU", "Clip", "Sigmoid", "Swish", "HardSwish", "HardSigmoid", "TanH", "GELU", "ELU", "Mish",
            "PReLU", "Exp", "UnaryOp", "Softmax", "BatchNorm", "Scale", "LayerNorm", "GroupNorm", "InstanceNorm", "RMSNorm",
            "LRN", "Normalize", "Split", "Concat", "Slice", "Crop", "Reshape", "Flatten", "Permute", "ShuffleChannel",
            "Padding", "Interp", "Reduction", "MemoryData", "Noop", "Dropout", "Quantize", "Dequantize", "Requantize",
            "PriorBox", "DetectionOutput", "Yolov3DetectionOutput", "YoloDetectionOutput");

    /** An inferred layer: its output shapes, its work, whether the file quantized it, and whether it moves no bytes. */
    record Result(List<Shape> outputs, OperatorWork.Op op, boolean int8, boolean free) {
    }

    private NcnnShapes() {
    }

    /** An Input layer's shape from its own parameters (0=w, 1=h, 2=c), as ncnn's Input layer reads them. */
    static Shape inputShape(NcnnLayer l) {
        return blob(l.integer(0, 0), l.integer(1, 0), l.integer(2, 0), l);
    }

    static Result infer(NcnnLayer l, List<Shape> in) {
        if (!KNOWN.contains(l.type())) {
            throw l.error("unknown layer type (known: " + KNOWN.stream().sorted().toList() + ")");
        }
        int needs = switch (l.type()) {
            case "MemoryData" -> 0;
            case "Eltwise", "Concat" -> -1;
            default -> 1;
        };
        if (needs == 1 && in.isEmpty() || needs == -1 && in.isEmpty()) {
            throw l.error("needs at least one input blob");
        }
        Shape x = in.isEmpty() ? null : in.getFirst();
        return switch (l.type()) {
            case "Convolution", "ConvolutionDepthWise" -> conv(l, x);
            case "Deconvolution", "DeconvolutionDepthWise" -> deconv(l, x);
            case "Pooling" -> NcnnPooling.pool(l, x);
            case "InnerProduct" -> innerProduct(l, x);
            case "Gemm" -> NcnnMatrix.gemm(l, in);
            case "MatMul" -> NcnnMatrix.matmul(l, in);
            case "MultiHeadAttention" -> NcnnMatrix.attention(l, in);
            case "Eltwise" -> same(x, OperatorWork.elementwise(OperatorClass.ELEMENTWISE, x.elements() * (in.size() - 1), 1));
            case "BinaryOp" -> binary(l, in);
            case "ReLU", "Clip", "PReLU", "HardSwish", "HardSigmoid", "Quantize", "Dequantize", "Requantize", "Scale" ->
                    same(x, OperatorWork.elementwise(OperatorClass.ELEMENTWISE, x.elements(), 1));
            case "Sigmoid", "Swish", "TanH", "GELU", "ELU", "Mish", "Exp", "UnaryOp", "Softmax" ->
                    same(x, OperatorWork.elementwise(OperatorClass.ELEMENTWISE, x.elements(), OperatorWork.TRANSCENDENTAL_OPS));
            case "BatchNorm" -> same(x, OperatorWork.elementwise(OperatorClass.NORMALIZATION, x.elements(), 2));
            case "LayerNorm", "GroupNorm", "InstanceNorm", "RMSNorm", "LRN", "Normalize" ->
                    same(x, OperatorWork.elementwise(OperatorClass.NORMALIZATION, x.elements(), OperatorWork.NORMALIZATION_OPS));
            case "Split" -> new Result(java.util.Collections.nCopies(l.tops().size(), x), OperatorWork.data(), false, true);
            case "Noop", "Dropout" -> new Result(List.of(x), OperatorWork.data(), false, true);
            case "MemoryData" -> new Result(List.of(blob(l.integer(0, 0), l.integer(1, 0), l.integer(2, 0), l)),
                    new OperatorWork.Op(OperatorClass.DATA, 0, 0, 0, 0), false, true);
            case "PriorBox" -> priorBox(l, x);
            case "DetectionOutput", "Yolov3DetectionOutput", "YoloDetectionOutput" -> detection(l, in);
            default -> NcnnData.infer(l, in);
        };
    }

    private static Result same(Shape x, OperatorWork.Op op) {
        return new Result(List.of(x), op, false, false);
    }

    /** An ncnn blob of (w, h, c) as a shape: a zero h or c leaves that dimension out, as ncnn's Mat dims do. */
    static Shape blob(int w, int h, int c, NcnnLayer l) {
        if (w <= 0) {
            throw l.error("needs a positive width (parameter 0), got " + w);
        }
        if (h <= 0) {
            return Shape.of(w);
        }
        return c <= 0 ? Shape.of(h, w) : Shape.of(c, h, w);
    }

    static Shape chw(int c, long h, long w) {
        if (h < 1 || w < 1 || h > Shape.MAX_DIM || w > Shape.MAX_DIM) {
            throw new IllegalArgumentException("output size " + h + " x " + w + " is out of range 1.." + Shape.MAX_DIM
                    + " (kernel, stride or padding too large for the input?)");
        }
        return Shape.of(c, (int) h, (int) w);
    }

    /** Output length of a padded, dilated, strided window; -233/-234 ask for SAME padding. */
    static long windowOut(int in, int k, int dilation, int stride, int padA, int padB) {
        if (stride < 1 || k < 1 || dilation < 1) {
            throw new IllegalArgumentException("kernel, dilation and stride must be >= 1, got " + k + ", " + dilation + ", " + stride);
        }
        if (padA == -233 || padA == -234) {
            return (in + stride - 1) / stride;
        }
        long extent = (long) dilation * (k - 1) + 1;
        return (in + padA + padB - extent) / stride + 1;
    }

    /** A convolution's window as ncnn's Convolution and Deconvolution layers read it (ids 1-4, 11-16). */
    private record Window(int kw, int kh, int dw, int dh, int sw, int sh, int pl, int pr, int pt, int pb) {
        static Window of(NcnnLayer l) {
            int kw = l.integer(1, 0);
            int dw = l.integer(2, 1);
            int sw = l.integer(3, 1);
            int pl = l.integer(4, 0);
            int pt = l.integer(14, pl);
            return new Window(kw, l.integer(11, kw), dw, l.integer(12, dw), sw, l.integer(13, sw), pl, l.integer(15, pl), pt,
                    l.integer(16, pt));
        }
    }

    private static Result conv(NcnnLayer l, Shape x) {
        int out = l.integer(0, 0);
        Window w = Window.of(l);
        int groups = l.type().equals("ConvolutionDepthWise") ? l.integer(7, 1) : 1;
        if (out < 1 || groups < 1 || x.c() % groups != 0 || out % groups != 0) {
            throw l.error("num_output " + out + " and group " + groups + " must divide the input's " + x.c() + " channels");
        }
        Shape y = chw(out, windowOut(x.h(), w.kh(), w.dh(), w.sh(), w.pt(), w.pb()), windowOut(x.w(), w.kw(), w.dw(), w.sw(), w.pl(), w.pr()));
        int stride = w.sw() == w.sh() ? w.sw() : 0; // Winograd's shape needs equal strides of 1
        int dilation = w.dw() == w.dh() ? w.dw() : 0;
        OperatorWork.Op op = OperatorWork.conv(x, y, w.kh(), w.kw(), stride, dilation, groups, l.integer(5, 0) != 0);
        checkWeights(l, 6, (long) out * (x.c() / groups) * w.kh() * w.kw());
        return new Result(List.of(y), withActivation(l, op, y), l.integer(8, 0) != 0, false);
    }

    private static Result deconv(NcnnLayer l, Shape x) {
        int out = l.integer(0, 0);
        Window w = Window.of(l);
        int groups = l.type().equals("DeconvolutionDepthWise") ? l.integer(7, 1) : 1;
        if (out < 1 || groups < 1 || x.c() % groups != 0 || out % groups != 0 || w.sw() < 1 || w.sh() < 1) {
            throw l.error("num_output " + out + ", group " + groups + " and strides must fit the input's " + x.c() + " channels");
        }
        long width = (long) (x.w() - 1) * w.sw() + (long) w.dw() * (w.kw() - 1) + 1 - Math.max(0, w.pl()) - Math.max(0, w.pr())
                + l.integer(18, 0);
        long height = (long) (x.h() - 1) * w.sh() + (long) w.dh() * (w.kh() - 1) + 1 - Math.max(0, w.pt()) - Math.max(0, w.pb())
                + l.integer(19, 0);
        width = l.integer(20, 0) > 0 ? l.integer(20, 0) : width;
        height = l.integer(21, 0) > 0 ? l.integer(21, 0) : height;
        Shape y = chw(out, height, width);
        checkWeights(l, 6, (long) (x.c() / groups) * out * w.kh() * w.kw());
        return new Result(List.of(y), withActivation(l, OperatorWork.deconv(x, y, w.kh(), w.kw(), groups, l.integer(5, 0) != 0), y),
                l.integer(8, 0) != 0, false);
    }

    private static Result innerProduct(NcnnLayer l, Shape x) {
        int out = l.integer(0, 0);
        int size = l.integer(2, 0);
        if (out < 1) {
            throw l.error("num_output must be >= 1, got " + out);
        }
        // ncnn applies a 2-D input row by row when its width is the layer's input size; otherwise it flattens.
        long k = size > 0 ? size / out : x.elements();
        boolean rows = x.rank() == 2 && x.w() == k && x.h() > 1;
        long rowCount = rows ? x.h() : 1;
        long reduce = rows ? x.w() : x.elements();
        checkWeights(l, 2, reduce * out);
        Shape y = rows ? Shape.of(x.h(), out) : Shape.of(out);
        OperatorWork.Op op = OperatorWork.gemm(rowCount, reduce, out, true, l.integer(1, 0) != 0);
        return new Result(List.of(y), withActivation(l, op, y), l.integer(8, 0) != 0, false);
    }

    /** A fused activation (parameter 9) is one more pass over the outputs, done in registers. */
    private static OperatorWork.Op withActivation(NcnnLayer l, OperatorWork.Op op, Shape y) {
        int type = l.integer(9, 0);
        if (type == 0) {
            return op;
        }
        int perElement = type == 4 || type == 5 ? OperatorWork.TRANSCENDENTAL_OPS : 1; // 4 sigmoid, 5 mish
        return new OperatorWork.Op(op.cls(), op.macs(), op.elementOps() + y.elements() * perElement, op.weights(), op.narrowest());
    }

    /** The file's weight_data_size, where given, must be what the shapes imply: a second count of the work. */
    private static void checkWeights(NcnnLayer l, int id, long implied) {
        int declared = l.integer(id, 0);
        if (declared > 0 && declared != implied) {
            throw l.error("weight_data_size (parameter " + id + ") is " + declared + " but the input shape and parameters give "
                    + implied + " weights (a shape mismatch with the layer before?)");
        }
    }

    private static Result binary(NcnnLayer l, List<Shape> in) {
        Shape y = in.getFirst();
        for (Shape s : in) {
            if (s.elements() > y.elements()) {
                y = s; // broadcasting: the result has the larger operand's shape
            }
        }
        return same(y, OperatorWork.elementwise(OperatorClass.ELEMENTWISE, y.elements(), 1));
    }

    /** SSD prior boxes: 4 coordinates and 4 variances for each prior at each position of the feature map. */
    private static Result priorBox(NcnnLayer l, Shape x) {
        int min = l.count(0);
        int max = l.count(1);
        int ratios = l.count(2);
        boolean flip = l.integer(7, 1) != 0;
        int priors = min * ratios + min + max + (flip ? min * ratios : 0);
        if (priors < 1) {
            throw l.error("needs min_sizes (array parameter 0)");
        }
        Shape y = Shape.of(2, 4 * x.h() * x.w() * priors);
        return new Result(List.of(y), OperatorWork.elementwise(OperatorClass.ELEMENTWISE, y.elements(), 1), false, false);
    }

    /**
     * Detection heads write as many rows as they keep; the exporter's hint or one row of six values stands for it.
     * Their work is the scan every cell gets before any threshold (benchncnn's zero weights give uniform scores that
     * pass none of these graphs' thresholds, so sorting and NMS never run):
     * <ul>
     * <li>Yolov3DetectionOutput, for each cell and anchor, a sigmoid of the objectness, a compare for each class
     *     (the largest score) and a sigmoid of that score (src/layer/yolov3detectionoutput.cpp); x, y, w and h are
     *     read only for a box that passes;</li>
     * <li>YoloDetectionOutput (YOLOv2) and DetectionOutput (SSD): a transcendental's operations for every value
     *     read. For YOLOv2 that is its loop: a softmax over every class score, then sigmoids and exps a cell. For
     *     SSD it is a charge, not a loop: its per-class walk strides num_class floats through the scores, a cache
     *     line a compare, and costed by its loop at any fitted rate SSD came out 30-40 % fast (docs/fidelity.md).</li>
     * </ul>
     */
    private static Result detection(NcnnLayer l, List<Shape> in) {
        int[] h = l.ints(30);
        Shape y = h.length >= 4 && h[0] >= 1 && h[0] <= 3 ? hint(h, 0) : Shape.of(1, 6);
        if (l.type().equals("Yolov3DetectionOutput")) {
            return new Result(List.of(y), yolov3Scan(l, in), false, false);
        }
        long read = OperatorWork.elements(in);
        return new Result(List.of(y), OperatorWork.elementwise(OperatorClass.POSTPROCESS, read, OperatorWork.TRANSCENDENTAL_OPS),
                false, false);
    }

    /** The YOLOv3 head's scan: per cell and anchor, num_class compares and two sigmoids (ncnn's defaults: 20 classes, 5 anchors). */
    private static OperatorWork.Op yolov3Scan(NcnnLayer l, List<Shape> in) {
        int classes = l.integer(0, 20);
        int anchors = l.integer(1, 5);
        long ops = 0;
        for (Shape x : in) {
            if (classes < 1 || anchors < 1 || x.rank() != 3 || x.c() != anchors * (5 + classes)) {
                throw l.error("reads maps of num_box x (5 + num_class) channels = " + anchors + " x " + (5 + classes)
                        + " (parameters 1 and 0), got " + x);
            }
            ops += (long) x.h() * x.w() * anchors * (classes + 1 + 2L * OperatorWork.TRANSCENDENTAL_OPS);
        }
        return new OperatorWork.Op(OperatorClass.POSTPROCESS, 0, ops, 0, 0);
    }

    /** Output {@code i} of a {@code -23330} shape hint (per blob: dims, w, h, c) as [c, h, w]. */
    static Shape hint(int[] h, int i) {
        return switch (h[4 * i]) {
            case 1 -> Shape.of(h[4 * i + 1]);
            case 2 -> Shape.of(h[4 * i + 2], h[4 * i + 1]);
            default -> Shape.of(h[4 * i + 3], h[4 * i + 2], h[4 * i + 1]);
        };
    }
}
