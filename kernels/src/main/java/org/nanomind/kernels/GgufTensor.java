package org.nanomind.kernels;

import java.util.Arrays;

/**
 * A tensor's entry in a GGUF file: name, element type, dimensions (innermost first, as ggml orders them)
 * and the byte offset of its data from the start of the data section.
 */
public record GgufTensor(String name, GgmlType type, long[] dims, long offset) {
    public GgufTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long bytes() {
        return type.bytesFor(elements());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensor t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(dims) + " @" + offset;
    }
}
