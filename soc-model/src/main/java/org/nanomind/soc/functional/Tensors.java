package org.nanomind.soc.functional;

import org.nanomind.kernels.Formats;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufTensor;

/** What the functional decoder and encoder both do with a model's tensors outside the matrix products. */
final class Tensors {
    private Tensors() {
    }

    /** x += y: the residual connection. */
    static void add(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }

    /** The tensor {@code name} of {@code file} as floats (a norm's weights, a bias). */
    static float[] vector(GgufFile file, String name) {
        GgufTensor t = file.tensor(name);
        return Formats.dequantize(t.type(), file.data(t), (int) t.elements());
    }
}
