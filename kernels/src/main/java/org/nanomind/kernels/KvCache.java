package org.nanomind.kernels;

/** Keys and values of the positions seen so far, FP32, laid out [position][kv head][head dim]. */
public final class KvCache {
    final int kvHeads;
    final int headDim;
    final int capacity;
    final float[] keys;
    final float[] values;
    private int length;

    public KvCache(int capacity, int kvHeads, int headDim) {
        if (capacity < 1 || kvHeads < 1 || headDim < 1) {
            throw new IllegalArgumentException("KV cache shape must be positive: " + capacity + " x " + kvHeads + " x " + headDim);
        }
        this.capacity = capacity;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.keys = new float[Math.multiplyExact(capacity, kvHeads * headDim)];
        this.values = new float[keys.length];
    }

    public int capacity() {
        return capacity;
    }

    public int length() {
        return length;
    }

    /** The cached keys (or values) one row a position, copied: the reference attention's input. */
    public float[][] rows(boolean ofValues) {
        int width = kvHeads * headDim;
        float[][] out = new float[length][];
        for (int p = 0; p < length; p++) {
            out[p] = java.util.Arrays.copyOfRange(ofValues ? values : keys, p * width, (p + 1) * width);
        }
        return out;
    }

    /** Appends one position: k and v each hold kvHeads x headDim values. */
    public Work append(float[] k, int kOff, float[] v, int vOff) {
        if (length == capacity) {
            throw new IllegalStateException("KV cache is full at " + capacity + " positions");
        }
        int width = kvHeads * headDim;
        System.arraycopy(k, kOff, keys, length * width, width);
        System.arraycopy(v, vOff, values, length * width, width);
        Mem.readArray("activations", 2L * width * Float.BYTES); // the new position's K and V, read to be appended
        Mem.wroteKv(2L * width * Float.BYTES);
        length++;
        return Work.kvAppend(kvHeads, headDim);
    }
}
