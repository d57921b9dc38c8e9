package org.nanomind.kernels;

import java.util.SplittableRandom;

/**
 * The cases of this module's property tests: the first takes every parameter's lower end, the second its
 * upper end, the rest are drawn from {@link #SEED}. Each case's parameters are its test's name, so a failure
 * names what reproduces it.
 */
final class Cases {
    static final long SEED = 20261202L;

    private Cases() {
    }

    static long draw(SplittableRandom r, int i, long lo, long hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextLong(lo, hi); // hi itself is the second case's
    }

    static int draw(SplittableRandom r, int i, int lo, int hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextInt(lo, hi + 1);
    }
}
