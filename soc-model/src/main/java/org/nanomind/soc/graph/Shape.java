package org.nanomind.soc.graph;

import java.util.List;

/**
 * A tensor's static shape, outermost dimension first, batch left out (every graph here runs one input at
 * a time): [c, h, w] for a feature map, [tokens, features] for a sequence, [features] for a vector. ncnn's
 * blobs (w, h, c) and ONNX's [1, c, h, w] both map onto it.
 */
public record Shape(List<Integer> dims) {
    /** The largest dimension accepted: anything above it is a corrupt file, not a model. */
    public static final int MAX_DIM = 1 << 24;

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty() || dims.size() > 4) {
            throw new IllegalArgumentException("a shape has 1 to 4 dimensions, got " + dims.size());
        }
        for (int d : dims) {
            if (d < 1 || d > MAX_DIM) {
                throw new IllegalArgumentException("a dimension must be within 1.." + MAX_DIM + ", got " + d + " in " + dims);
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    /** Channels of a feature map (the outermost of three), 1 below rank 3. */
    public int c() {
        return rank() >= 3 ? dims.get(rank() - 3) : 1;
    }

    /** Height (rows), 1 for a vector. */
    public int h() {
        return rank() >= 2 ? dims.get(rank() - 2) : 1;
    }

    /** Width: the innermost dimension. */
    public int w() {
        return dims.getLast();
    }

    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
