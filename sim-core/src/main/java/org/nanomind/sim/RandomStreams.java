package org.nanomind.sim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named, independent random streams derived from one seed. Each stream's seed depends only on the run
 * seed and the stream's name, so adding a stream, or drawing more from one, never changes the numbers
 * another stream draws. The generator is DSOL's Mersenne Twister.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, RandomStream> streams = new LinkedHashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream called {@code name}, created on first use. */
    public RandomStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new RandomStream(n, seedFor(seed, n)));
    }

    /**
     * The seed of stream {@code name} under run seed {@code seed}: a SplitMix64 mix of both, folded into
     * the positive range DSOL's Mersenne Twister accepts.
     */
    static long seedFor(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 name
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (mix(mix(seed) ^ h) >>> 2) + 1;
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
