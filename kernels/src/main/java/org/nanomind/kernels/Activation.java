package org.nanomind.kernels;

/** Activations an epilogue or an FFN applies element-wise. */
public enum Activation {
    NONE, SILU, GELU;

    public float apply(float v) {
        return switch (this) {
            case NONE -> v;
            case SILU -> v / (1.0f + (float) StrictMath.exp(-v));
            // GELU with ggml's tanh approximation.
            case GELU -> 0.5f * v * (1.0f + (float) StrictMath.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
        };
    }
}
