package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What each ONNX operator (opset 11 and later) does to shapes, and its work. Shapes are full ONNX dims with
 * the batch; small integer tensors carry their values so that the shape arithmetic of exported models
 * (Shape -> Gather -> Concat -> Reshape) resolves. An operator that needs a value the file does not hold
 * (a stripped initializer read as data) is an error naming it.
 */
final class OnnxOps {
    static final Set<String> KNOWN = Set.of("Conv", "ConvTranspose", "QLinearConv", "ConvInteger", "Gemm", "MatMul",
            "MatMulInteger", "QLinearMatMul", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization", "LpNormalization",
            "SimplifiedLayerNormalization", "RMSNormalization", "Relu", "LeakyRelu", "PRelu", "Clip", "HardSigmoid",
            "HardSwish", "Sigmoid", "Tanh", "Gelu", "Erf", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs", "Softplus",
            "Mish", "Elu", "Selu", "Softmax", "LogSoftmax", "Identity", "Dropout", "Cast", "QuantizeLinear",
            "DequantizeLinear", "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Where", "Concat", "Split",
            "Slice", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Pad", "Resize", "Upsample",
            "ReduceMean", "ReduceSum", "ReduceMax", "Constant", "Shape", "Gather");
    private static final Set<String> TRANSCENDENTAL = Set.of("Sigmoid", "Tanh", "Gelu", "Erf", "Exp", "Log", "Softplus",
            "Mish", "Elu", "Selu", "Softmax", "LogSoftmax", "Pow", "Sqrt");

    /** A value: its dims, and its contents when small and known. */
    record Val(long[] dims, double[] values, boolean initializer) {
        Val(long[] dims, double[] values) {
            this(dims, values, false);
        }

        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /** An inferred operator: its outputs, its work, whether it is quantized, and whether it moves no bytes. */
    record Out(List<Val> outputs, OperatorWork.Op op, boolean int8, boolean free) {
        static Out one(long[] dims, OperatorWork.Op op) {
            return new Out(List.of(new Val(dims, null)), op, false, false);
        }
    }

    private OnnxOps() {
    }

    static Out infer(OnnxProto.Node n, List<Val> in) {
        String op = n.opType();
        if (!KNOWN.contains(op) || !(n.domain().isEmpty() || n.domain().equals("ai.onnx"))) {
            throw new IllegalArgumentException("unknown operator " + (n.domain().isEmpty() ? "" : n.domain() + ".") + op
                    + " (known: " + KNOWN.stream().sorted().toList() + ")");
        }
        if (in.isEmpty() && !op.equals("Constant")) {
            throw new IllegalArgumentException("has no inputs");
        }
        Val x = in.isEmpty() ? null : in.getFirst();
        return switch (op) {
            case "Conv", "ConvInteger", "QLinearConv" -> OnnxConv.conv(n, in);
            case "ConvTranspose" -> OnnxConv.transpose(n, in);
            case "MaxPool", "AveragePool" -> OnnxConv.pool(n, x);
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                long[] d = x.dims().clone();
                for (int k = 2; k < d.length; k++) {
                    d[k] = 1;
                }
                yield Out.one(d, OperatorWork.elementwise(OperatorClass.POOLING, x.elements(), 1));
            }
            case "Gemm" -> OnnxMatrix.gemm(n, in);
            case "MatMul", "MatMulInteger", "QLinearMatMul" -> OnnxMatrix.matmul(n, in);
            case "BatchNormalization" -> Out.one(x.dims(), OperatorWork.elementwise(OperatorClass.NORMALIZATION, x.elements(), 2));
            case "InstanceNormalization", "LayerNormalization", "GroupNormalization", "LpNormalization",
                 "SimplifiedLayerNormalization", "RMSNormalization" ->
                    Out.one(x.dims(), OperatorWork.elementwise(OperatorClass.NORMALIZATION, x.elements(), OperatorWork.NORMALIZATION_OPS));
            case "Identity", "Dropout" -> new Out(List.of(x), OperatorWork.data(), false, true);
            case "Cast" -> new Out(List.of(x), OperatorWork.data(), false, x.values() != null);
            case "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Where" -> binary(op, in);
            case "Constant" -> constant(n);
            case "Shape" -> {
                double[] v = Arrays.stream(x.dims()).asDoubleStream().toArray();
                yield new Out(List.of(new Val(new long[] {v.length}, v)), OperatorWork.data(), false, true);
            }
            default -> {
                if (OnnxData.handles(op)) {
                    yield OnnxData.infer(n, in);
                }
                int per = TRANSCENDENTAL.contains(op) ? OperatorWork.TRANSCENDENTAL_OPS : 1;
                yield Out.one(x.dims(), OperatorWork.elementwise(OperatorClass.ELEMENTWISE, x.elements(), per));
            }
        };
    }

    /** Numpy broadcasting; on known small values the arithmetic is done too (shape computations). */
    private static Out binary(String op, List<Val> in) {
        long[] d = new long[0];
        for (Val v : in) {
            d = broadcast(d, v.dims());
        }
        double[] values = null;
        if (in.size() == 2 && in.get(0).values() != null && in.get(1).values() != null && d.length <= 1) {
            double[] a = in.get(0).values();
            double[] b = in.get(1).values();
            int len = (int) (d.length == 0 ? 1 : d[0]);
            values = new double[len];
            for (int k = 0; k < len; k++) {
                double p = a[a.length == 1 ? 0 : k];
                double q = b[b.length == 1 ? 0 : k];
                values[k] = switch (op) {
                    case "Add" -> p + q;
                    case "Sub" -> p - q;
                    case "Mul" -> p * q;
                    case "Div" -> Math.floor(p / q);
                    case "Max" -> Math.max(p, q);
                    case "Min" -> Math.min(p, q);
                    default -> Double.NaN;
                };
            }
        }
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        int per = TRANSCENDENTAL.contains(op) ? OperatorWork.TRANSCENDENTAL_OPS : 1;
        return new Out(List.of(new Val(d, values)), OperatorWork.elementwise(OperatorClass.ELEMENTWISE, n, per), false, values != null);
    }

    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] d = new long[r];
        for (int k = 0; k < r; k++) {
            long p = k < r - a.length ? 1 : a[k - (r - a.length)];
            long q = k < r - b.length ? 1 : b[k - (r - b.length)];
            if (p != q && p != 1 && q != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            d[k] = Math.max(p, q);
        }
        return d;
    }

    private static Out constant(OnnxProto.Node n) {
        OnnxProto.Attr v = n.attrs().get("value");
        if (v != null && v.t() != null) {
            return new Out(List.of(new Val(v.t().dims(), v.t().values())), OperatorWork.data(), false, true);
        }
        OnnxProto.Attr ints = n.attrs().get("value_ints");
        if (ints != null) {
            return new Out(List.of(new Val(new long[] {ints.ints().length}, Arrays.stream(ints.ints()).asDoubleStream().toArray())),
                    OperatorWork.data(), false, true);
        }
        OnnxProto.Attr i = n.attrs().get("value_int");
        OnnxProto.Attr f = n.attrs().get("value_float");
        if (i != null || f != null) {
            return new Out(List.of(new Val(new long[0], new double[] {i != null ? i.i() : f.f()})), OperatorWork.data(), false, true);
        }
        throw new IllegalArgumentException("a Constant needs value, value_ints, value_int or value_float");
    }

    /** Integer attribute {@code name}, or {@code fallback}. */
    static long attr(OnnxProto.Node n, String name, long fallback) {
        OnnxProto.Attr a = n.attrs().get(name);
        return a == null ? fallback : a.i();
    }

    /** Integer list attribute {@code name}, or {@code fallback}. */
    static long[] ints(OnnxProto.Node n, String name, long[] fallback) {
        OnnxProto.Attr a = n.attrs().get(name);
        return a == null || a.ints().length == 0 ? fallback : a.ints();
    }

    /** The known values of input {@code i}, or an error saying which input the file must hold as data. */
    static double[] values(OnnxProto.Node n, List<Val> in, int i, String what) {
        if (i >= in.size() || in.get(i) == null || in.get(i).values() == null) {
            throw new IllegalArgumentException("needs the values of its " + what + " (input " + (i + 1) + (i < n.inputs().size()
                    ? ", '" + n.inputs().get(i) + "'" : "") + "); the file holds them neither as data nor as a computable constant");
        }
        return in.get(i).values();
    }

    /**
     * ONNX dims as the twin's shape: at most four dimensions (leading ones folded into the first), a scalar
     * as [1]; every dimension within 1..2^24.
     */
    static Shape shape(long[] dims) {
        for (long d : dims) {
            if (d < 1 || d > Shape.MAX_DIM) {
                throw new IllegalArgumentException("dimension " + d + " in " + Arrays.toString(dims) + " is outside 1.." + Shape.MAX_DIM);
            }
        }
        if (dims.length == 0) {
            return Shape.of(1);
        }
        int r = dims.length;
        if (r <= 4) {
            return Shape.of(Arrays.stream(dims).mapToInt(d -> (int) d).toArray());
        }
        long lead = 1;
        for (int k = 0; k < r - 3; k++) {
            lead *= dims[k];
        }
        if (lead > Shape.MAX_DIM) {
            throw new IllegalArgumentException("the leading dimensions of " + Arrays.toString(dims) + " hold more than " + Shape.MAX_DIM);
        }
        return Shape.of((int) lead, (int) dims[r - 3], (int) dims[r - 2], (int) dims[r - 1]);
    }

    static List<Long> list(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long x : a) {
            l.add(x);
        }
        return l;
    }
}
