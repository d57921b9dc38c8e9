package org.nanomind.soc;

import java.util.ArrayList;
import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.GgufFile;
import org.nanomind.kernels.GgufTensor;
import org.nanomind.kernels.QuantMix;

/**
 * The type of each weight matrix of a decoder: per layer q, k, v, o, gate, up and down (in that order), the
 * token embeddings and the LM head. One type for all (a plain `quantization: Q4_K`, as `llama-quantize --pure`
 * writes), a llama.cpp mixture (`Q4_K_M`), or what a GGUF file holds, tensor by tensor.
 */
public record WeightTypes(List<List<GgmlType>> layers, GgmlType embeddings, GgmlType head) {
    private static final QuantMix.Role[] ROLES = {QuantMix.Role.ATTN_Q, QuantMix.Role.ATTN_K, QuantMix.Role.ATTN_V,
        QuantMix.Role.ATTN_OUTPUT, QuantMix.Role.FFN_GATE, QuantMix.Role.FFN_UP, QuantMix.Role.FFN_DOWN};
    private static final String[] TENSORS = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"};

    public WeightTypes {
        layers = layers.stream().map(List::copyOf).toList();
    }

    /**
     * Every matrix at {@code t}, as `llama-quantize --pure` writes it: but for a row length its blocks do not tile
     * ({@code cols[m]} for matrix m, {@code hidden} for the embeddings and head), where llama.cpp falls back too.
     */
    public static WeightTypes uniform(GgmlType t, int layers, int[] cols, int hidden) {
        List<GgmlType> row = java.util.Arrays.stream(cols).mapToObj(c -> QuantMix.fallback(t, c)).toList();
        GgmlType wide = QuantMix.fallback(t, hidden);
        return new WeightTypes(java.util.Collections.nCopies(layers, row), wide, wide);
    }

    /** The types llama.cpp's mixture gives a decoder of this shape; {@code cols[m]} is matrix m's row length. */
    public static WeightTypes of(QuantMix mix, int layers, int[] cols, int hidden, boolean tied, int gqa) {
        List<List<GgmlType>> ls = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<GgmlType> row = new ArrayList<>();
            for (int m = 0; m < ROLES.length; m++) {
                row.add(mix.typeOf(ROLES[m], l, layers, cols[m], tied, gqa));
            }
            ls.add(row);
        }
        return new WeightTypes(ls, mix.typeOf(QuantMix.Role.TOKEN_EMBD, 0, layers, hidden, tied, gqa),
                mix.typeOf(QuantMix.Role.OUTPUT, 0, layers, hidden, tied, gqa));
    }

    /** The types of a GGUF file's tensors (a missing projection takes the first layer's q type). */
    public static WeightTypes of(GgufFile f, int layers) {
        GgmlType q = f.tensor("blk.0.attn_q.weight").type();
        List<List<GgmlType>> ls = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<GgmlType> row = new ArrayList<>();
            for (String t : TENSORS) {
                GgufTensor x = f.tensor("blk." + l + "." + t + ".weight");
                row.add(x == null ? q : x.type());
            }
            ls.add(row);
        }
        GgmlType embd = f.tensor("token_embd.weight").type();
        GgufTensor out = f.tensor("output.weight");
        return new WeightTypes(ls, embd, out == null ? embd : out.type());
    }

    /** The type of matrix {@code m} (0..6: q, k, v, o, gate, up, down) of layer {@code layer}. */
    public GgmlType of(int layer, int m) {
        return layers.get(layer).get(m);
    }
}
