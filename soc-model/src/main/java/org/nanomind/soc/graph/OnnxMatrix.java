package org.nanomind.soc.graph;

import java.util.Arrays;
import java.util.List;

/** ONNX Gemm and MatMul (and their quantized forms): a constant right-hand side is the layer's weights. */
final class OnnxMatrix {
    private OnnxMatrix() {
    }

    static OnnxOps.Out gemm(OnnxProto.Node n, List<OnnxOps.Val> in) {
        if (in.size() < 2) {
            throw new IllegalArgumentException("needs A and B");
        }
        long[] a = in.get(0).dims();
        long[] b = in.get(1).dims();
        if (a.length != 2 || b.length != 2) {
            throw new IllegalArgumentException("A " + Arrays.toString(a) + " and B " + Arrays.toString(b) + " must be matrices");
        }
        boolean ta = OnnxOps.attr(n, "transA", 0) != 0;
        boolean tb = OnnxOps.attr(n, "transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long k = ta ? a[0] : a[1];
        long kb = tb ? b[1] : b[0];
        long cols = tb ? b[0] : b[1];
        if (k != kb) {
            throw new IllegalArgumentException("A " + Arrays.toString(a) + " has " + k + " columns, B " + Arrays.toString(b) + " " + kb + " rows");
        }
        OperatorWork.Op op = OperatorWork.gemm(m, k, cols, in.get(1).initializer(), in.size() > 2);
        return OnnxOps.Out.one(new long[] {m, cols}, op);
    }

    static OnnxOps.Out matmul(OnnxProto.Node n, List<OnnxOps.Val> in) {
        boolean q = n.opType().equals("QLinearMatMul");
        int bi = q ? 3 : 1;
        if (in.size() <= bi) {
            throw new IllegalArgumentException("needs A and B");
        }
        long[] a = in.get(0).dims();
        long[] b = in.get(bi).dims();
        long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
        if (a2.length < 2 || b2.length < 2) {
            throw new IllegalArgumentException("operands of rank 0 cannot be multiplied");
        }
        long k = a2[a2.length - 1];
        if (k != b2[b2.length - 2]) {
            throw new IllegalArgumentException("A " + Arrays.toString(a) + " has " + k + " columns, B " + Arrays.toString(b) + " "
                    + b2[b2.length - 2] + " rows");
        }
        long[] batch = OnnxOps.broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        long m = a2[a2.length - 2];
        long cols = b2[b2.length - 1];
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = cols;
        if (a.length == 1 || b.length == 1) {
            out = a.length == 1 && b.length == 1 ? new long[0] : a.length == 1 ? dropAt(out, out.length - 2) : dropAt(out, out.length - 1);
        }
        long rows = m;
        for (long x : batch) {
            rows *= x;
        }
        boolean weights = in.get(bi).initializer() && b2.length == 2;
        return new OnnxOps.Out(List.of(new OnnxOps.Val(out, null)), OperatorWork.gemm(rows, k, cols, weights, false),
                !n.opType().equals("MatMul"), false);
    }

    private static long[] dropAt(long[] a, int i) {
        long[] r = new long[a.length - 1];
        for (int k = 0, j = 0; k < a.length; k++) {
            if (k != i) {
                r[j++] = a[k];
            }
        }
        return r;
    }
}
