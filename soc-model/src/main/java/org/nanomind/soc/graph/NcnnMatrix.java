package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.List;

/** ncnn's matrix layers: Gemm (with constant operands), MatMul (batched) and MultiHeadAttention. */
final class NcnnMatrix {
    private NcnnMatrix() {
    }

    /** Gemm: A [M, K] (transposed with 2=1) times B [K, N] (3=1: [N, K]); constant operands come from parameters 7-9. */
    static NcnnShapes.Result gemm(NcnnLayer l, List<Shape> in) {
        boolean transA = l.integer(2, 0) != 0;
        boolean transB = l.integer(3, 0) != 0;
        boolean constA = l.integer(4, 0) != 0;
        boolean constB = l.integer(5, 0) != 0;
        int next = 0;
        long m;
        long k;
        if (constA) {
            m = l.integer(7, 0);
            k = l.integer(9, 0);
        } else {
            Shape a = operand(l, in, next++, "A");
            m = transA ? a.w() : a.h();
            k = transA ? a.h() : a.w();
        }
        long n;
        if (constB) {
            n = l.integer(8, 0);
            k = constA ? k : (l.integer(9, 0) > 0 ? l.integer(9, 0) : k);
        } else {
            Shape b = operand(l, in, next, "B");
            long kb = transB ? b.w() : b.h();
            n = transB ? b.h() : b.w();
            if (kb != k) {
                throw l.error("A has " + k + " columns but B has " + kb + " rows");
            }
        }
        if (m < 1 || n < 1 || k < 1) {
            throw l.error("M, N and K must be >= 1, got " + m + ", " + n + ", " + k + " (constant operands need parameters 7, 8, 9)");
        }
        Shape y = l.integer(14, 0) != 0 ? Shape.of((int) n, (int) m) : Shape.of((int) m, (int) n);
        return new NcnnShapes.Result(List.of(y), OperatorWork.gemm(m, k, n, constB || constA, l.integer(6, 0) != 0), false, false);
    }

    /** MatMul: [..., M, K] x [..., K, N] with the leading dimensions broadcast; 0=1 transposes B. */
    static NcnnShapes.Result matmul(NcnnLayer l, List<Shape> in) {
        Shape a = operand(l, in, 0, "A");
        Shape b = operand(l, in, 1, "B");
        boolean transB = l.integer(0, 0) != 0;
        int k = a.w();
        int kb = b.rank() == 1 ? b.w() : transB ? b.w() : b.h();
        int n = b.rank() == 1 ? 1 : transB ? b.h() : b.w();
        if (k != kb) {
            throw l.error("A " + a + " has " + k + " columns but B " + b + " has " + kb + " rows");
        }
        Shape longer = a.rank() >= b.rank() ? a : b;
        List<Integer> dims = new ArrayList<>(longer.dims().subList(0, Math.max(0, longer.rank() - 2)));
        if (a.rank() >= 2) {
            dims.add(a.h());
        }
        if (b.rank() >= 2) {
            dims.add(n);
        }
        Shape y = new Shape(dims.isEmpty() ? List.of(1) : dims);
        long rows = y.elements() / (b.rank() >= 2 ? n : 1);
        OperatorWork.Op g = OperatorWork.gemm(rows, k, n, false, false);
        return new NcnnShapes.Result(List.of(y), g, false, false);
    }

    /**
     * MultiHeadAttention: queries [Lq, E] over keys and values (the same blob when there is one input) with
     * 0=embed_dim, 1=num_heads, 3=kdim, 4=vdim.
     */
    static NcnnShapes.Result attention(NcnnLayer l, List<Shape> in) {
        Shape q = operand(l, in, 0, "q");
        Shape k = in.size() > 1 ? in.get(1) : q;
        int e = l.integer(0, 0);
        int heads = l.integer(1, 1);
        if (e < 1 || heads < 1 || e % heads != 0) {
            throw l.error("embed_dim " + e + " must be a positive multiple of num_heads " + heads);
        }
        int kdim = l.integer(3, e);
        int vdim = l.integer(4, e);
        if (q.w() != e || k.w() != kdim) {
            throw l.error("queries " + q + " must have embed_dim " + e + " columns and keys " + k + " kdim " + kdim);
        }
        Shape y = Shape.of(q.h(), e);
        return new NcnnShapes.Result(List.of(y), OperatorWork.attention(q.h(), k.h(), e, kdim, vdim, heads), false, false);
    }

    private static Shape operand(NcnnLayer l, List<Shape> in, int i, String what) {
        if (i >= in.size()) {
            throw l.error("needs operand " + what + " as input blob " + (i + 1) + " (or a constant operand in the parameters)");
        }
        return in.get(i);
    }
}
