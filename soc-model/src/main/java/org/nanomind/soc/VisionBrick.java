package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * A ViT vision encoder with its projector into the decoder's embedding space: SigLIP with LLaVA-OneVision's
 * two-layer GELU projector (a token per patch), or Qwen2-VL's ViT whose merger joins each 2x2 group of
 * patches into one token. The NPU runs static shapes, so every image is resized to the one resolution the
 * model was built for and always yields the same number of tokens. Weights are F16 or INT8 (I8); INT8
 * runs as the NPU's INT8 GEMM.
 *
 * @param temporalPatch   frames per patch (Qwen2-VL repeats a still image twice), 1 for SigLIP
 * @param mergeSize       patches merged per side into one token (2 for Qwen2-VL), 1 for SigLIP
 * @param projectorHidden the projector's inner width
 */
public record VisionBrick(String name, int imageSize, int patchSize, int channels, int temporalPatch, int hidden,
                          int intermediate, int layers, int heads, int mergeSize, int projectorHidden, int textHidden,
                          GgmlType weights, long weightBytes) implements Brick.Transformer {

    public static VisionBrick fromConfig(String name, ModelConfig c, GgmlType weights) {
        if (weights != GgmlType.F16 && weights != GgmlType.I8) {
            throw new InputException(c.source(), 0, 0, "quantization", "a vision encoder on the NPU is F16 or INT8, not " + weights);
        }
        ModelConfig v = c.child("vision_config");
        VisionBrick b;
        if (c.text("model_type").equals("qwen2_vl")) {
            int embed = v.integer("embed_dim");
            int merge = v.integer("spatial_merge_size");
            b = new VisionBrick(name, v.integer("image_size"), v.integer("patch_size"), v.integer("in_chans", 3),
                    v.integer("temporal_patch_size"), embed, embed * v.integer("mlp_ratio"), v.integer("depth"),
                    v.integer("num_heads"), merge, embed * merge * merge, v.integer("hidden_size"), weights, 0);
        } else {
            int text = c.child("text_config").integer("hidden_size");
            b = new VisionBrick(name, v.integer("image_size"), v.integer("patch_size"), v.integer("num_channels", 3), 1,
                    v.integer("hidden_size"), v.integer("intermediate_size"), v.integer("num_hidden_layers"),
                    v.integer("num_attention_heads"), 1, text, text, weights, 0);
        }
        if ((b.imageSize / b.patchSize) % b.mergeSize != 0) {
            throw new InputException(c.source(), 0, 0, "vision_config.image_size", "the patch grid (image_size / patch_size = "
                    + b.imageSize / b.patchSize + " a side) must divide into " + b.mergeSize + "x" + b.mergeSize + " merges");
        }
        long params = 0;
        for (int[] m : b.matrices()) {
            params += (long) m[0] * m[1] * (m[2] == PER_LAYER ? b.layers : 1);
        }
        return new VisionBrick(b.name, b.imageSize, b.patchSize, b.channels, b.temporalPatch, b.hidden, b.intermediate,
                b.layers, b.heads, b.mergeSize, b.projectorHidden, b.textHidden, weights, weights.bytesFor(params));
    }

    /** The same encoder with its weights in {@code type} (an FP32 reference of an F16 or INT8 brick). */
    public VisionBrick withWeights(GgmlType type) {
        return new VisionBrick(name, imageSize, patchSize, channels, temporalPatch, hidden, intermediate, layers, heads, mergeSize,
                projectorHidden, textHidden, type, weightBytes);
    }

    private static final int PER_LAYER = 0;
    private static final int ON_PATCHES = 1;
    private static final int ON_TOKENS = 2;

    /** Patches the encoder's layers see (a stride-patch convolution: a partial patch at the edge is dropped). */
    public int patches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** Image tokens handed to the decoder: one per patch, or per merged group of patches. */
    public int tokens() {
        return patches() / (mergeSize * mergeSize);
    }

    /** (rows, cols, where) of each matrix: per layer on the patches, once on the patches, or once on the tokens. */
    private int[][] matrices() {
        return new int[][] {{hidden, channels * temporalPatch * patchSize * patchSize, ON_PATCHES}, {3 * hidden, hidden, PER_LAYER},
                {hidden, hidden, PER_LAYER}, {intermediate, hidden, PER_LAYER}, {hidden, intermediate, PER_LAYER},
                {projectorHidden, hidden * mergeSize * mergeSize, ON_TOKENS}, {textHidden, projectorHidden, ON_TOKENS}};
    }

    /** Bytes of the embeddings it hands to the decoder (FP16), the size of a TABM slot. */
    public long embeddingBytes() {
        return (long) tokens() * textHidden * 2;
    }

    @Override
    public List<Op> run(Request r, GgmlType act) {
        int n = patches();
        Work mm = Work.NONE;
        int launches = 0;
        for (int[] m : matrices()) {
            int rows = m[2] == ON_TOKENS ? tokens() : n;
            Work one = weights == GgmlType.I8 ? Work.int8Gemm(rows, m[0], m[1]) : Work.gemm(GgmlType.F16, m[0], m[1], rows, GgmlType.F16);
            int times = m[2] == PER_LAYER ? layers : 1;
            mm = mm.plus(one.times(times));
            launches += times;
        }
        // Full (non-causal) attention of every patch over every patch, per layer, in tiles of queries.
        Work attn = Op.tiledAttention(heads, heads, hidden / heads, n, n, false).times(layers);
        // Two norms and two residual adds per layer and patch; GELU in each MLP and in the projector.
        Work norms = Work.elementwise(hidden, 2).times(4L * n * layers).plus(Work.elementwise(intermediate, 1).times((long) n * layers))
                .plus(Work.elementwise(projectorHidden, 1).times(tokens()));
        return List.of(new Op(name + " matmuls", Op.OpClass.MATMUL, mm, launches),
                new Op(name + " attention", Op.OpClass.ATTENTION, attn, layers),
                new Op(name + " norms", Op.OpClass.ELEMENTWISE, norms, 4 * layers));
    }
}
