package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * ncnn's layers that move values without arithmetic (concat, slice, crop, reshape, flatten, permute, channel
 * shuffle, padding) and the two that move them with a little (resize, reduction). Axes are ncnn's: for a
 * blob of rank r, axis 0 is the outermost, as in our [c, h, w]; a negative axis counts from the end.
 */
final class NcnnData {
    private NcnnData() {
    }

    static NcnnShapes.Result infer(NcnnLayer l, List<Shape> in) {
        Shape x = in.getFirst();
        return switch (l.type()) {
            case "Concat" -> data(concat(l, in));
            case "Slice" -> new NcnnShapes.Result(slice(l, x), OperatorWork.data(), false, false);
            case "Crop" -> data(crop(l, in));
            case "Reshape" -> data(reshape(l, x));
            case "Flatten" -> data(Shape.of(Math.toIntExact(x.elements())));
            case "Permute" -> data(permute(l, x));
            case "ShuffleChannel" -> data(x);
            case "Padding" -> data(padding(l, x));
            case "Interp" -> interp(l, in);
            case "Reduction" -> reduction(l, x);
            default -> throw l.error("unknown layer type");
        };
    }

    private static NcnnShapes.Result data(Shape y) {
        return new NcnnShapes.Result(List.of(y), OperatorWork.data(), false, false);
    }

    private static int axis(NcnnLayer l, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw l.error("axis " + axis + " is outside a blob of rank " + rank);
        }
        return a;
    }

    private static Shape concat(NcnnLayer l, List<Shape> in) {
        Shape first = in.getFirst();
        int a = axis(l, l.integer(0, 0), first.rank());
        List<Integer> dims = new ArrayList<>(first.dims());
        long sum = 0;
        for (Shape s : in) {
            if (s.rank() != first.rank()) {
                throw l.error("concatenates " + first + " with " + s + " of another rank");
            }
            for (int d = 0; d < s.rank(); d++) {
                if (d != a && !s.dims().get(d).equals(first.dims().get(d))) {
                    throw l.error("concatenates " + first + " with " + s + " along axis " + a + ": other dimensions differ");
                }
            }
            sum += s.dims().get(a);
        }
        dims.set(a, Math.toIntExact(Math.min(sum, Integer.MAX_VALUE)));
        return new Shape(dims);
    }

    private static List<Shape> slice(NcnnLayer l, Shape x) {
        int a = axis(l, l.integer(1, 0), x.rank());
        int n = l.tops().size();
        int[] slices = l.ints(0);
        if (slices.length != 0 && slices.length != n) {
            throw l.error("has " + slices.length + " slice sizes for " + n + " outputs");
        }
        int left = x.dims().get(a);
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int size = slices.length == 0 || slices[i] == -233 ? left / (n - i) : slices[i];
            if (size < 1 || size > left) {
                throw l.error("slice " + i + " of size " + size + " does not fit the " + left + " left on axis " + a + " of " + x);
            }
            left -= size;
            List<Integer> dims = new ArrayList<>(x.dims());
            dims.set(a, size);
            out.add(new Shape(dims));
        }
        return out;
    }

    /** Crop to a reference blob's size, to starts/ends on axes (9, 10, 11), or to offsets and sizes (0-8). */
    private static Shape crop(NcnnLayer l, List<Shape> in) {
        Shape x = in.getFirst();
        if (in.size() > 1) {
            Shape ref = in.get(1);
            List<Integer> dims = new ArrayList<>(x.dims());
            for (int d = 0; d < Math.min(ref.rank(), x.rank()); d++) {
                dims.set(x.rank() - 1 - d, ref.dims().get(ref.rank() - 1 - d));
            }
            return new Shape(dims);
        }
        int[] starts = l.ints(9);
        int[] ends = l.ints(10);
        int[] axes = l.ints(11);
        if (starts.length > 0) {
            List<Integer> dims = new ArrayList<>(x.dims());
            for (int i = 0; i < starts.length; i++) {
                int a = axis(l, axes.length > i ? axes[i] : i, x.rank());
                int size = dims.get(a);
                int s = clamp(starts[i] < 0 ? starts[i] + size : starts[i], size);
                int e = i < ends.length ? clamp(ends[i] < 0 ? ends[i] + size : ends[i], size) : size;
                if (e <= s) {
                    throw l.error("crops axis " + a + " of " + x + " to the empty range " + s + ".." + e);
                }
                dims.set(a, e - s);
            }
            return new Shape(dims);
        }
        long w = extent(l, x.w(), 0, 3, 6);
        long h = extent(l, x.h(), 1, 4, 7);
        long c = extent(l, x.c(), 2, 5, 8);
        return x.rank() == 3 ? NcnnShapes.chw((int) c, h, w) : x.rank() == 2 ? Shape.of((int) h, (int) w) : Shape.of((int) w);
    }

    private static long extent(NcnnLayer l, int size, int offsetId, int sizeId, int offset2Id) {
        int out = l.integer(sizeId, 0);
        long e = out > 0 ? out : (long) size - l.integer(offsetId, 0) - l.integer(offset2Id, 0);
        if (e < 1 || e > size) {
            throw l.error("crops a dimension of " + size + " to " + e);
        }
        return e;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }

    /** Reshape: 0=w, 1=h, 2=c; an unset (-233) h or c lowers the rank, 0 copies the input's, -1 infers. */
    private static Shape reshape(NcnnLayer l, Shape x) {
        int w = l.integer(0, -233);
        int h = l.integer(1, -233);
        int c = l.integer(2, -233);
        int[] want = h == -233 ? new int[] {w} : c == -233 ? new int[] {h, w} : new int[] {c, h, w};
        int rank = want.length;
        long known = 1;
        int infer = -1;
        for (int i = 0; i < rank; i++) {
            int fromEnd = rank - 1 - i;
            if (want[i] == 0) {
                want[i] = x.rank() > fromEnd ? x.dims().get(x.rank() - 1 - fromEnd) : 1;
            }
            if (want[i] == -1) {
                if (infer >= 0) {
                    throw l.error("infers more than one dimension (-1)");
                }
                infer = i;
            } else if (want[i] < 1) {
                throw l.error("a reshaped dimension must be >= 1, 0 (copy) or -1 (infer), got " + want[i]);
            } else {
                known *= want[i];
            }
        }
        if (infer >= 0) {
            want[infer] = Math.toIntExact(x.elements() / known);
            known *= want[infer];
        }
        if (known != x.elements()) {
            throw l.error("reshapes " + x + " (" + x.elements() + " values) to " + java.util.Arrays.toString(want) + " (" + known + ")");
        }
        return Shape.of(want);
    }

    /** Permute's order types list the new (w, h[, c]) as old axes, innermost first, as ncnn's permute.cpp does. */
    private static Shape permute(NcnnLayer l, Shape x) {
        int t = l.integer(0, 0);
        if (x.rank() == 2) {
            return t == 1 ? Shape.of(x.w(), x.h()) : x;
        }
        if (x.rank() != 3 || t < 0 || t > 5) {
            return x.rank() == 3 ? fail(l, "order_type must be 0..5, got " + t) : x;
        }
        int w = x.w();
        int h = x.h();
        int c = x.c();
        int[][] whc = {{w, h, c}, {h, w, c}, {w, c, h}, {c, w, h}, {h, c, w}, {c, h, w}};
        int[] n = whc[t];
        return Shape.of(n[2], n[1], n[0]);
    }

    private static Shape fail(NcnnLayer l, String problem) {
        throw l.error(problem);
    }

    private static Shape padding(NcnnLayer l, Shape x) {
        long h = (long) x.h() + l.integer(0, 0) + l.integer(1, 0);
        long w = (long) x.w() + l.integer(2, 0) + l.integer(3, 0);
        long c = (long) x.c() + l.integer(7, 0) + l.integer(8, 0);
        if (x.rank() == 1) {
            return Shape.of((int) w);
        }
        return x.rank() == 2 ? Shape.of((int) h, (int) w) : NcnnShapes.chw((int) c, h, w);
    }

    /** Interp: 3=output height, 4=output width, else 1 and 2 scale; a second input gives the size. */
    private static NcnnShapes.Result interp(NcnnLayer l, List<Shape> in) {
        Shape x = in.getFirst();
        long oh = l.integer(3, 0);
        long ow = l.integer(4, 0);
        if (in.size() > 1) {
            oh = in.get(1).h();
            ow = in.get(1).w();
        }
        if (oh <= 0 || ow <= 0) {
            oh = (long) Math.floor(x.h() * l.real(1, 1f));
            ow = (long) Math.floor(x.w() * l.real(2, 1f));
        }
        Shape y = x.rank() == 1 ? NcnnShapes.chw(x.w(), oh, ow) : NcnnShapes.chw(x.c(), oh, ow);
        int type = l.integer(0, 0);
        int taps = type == 2 ? 4 : type == 3 ? 16 : 1; // nearest, bilinear, bicubic
        return new NcnnShapes.Result(List.of(y), new OperatorWork.Op(OperatorClass.DATA, 0, y.elements() * taps, 0, 0), false, false);
    }

    /** Reduction: 1=reduce_all, 3=axes, 4=keepdims; every input value is read once. */
    private static NcnnShapes.Result reduction(NcnnLayer l, Shape x) {
        boolean all = l.integer(1, 1) != 0;
        boolean keep = l.integer(4, 0) != 0;
        List<Integer> dims = new ArrayList<>();
        java.util.Set<Integer> axes = new java.util.HashSet<>();
        for (int a : l.ints(3)) {
            axes.add(axis(l, a, x.rank()));
        }
        for (int d = 0; d < x.rank(); d++) {
            boolean reduced = all || axes.contains(d);
            if (!reduced) {
                dims.add(x.dims().get(d));
            } else if (keep) {
                dims.add(1);
            }
        }
        Shape y = new Shape(dims.isEmpty() ? List.of(1) : dims);
        return new NcnnShapes.Result(List.of(y), OperatorWork.elementwise(OperatorClass.POOLING, x.elements(), 1), false, false);
    }
}
