package org.nanomind.kernels;

/**
 * Tensor element types as ggml numbers them in GGUF files, with their block geometry: {@code blockSize}
 * elements take {@code typeSize} bytes. The reader knows every type listed so that it can walk any real
 * file; {@link #hasKernels()} says which ones the kernels compute with.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
    Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
    Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4),
    I64(27, 1, 8), F64(28, 1, 8), BF16(30, 1, 2);

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    public int id() {
        return id;
    }

    /** Elements per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** Bytes that {@code elements} take; they must fill whole blocks. */
    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(elements + " elements of " + this + " do not fill whole blocks of "
                    + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }

    /** Bits a weight takes, scales included (4.5 for Q4_0). */
    public double bitsPerWeight() {
        return 8.0 * typeSize / blockSize;
    }

    public boolean hasKernels() {
        return this == F32 || this == F16 || this == Q4_0 || this == Q8_0 || this == Q2_K || this == Q4_K || this == Q5_K || this == Q6_K;
    }

    /** The type with ggml number {@code id}, or null when the number is unknown. */
    public static GgmlType byId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
