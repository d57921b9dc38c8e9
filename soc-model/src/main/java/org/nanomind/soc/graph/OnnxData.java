package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ONNX operators that move or regroup values: Concat, Split, Slice, Reshape, Flatten, Transpose, Squeeze,
 * Unsqueeze, Pad, Resize, Upsample, Gather, and the reductions. Where a small tensor's values are known
 * they are carried through, so that exported shape arithmetic resolves.
 */
final class OnnxData {
    private static final Set<String> OPS = Set.of("Concat", "Split", "Slice", "Reshape", "Flatten", "Transpose", "Squeeze",
            "Unsqueeze", "Pad", "Resize", "Upsample", "ReduceMean", "ReduceSum", "ReduceMax", "Gather");

    private OnnxData() {
    }

    static boolean handles(String op) {
        return OPS.contains(op);
    }

    static OnnxOps.Out infer(OnnxProto.Node n, List<OnnxOps.Val> in) {
        OnnxOps.Val x = in.getFirst();
        long[] d = x.dims();
        return switch (n.opType()) {
            case "Concat" -> concat(n, in);
            case "Split" -> split(n, in);
            case "Slice" -> slice(n, in);
            case "Reshape" -> reshape(n, in);
            case "Flatten" -> {
                int a = axis(OnnxOps.attr(n, "axis", 1), d.length + 1);
                long outer = 1;
                long inner = 1;
                for (int k = 0; k < d.length; k++) {
                    if (k < a) {
                        outer *= d[k];
                    } else {
                        inner *= d[k];
                    }
                }
                yield move(new long[] {outer, inner}, x.values());
            }
            case "Transpose" -> {
                long[] perm = OnnxOps.ints(n, "perm", null);
                long[] out = new long[d.length];
                for (int k = 0; k < d.length; k++) {
                    int from = perm == null ? d.length - 1 - k : axis(perm[k], d.length);
                    out[k] = d[from];
                }
                yield move(out, null);
            }
            case "Squeeze", "Unsqueeze" -> squeeze(n, in);
            case "Pad" -> {
                long[] pads = n.attrs().containsKey("pads") ? OnnxOps.ints(n, "pads", null)
                        : Arrays.stream(OnnxOps.values(n, in, 1, "pads")).mapToLong(v -> (long) v).toArray();
                if (pads.length != 2 * d.length) {
                    throw new IllegalArgumentException("pads has " + pads.length + " values for an input of rank " + d.length);
                }
                long[] out = d.clone();
                for (int k = 0; k < d.length; k++) {
                    out[k] += pads[k] + pads[k + d.length];
                }
                yield move(out, null);
            }
            case "Resize", "Upsample" -> resize(n, in);
            case "Gather" -> gather(n, in);
            default -> reduce(n, in);
        };
    }

    private static OnnxOps.Out move(long[] dims, double[] values) {
        return new OnnxOps.Out(List.of(new OnnxOps.Val(dims, values)), OperatorWork.data(), false, values != null);
    }

    static int axis(long a, int rank) {
        long r = a < 0 ? a + rank : a;
        if (r < 0 || r >= rank) {
            throw new IllegalArgumentException("axis " + a + " is outside a tensor of rank " + rank);
        }
        return (int) r;
    }

    private static OnnxOps.Out concat(OnnxProto.Node n, List<OnnxOps.Val> in) {
        long[] first = in.getFirst().dims();
        int a = axis(OnnxOps.attr(n, "axis", 0), Math.max(1, first.length));
        long[] out = first.clone();
        out[a] = 0;
        List<Double> values = new ArrayList<>();
        boolean known = first.length == 1;
        for (OnnxOps.Val v : in) {
            if (v.dims().length != first.length) {
                throw new IllegalArgumentException("concatenates " + Arrays.toString(first) + " with " + Arrays.toString(v.dims()));
            }
            for (int k = 0; k < first.length; k++) {
                if (k != a && v.dims()[k] != first[k]) {
                    throw new IllegalArgumentException("concatenates " + Arrays.toString(first) + " with " + Arrays.toString(v.dims())
                            + " along axis " + a + ": other dimensions differ");
                }
            }
            out[a] += v.dims()[a];
            known &= v.values() != null;
            if (known) {
                Arrays.stream(v.values()).forEach(values::add);
            }
        }
        return move(out, known ? values.stream().mapToDouble(Double::doubleValue).toArray() : null);
    }

    private static OnnxOps.Out split(OnnxProto.Node n, List<OnnxOps.Val> in) {
        long[] d = in.getFirst().dims();
        int a = axis(OnnxOps.attr(n, "axis", 0), d.length);
        int parts = n.outputs().size();
        long[] sizes = n.attrs().containsKey("split") ? OnnxOps.ints(n, "split", null)
                : in.size() > 1 && in.get(1) != null ? Arrays.stream(OnnxOps.values(n, in, 1, "split sizes")).mapToLong(v -> (long) v).toArray()
                : null;
        if (sizes == null) {
            sizes = new long[parts];
            long each = (d[a] + parts - 1) / parts;
            for (int k = 0; k < parts; k++) {
                sizes[k] = Math.min(each, d[a] - each * k);
            }
        }
        if (sizes.length != parts || Arrays.stream(sizes).sum() != d[a]) {
            throw new IllegalArgumentException("splits " + d[a] + " along axis " + a + " into " + Arrays.toString(sizes) + " for " + parts + " outputs");
        }
        List<OnnxOps.Val> out = new ArrayList<>();
        for (long s : sizes) {
            long[] o = d.clone();
            o[a] = s;
            out.add(new OnnxOps.Val(o, null));
        }
        return new OnnxOps.Out(out, OperatorWork.data(), false, false);
    }

    private static OnnxOps.Out slice(OnnxProto.Node n, List<OnnxOps.Val> in) {
        long[] d = in.getFirst().dims();
        double[] starts = n.attrs().containsKey("starts") ? toD(OnnxOps.ints(n, "starts", null)) : OnnxOps.values(n, in, 1, "starts");
        double[] ends = n.attrs().containsKey("ends") ? toD(OnnxOps.ints(n, "ends", null)) : OnnxOps.values(n, in, 2, "ends");
        double[] axes = n.attrs().containsKey("axes") ? toD(OnnxOps.ints(n, "axes", null))
                : in.size() > 3 && in.get(3) != null ? OnnxOps.values(n, in, 3, "axes") : null;
        double[] steps = in.size() > 4 && in.get(4) != null ? OnnxOps.values(n, in, 4, "steps") : null;
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("starts and ends differ in length");
        }
        long[] out = d.clone();
        double[] values = in.getFirst().values();
        for (int k = 0; k < starts.length; k++) {
            int a = axis(axes == null ? k : (long) axes[k], d.length);
            long step = steps == null ? 1 : (long) steps[k];
            if (step == 0) {
                throw new IllegalArgumentException("a slice step of 0");
            }
            long s = clamp((long) starts[k], d[a], step);
            long e = clamp((long) Math.max(Math.min(ends[k], 9.2e18), -9.2e18), d[a], step);
            long len = step > 0 ? Math.max(0, (e - s + step - 1) / step) : Math.max(0, (s - e - step - 1) / -step);
            if (len == 0) {
                throw new IllegalArgumentException("slices axis " + a + " of " + Arrays.toString(d) + " to nothing");
            }
            out[a] = len;
            if (values != null && d.length == 1 && step == 1) {
                values = Arrays.copyOfRange(values, (int) s, (int) (s + len));
            } else if (d.length != 1) {
                values = null;
            }
        }
        return move(out, values != null && values.length == out[0] ? values : null);
    }

    private static long clamp(long v, long size, long step) {
        long r = v < 0 ? v + size : v;
        return step > 0 ? Math.max(0, Math.min(r, size)) : Math.max(-1, Math.min(r, size - 1));
    }

    private static double[] toD(long[] a) {
        return Arrays.stream(a).asDoubleStream().toArray();
    }

    private static OnnxOps.Out reshape(OnnxProto.Node n, List<OnnxOps.Val> in) {
        OnnxOps.Val x = in.getFirst();
        double[] want = n.attrs().containsKey("shape") ? toD(OnnxOps.ints(n, "shape", null)) : OnnxOps.values(n, in, 1, "target shape");
        boolean allowZero = OnnxOps.attr(n, "allowzero", 0) != 0;
        long[] out = new long[want.length];
        long known = 1;
        int infer = -1;
        for (int k = 0; k < want.length; k++) {
            long v = (long) want[k];
            if (v == 0 && !allowZero) {
                if (k >= x.dims().length) {
                    throw new IllegalArgumentException("copies dimension " + k + " of an input of rank " + x.dims().length);
                }
                v = x.dims()[k];
            }
            if (v == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("infers more than one dimension");
                }
                infer = k;
                continue;
            }
            if (v < 1) {
                throw new IllegalArgumentException("a target dimension of " + v);
            }
            out[k] = v;
            known *= v;
        }
        if (infer >= 0) {
            out[infer] = x.elements() / known;
            known *= out[infer];
        }
        if (known != x.elements()) {
            throw new IllegalArgumentException("reshapes " + Arrays.toString(x.dims()) + " (" + x.elements() + " values) to "
                    + Arrays.toString(out) + " (" + known + ")");
        }
        return move(out, x.values());
    }

    private static OnnxOps.Out squeeze(OnnxProto.Node n, List<OnnxOps.Val> in) {
        OnnxOps.Val x = in.getFirst();
        boolean un = n.opType().equals("Unsqueeze");
        long[] axes = n.attrs().containsKey("axes") ? OnnxOps.ints(n, "axes", null)
                : in.size() > 1 && in.get(1) != null ? Arrays.stream(OnnxOps.values(n, in, 1, "axes")).mapToLong(v -> (long) v).toArray()
                : null;
        List<Long> d = OnnxOps.list(x.dims());
        if (un) {
            if (axes == null) {
                throw new IllegalArgumentException("needs axes");
            }
            int rank = d.size() + axes.length;
            long[] sorted = Arrays.stream(axes).map(a -> axis(a, rank)).sorted().toArray();
            for (long a : sorted) {
                d.add((int) a, 1L);
            }
        } else {
            List<Long> keep = new ArrayList<>();
            for (int k = 0; k < d.size(); k++) {
                final int kk = k;
                boolean listed = axes == null ? d.get(k) == 1 : Arrays.stream(axes).anyMatch(a -> axis(a, d.size()) == kk);
                if (!listed) {
                    keep.add(d.get(k));
                }
            }
            d.clear();
            d.addAll(keep);
        }
        return move(d.stream().mapToLong(Long::longValue).toArray(), x.values());
    }

    private static OnnxOps.Out resize(OnnxProto.Node n, List<OnnxOps.Val> in) {
        long[] d = in.getFirst().dims();
        long[] out = d.clone();
        double[] sizes = in.size() > 3 && in.get(3) != null && in.get(3).values() != null && in.get(3).values().length > 0
                ? in.get(3).values() : null;
        if (sizes != null && sizes.length == d.length) {
            for (int k = 0; k < d.length; k++) {
                out[k] = (long) sizes[k];
            }
        } else {
            double[] scales = n.attrs().containsKey("scales") ? toF(n.attrs().get("scales").floats())
                    : OnnxOps.values(n, in, n.opType().equals("Upsample") ? 1 : 2, "scales");
            if (scales.length != d.length) {
                throw new IllegalArgumentException("has " + scales.length + " scales for an input of rank " + d.length);
            }
            for (int k = 0; k < d.length; k++) {
                out[k] = (long) Math.floor(d[k] * scales[k]);
            }
        }
        String mode = n.attrs().containsKey("mode") ? n.attrs().get("mode").s() : "nearest";
        int taps = mode.equals("linear") || mode.equals("bilinear") ? 4 : mode.equals("cubic") ? 16 : 1;
        long elements = Arrays.stream(out).reduce(1, (p, q) -> p * q);
        return OnnxOps.Out.one(out, new OperatorWork.Op(OperatorClass.DATA, 0, elements * taps, 0, 0));
    }

    private static double[] toF(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    private static OnnxOps.Out gather(OnnxProto.Node n, List<OnnxOps.Val> in) {
        OnnxOps.Val data = in.getFirst();
        if (in.size() < 2) {
            throw new IllegalArgumentException("needs indices");
        }
        OnnxOps.Val idx = in.get(1);
        int a = axis(OnnxOps.attr(n, "axis", 0), data.dims().length);
        List<Long> out = new ArrayList<>(OnnxOps.list(Arrays.copyOf(data.dims(), a)));
        out.addAll(OnnxOps.list(idx.dims()));
        out.addAll(OnnxOps.list(Arrays.copyOfRange(data.dims(), a + 1, data.dims().length)));
        double[] values = null;
        if (data.values() != null && idx.values() != null && data.dims().length == 1) {
            values = new double[idx.values().length];
            for (int k = 0; k < values.length; k++) {
                int i = (int) idx.values()[k];
                i = i < 0 ? i + data.values().length : i;
                if (i < 0 || i >= data.values().length) {
                    throw new IllegalArgumentException("gathers index " + idx.values()[k] + " of " + data.values().length);
                }
                values[k] = data.values()[i];
            }
        }
        long[] dims = out.stream().mapToLong(Long::longValue).toArray();
        return new OnnxOps.Out(List.of(new OnnxOps.Val(dims, values)), OperatorWork.data(), false, values != null);
    }

    private static OnnxOps.Out reduce(OnnxProto.Node n, List<OnnxOps.Val> in) {
        long[] d = in.getFirst().dims();
        long[] axes = n.attrs().containsKey("axes") ? OnnxOps.ints(n, "axes", null)
                : in.size() > 1 && in.get(1) != null ? Arrays.stream(OnnxOps.values(n, in, 1, "axes")).mapToLong(v -> (long) v).toArray()
                : null;
        boolean keep = OnnxOps.attr(n, "keepdims", 1) != 0;
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < d.length; k++) {
            final int kk = k;
            boolean reduced = axes == null || Arrays.stream(axes).anyMatch(a -> axis(a, d.length) == kk);
            if (!reduced) {
                out.add(d[k]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return OnnxOps.Out.one(out.stream().mapToLong(Long::longValue).toArray(),
                OperatorWork.elementwise(OperatorClass.POOLING, in.getFirst().elements(), 1));
    }
}
