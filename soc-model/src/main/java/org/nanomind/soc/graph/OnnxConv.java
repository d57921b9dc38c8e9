package org.nanomind.soc.graph;

import java.util.List;

/** ONNX convolutions and pooling: Conv (and its quantized forms), ConvTranspose, MaxPool, AveragePool. */
final class OnnxConv {
    private OnnxConv() {
    }

    /** Spatial output of a window: SAME pads to ceil(in / stride), VALID and explicit pads as ONNX defines them. */
    static long window(long in, long k, long stride, long dilation, long padBegin, long padEnd, String autoPad, boolean ceil) {
        if (k < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("kernel, stride and dilation must be >= 1, got " + k + ", " + stride + ", " + dilation);
        }
        if (autoPad.startsWith("SAME")) {
            return (in + stride - 1) / stride;
        }
        long extent = dilation * (k - 1) + 1;
        long span = in + (autoPad.equals("VALID") ? 0 : padBegin + padEnd) - extent;
        if (span < 0) {
            throw new IllegalArgumentException("a window of " + extent + " does not fit an input of " + in + " with its padding");
        }
        return (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
    }

    static OnnxOps.Out conv(OnnxProto.Node n, List<OnnxOps.Val> in) {
        boolean qlinear = n.opType().equals("QLinearConv");
        OnnxOps.Val x = in.getFirst();
        int wi = qlinear ? 3 : 1;
        if (in.size() <= wi) {
            throw new IllegalArgumentException("needs its weights as input " + (wi + 1));
        }
        long[] w = in.get(wi).dims();
        long[] d = x.dims();
        if (d.length < 3 || w.length != d.length) {
            throw new IllegalArgumentException("input " + java.util.Arrays.toString(d) + " and weights " + java.util.Arrays.toString(w)
                    + " must both be [N, C, spatial...]");
        }
        long group = OnnxOps.attr(n, "group", 1);
        if (group < 1 || d[1] != w[1] * group || w[0] % group != 0) {
            throw new IllegalArgumentException("weights " + java.util.Arrays.toString(w) + " with group " + group + " do not fit "
                    + d[1] + " input channels");
        }
        int spatial = d.length - 2;
        long[] k = OnnxOps.ints(n, "kernel_shape", java.util.Arrays.copyOfRange(w, 2, w.length));
        long[] strides = OnnxOps.ints(n, "strides", ones(spatial));
        long[] dil = OnnxOps.ints(n, "dilations", ones(spatial));
        long[] pads = OnnxOps.ints(n, "pads", new long[2 * spatial]);
        String auto = n.attrs().containsKey("auto_pad") ? n.attrs().get("auto_pad").s() : "NOTSET";
        check(k, spatial, "kernel_shape");
        check(strides, spatial, "strides");
        check(dil, spatial, "dilations");
        check(pads, 2 * spatial, "pads");
        long[] out = new long[d.length];
        out[0] = d[0];
        out[1] = w[0];
        for (int s = 0; s < spatial; s++) {
            out[2 + s] = window(d[2 + s], k[s], strides[s], dil[s], pads[s], pads[s + spatial], auto, false);
        }
        Shape xs = OnnxOps.shape(d);
        Shape ys = OnnxOps.shape(out);
        int kh = spatial == 2 ? (int) k[0] : 1;
        int kw = (int) k[spatial - 1];
        int stride = allOne(strides) ? 1 : 0;
        int dilation = allOne(dil) ? 1 : 0;
        boolean bias = in.size() > (qlinear ? 8 : 2);
        OperatorWork.Op op = OperatorWork.conv(xs, ys, kh, kw, stride, dilation, (int) group, bias);
        return new OnnxOps.Out(List.of(new OnnxOps.Val(out, null)), op, !n.opType().equals("Conv"), false);
    }

    static OnnxOps.Out transpose(OnnxProto.Node n, List<OnnxOps.Val> in) {
        OnnxOps.Val x = in.getFirst();
        if (in.size() < 2) {
            throw new IllegalArgumentException("needs its weights as input 2");
        }
        long[] w = in.get(1).dims();
        long[] d = x.dims();
        long group = OnnxOps.attr(n, "group", 1);
        if (d.length < 3 || w.length != d.length || w[0] != d[1] || group < 1) {
            throw new IllegalArgumentException("weights " + java.util.Arrays.toString(w) + " do not fit input " + java.util.Arrays.toString(d));
        }
        int spatial = d.length - 2;
        long[] k = OnnxOps.ints(n, "kernel_shape", java.util.Arrays.copyOfRange(w, 2, w.length));
        long[] strides = OnnxOps.ints(n, "strides", ones(spatial));
        long[] dil = OnnxOps.ints(n, "dilations", ones(spatial));
        long[] pads = OnnxOps.ints(n, "pads", new long[2 * spatial]);
        long[] extra = OnnxOps.ints(n, "output_padding", new long[spatial]);
        long[] given = OnnxOps.ints(n, "output_shape", null);
        long[] out = new long[d.length];
        out[0] = d[0];
        out[1] = w[1] * group;
        for (int s = 0; s < spatial; s++) {
            out[2 + s] = given != null && given.length == spatial ? given[s]
                    : strides[s] * (d[2 + s] - 1) + extra[s] + (k[s] - 1) * dil[s] + 1 - pads[s] - pads[s + spatial];
        }
        int kh = spatial == 2 ? (int) k[0] : 1;
        OperatorWork.Op op = OperatorWork.deconv(OnnxOps.shape(d), OnnxOps.shape(out), kh, (int) k[spatial - 1], (int) group, in.size() > 2);
        return OnnxOps.Out.one(out, op);
    }

    static OnnxOps.Out pool(OnnxProto.Node n, OnnxOps.Val x) {
        long[] d = x.dims();
        if (d.length < 3) {
            throw new IllegalArgumentException("pools an input of rank " + d.length + "; it needs [N, C, spatial...]");
        }
        int spatial = d.length - 2;
        long[] k = OnnxOps.ints(n, "kernel_shape", null);
        if (k == null) {
            throw new IllegalArgumentException("needs kernel_shape");
        }
        long[] strides = OnnxOps.ints(n, "strides", ones(spatial));
        long[] dil = OnnxOps.ints(n, "dilations", ones(spatial));
        long[] pads = OnnxOps.ints(n, "pads", new long[2 * spatial]);
        check(k, spatial, "kernel_shape");
        check(pads, 2 * spatial, "pads");
        String auto = n.attrs().containsKey("auto_pad") ? n.attrs().get("auto_pad").s() : "NOTSET";
        boolean ceil = OnnxOps.attr(n, "ceil_mode", 0) != 0;
        long[] out = d.clone();
        long window = 1;
        for (int s = 0; s < spatial; s++) {
            out[2 + s] = window(d[2 + s], k[s], strides[s], dil[s], pads[s], pads[s + spatial], auto, ceil);
            window *= k[s];
        }
        OnnxOps.Val y = new OnnxOps.Val(out, null);
        return OnnxOps.Out.one(out, OperatorWork.elementwise(OperatorClass.POOLING, y.elements() * window, 1));
    }

    private static void check(long[] a, int n, String what) {
        if (a.length != n) {
            throw new IllegalArgumentException(what + " has " + a.length + " values, the input needs " + n);
        }
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    private static boolean allOne(long[] a) {
        return java.util.Arrays.stream(a).allMatch(v -> v == 1);
    }
}
