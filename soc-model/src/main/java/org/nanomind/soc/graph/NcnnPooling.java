package org.nanomind.soc.graph;

import java.util.List;

/** ncnn's Pooling layer: max or average, global, adaptive, and its three padding modes. */
final class NcnnPooling {
    private NcnnPooling() {
    }

    static NcnnShapes.Result pool(NcnnLayer l, Shape x) {
        int kw = l.integer(1, 0);
        int kh = l.integer(11, kw);
        int sw = l.integer(2, 1);
        int sh = l.integer(12, sw);
        int pl = l.integer(3, 0);
        int pr = l.integer(14, pl);
        int pt = l.integer(13, pl);
        int pb = l.integer(15, pt);
        boolean global = l.integer(4, 0) != 0;
        int mode = l.integer(5, 0);
        boolean adaptive = l.integer(7, 0) != 0;
        Shape y;
        long window;
        if (global) {
            y = Shape.of(x.c());
            window = (long) x.h() * x.w();
        } else if (adaptive) {
            int ow = l.integer(8, 0);
            y = NcnnShapes.chw(x.c(), l.integer(18, ow), ow);
            window = Math.max(1, (long) x.h() / y.h()) * Math.max(1, (long) x.w() / y.w());
        } else {
            if (kw < 1 || kh < 1 || sw < 1 || sh < 1) {
                throw l.error("kernel and stride must be >= 1, got kernel " + kw + "x" + kh + ", stride " + sw + "x" + sh);
            }
            y = NcnnShapes.chw(x.c(), out(x.h(), kh, sh, pt, pb, mode), out(x.w(), kw, sw, pl, pr, mode));
            window = (long) kh * kw;
        }
        return new NcnnShapes.Result(List.of(y), OperatorWork.elementwise(OperatorClass.POOLING, y.elements() * window, 1),
                false, false);
    }

    /** pad_mode 0 pads the tail so the last window fits (ceil), 1 drops it (floor), 2 and 3 are SAME. */
    private static long out(int in, int k, int s, int padA, int padB, int mode) {
        long span = (long) in + padA + padB - k;
        return switch (mode) {
            case 0 -> Math.floorDiv(span + s - 1, s) + 1;
            case 1 -> Math.floorDiv(span, s) + 1;
            default -> (in + s - 1L) / s;
        };
    }
}
