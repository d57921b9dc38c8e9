package org.nanomind.soc;

import java.util.Map;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * A unit of scheduled work of a brick: the work of a group of kernels (say the matmuls of one decode
 * step over all layers), the class whose efficiency applies, and how many kernel launches it takes.
 * Grouping by class keeps a 20-hour run at token granularity fast, and is exact where a group's kernels
 * share their bound (all decode matmuls are memory-bound). A decode step's matmuls also say how many weights
 * of each GGUF type their dot products go through ({@code gemvWeights}): on a CPU, llama.cpp's dot product
 * unpacks every weight, and what that costs depends on the type.
 */
public record Op(String name, OpClass opClass, Work work, int launches, Map<GgmlType, Long> gemvWeights) {
    /** An operation without a quantized GEMV's per-weight dot products. */
    public Op(String name, OpClass opClass, Work work, int launches) {
        this(name, opClass, work, launches, Map.of());
    }

    /** Queries per tile of prefill and encoder attention: each K and V row is read once per tile. */
    public static final int ATTENTION_TILE = 64;

    /**
     * Attention of {@code queries} tokens at once over {@code keys} positions (the queries being the last
     * of them when causal), in tiles of {@link #ATTENTION_TILE}, as the kernels' attendTile does.
     */
    public static Work tiledAttention(int heads, int kvHeads, int headDim, int queries, int keys, boolean causal) {
        Work w = Work.NONE;
        for (int start = 0; start < queries; start += ATTENTION_TILE) {
            int n = Math.min(ATTENTION_TILE, queries - start);
            int seen = causal ? keys - queries + start + n : keys;
            w = w.plus(Work.attentionTile(heads, kvHeads, headDim, n, seen, causal));
        }
        return w;
    }

    public Op {
        if (launches < 0) {
            throw new IllegalArgumentException("launches must be >= 0");
        }
        gemvWeights = Map.copyOf(gemvWeights);
    }

    /** Efficiency classes, named as in platform files. */
    public enum OpClass {
        MATMUL("matmul"), ATTENTION("attention"), ELEMENTWISE("elementwise"), SYNTHESIS("synthesis");

        private final String key;

        OpClass(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
