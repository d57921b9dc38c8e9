package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * A SigLIP vision encoder with its two-layer GELU projector into the decoder's embedding space. The NPU
 * runs static shapes, so every image is resized to the one resolution the model was built for and always
 * yields the same number of tokens. Weights are F16 or INT8 (I8); INT8 runs as the NPU's INT8 GEMM.
 */
public record VisionBrick(String name, int imageSize, int patchSize, int channels, int hidden, int intermediate,
                          int layers, int heads, int textHidden, GgmlType weights, long weightBytes) implements Brick {

    public static VisionBrick fromConfig(String name, ModelConfig c, GgmlType weights) {
        if (weights != GgmlType.F16 && weights != GgmlType.I8) {
            throw new InputException(c.source(), 0, 0, "quantization", "a vision encoder on the NPU is F16 or INT8, not " + weights);
        }
        ModelConfig v = c.child("vision_config");
        VisionBrick b = new VisionBrick(name, v.integer("image_size"), v.integer("patch_size"), v.integer("num_channels", 3),
                v.integer("hidden_size"), v.integer("intermediate_size"), v.integer("num_hidden_layers"),
                v.integer("num_attention_heads"), c.child("text_config").integer("hidden_size"), weights, 0);
        long params = 0;
        for (int[] m : b.matrices()) {
            params += (long) m[0] * m[1] * (m[2] == 0 ? b.layers : 1);
        }
        return new VisionBrick(b.name, b.imageSize, b.patchSize, b.channels, b.hidden, b.intermediate, b.layers, b.heads,
                b.textHidden, weights, weights.bytesFor(params));
    }

    /** Image tokens: one per patch. */
    public int tokens() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** (rows, cols, once?) of each matrix: per layer (0) or once (1). */
    private int[][] matrices() {
        return new int[][] {{hidden, channels * patchSize * patchSize, 1}, {3 * hidden, hidden, 0}, {hidden, hidden, 0},
                {intermediate, hidden, 0}, {hidden, intermediate, 0}, {textHidden, hidden, 1}, {textHidden, textHidden, 1}};
    }

    /** Bytes of the embeddings it hands to the decoder (FP16), the size of a TABM slot. */
    public long embeddingBytes() {
        return (long) tokens() * textHidden * 2;
    }

    @Override
    public List<Op> run(Request r, GgmlType act) {
        int n = tokens();
        Work mm = Work.NONE;
        int launches = 0;
        for (int[] m : matrices()) {
            Work one = weights == GgmlType.I8 ? Work.int8Gemm(n, m[0], m[1]) : Work.gemm(GgmlType.F16, m[0], m[1], n, GgmlType.F16);
            int times = m[2] == 0 ? layers : 1;
            mm = mm.plus(one.times(times));
            launches += times;
        }
        // Full (non-causal) attention of every patch over every patch, per layer, in tiles of queries.
        Work attn = Op.tiledAttention(heads, heads, hidden / heads, n, n, false).times(layers);
        Work norms = Work.elementwise(hidden, 2).times(4L * n * layers);
        return List.of(new Op(name + " matmuls", Op.OpClass.MATMUL, mm, launches),
                new Op(name + " attention", Op.OpClass.ATTENTION, attn, layers),
                new Op(name + " norms", Op.OpClass.ELEMENTWISE, norms, 4 * layers));
    }
}
