package org.nanomind.soc;

import org.nanomind.kernels.Work;

/**
 * A unit of scheduled work of a brick: the work of a group of kernels (say the matmuls of one decode
 * step over all layers), the class whose efficiency applies, and how many kernel launches it takes.
 * Grouping by class keeps a 20-hour run at token granularity fast, and is exact where a group's kernels
 * share their bound (all decode matmuls are memory-bound).
 */
public record Op(String name, OpClass opClass, Work work, int launches) {
    public Op {
        if (launches < 0) {
            throw new IllegalArgumentException("launches must be >= 0");
        }
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
