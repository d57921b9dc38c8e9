package org.nanomind.kernels;

import java.util.Locale;
import java.util.Optional;

/**
 * llama.cpp's quantization mixtures, the names its users pick (`llama-quantize model.gguf Q4_K_M`): each gives
 * every tensor of a decoder its own type, as llama_tensor_get_type (src/llama-quant.cpp) chooses it. A base
 * type for most matrices; more bits for the value projections and the feed-forward down projections of some
 * layers (those {@link #moreBits} picks: the first and last eighth, and every third in between), and for the
 * output matrix; and a fallback where a row's length is not a whole number of the type's blocks (Qwen2-0.5B's
 * 896: a K-quant's 256-weight super-blocks do not fit, so Q4_K becomes Q5_0, Q5_K Q5_1, Q6_K Q8_0).
 * Rules for mixture-of-experts, Falcon and 70B models are left out: the twin's decoders are none of those.
 */
public enum QuantMix {
    Q2_K(GgmlType.Q2_K), Q3_K_S(GgmlType.Q3_K), Q3_K_M(GgmlType.Q3_K), Q3_K_L(GgmlType.Q3_K), Q4_K_S(GgmlType.Q4_K),
    Q4_K_M(GgmlType.Q4_K), Q5_K_S(GgmlType.Q5_K), Q5_K_M(GgmlType.Q5_K);

    /** The tensors of a decoder whose type a mixture decides. */
    public enum Role { TOKEN_EMBD, OUTPUT, ATTN_Q, ATTN_K, ATTN_V, ATTN_OUTPUT, FFN_GATE, FFN_UP, FFN_DOWN }

    private final GgmlType base;

    QuantMix(GgmlType base) {
        this.base = base;
    }

    /** The type most matrices get. */
    public GgmlType base() {
        return base;
    }

    /**
     * The mixture a name gives (any case), if it is one. A name that is also a GGUF type ({@code Q2_K}) names the
     * plain type, every matrix at it; llama.cpp's Q2_K mixture is {@link #Q2_K} itself.
     */
    public static Optional<QuantMix> named(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (GgmlType t : GgmlType.values()) {
            if (t.name().equals(n)) {
                return Optional.empty();
            }
        }
        for (QuantMix m : values()) {
            if (m.name().equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** use_more_bits: the first and last eighth of the layers, and every third layer in between. */
    static boolean moreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /**
     * The type of the tensor of {@code role} in layer {@code layer} of {@code layers} (ignored for the embeddings
     * and the output), whose rows are {@code cols} long; {@code tied} when the output matrix is the token
     * embeddings (they then take the output's type); {@code gqa} is query heads per key-value head.
     */
    public GgmlType typeOf(Role role, int layer, int layers, long cols, boolean tied, int gqa) {
        GgmlType t = base;
        if (role == Role.OUTPUT || tied && role == Role.TOKEN_EMBD) {
            t = cols % base.blockSize() != 0 ? GgmlType.Q8_0 : GgmlType.Q6_K;
        } else if (role == Role.ATTN_V) {
            t = switch (this) {
                case Q2_K -> gqa >= 4 ? GgmlType.Q4_K : GgmlType.Q3_K;
                case Q3_K_M -> layer < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
                case Q3_K_L -> GgmlType.Q5_K;
                case Q4_K_M, Q5_K_M -> moreBits(layer, layers) ? GgmlType.Q6_K : base;
                case Q4_K_S -> layer < 4 ? GgmlType.Q5_K : base;
                default -> base;
            };
        } else if (role == Role.FFN_DOWN) {
            t = switch (this) {
                case Q2_K -> GgmlType.Q3_K;
                case Q3_K_M -> layer < layers / 16 ? GgmlType.Q5_K : GgmlType.Q4_K;
                case Q3_K_L -> GgmlType.Q5_K;
                case Q4_K_M, Q5_K_M -> moreBits(layer, layers) ? GgmlType.Q6_K : base;
                case Q4_K_S -> layer < layers / 8 ? GgmlType.Q5_K : base;
                default -> base;
            };
        } else if (role == Role.ATTN_OUTPUT) {
            t = switch (this) {
                case Q2_K -> GgmlType.Q3_K;
                case Q3_K_M -> GgmlType.Q4_K;
                case Q3_K_L -> GgmlType.Q5_K;
                default -> base;
            };
        }
        return fallback(t, cols);
    }

    /**
     * tensor_type_fallback: a type whose blocks do not tile a row of {@code cols} gives way to one of 32-weight
     * blocks (llama.cpp applies it to every tensor, `--pure` included), else to F16.
     */
    public static GgmlType fallback(GgmlType t, long cols) {
        if (cols % t.blockSize() == 0) {
            return t;
        }
        GgmlType f = switch (t) {
            case Q2_K, Q3_K -> GgmlType.Q4_0;
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> t;
        };
        return cols % f.blockSize() == 0 ? f : GgmlType.F16;
    }
}
