package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The layer kernels against their references over random shapes, odd lengths included. */
class OpsTest {
    private static float[] gaussian(Random r, int n) {
        return FusedDequantGemvTest.gaussian(r, n);
    }

    private static void close(float[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rel * Math.abs(expected[i]) + abs, what + " at " + i);
        }
    }

    static Stream<Arguments> rmsNormSoftmaxAndActivationsCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 100).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 300)));
    }

    @ParameterizedTest(name = "seed={0}, n={1}")
    @MethodSource("rmsNormSoftmaxAndActivationsCases")
    void rmsNormSoftmaxAndActivations(long seed, int n) {
        Random r = new Random(seed);
        float[] x = gaussian(r, n);
        float[] weight = gaussian(r, n);
        float[] out = new float[n + 3];
        Ops.rmsNorm(x, 0, weight, 1e-6f, out, 3, n);
        close(Reference.rmsNorm(x, weight, 1e-6f), java.util.Arrays.copyOfRange(out, 3, n + 3), 1e-5, 1e-6, "rmsNorm");

        float[] s = x.clone();
        Ops.softmax(s, 0, n);
        close(Reference.softmax(x), s, 1e-5, 1e-7, "softmax");
        double sum = 0;
        for (float v : s) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5, "softmax sums to 1");

        for (Activation act : Activation.values()) {
            float[] a = x.clone();
            Ops.activate(act, a, 0, n);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                double v = x[i];
                expected[i] = (float) switch (act) {
                    case NONE -> v;
                    case SILU -> v / (1 + Math.exp(-v));
                    case GELU -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                };
            }
            close(expected, a, 1e-5, 1e-6, act.name());
        }
        float[] up = gaussian(r, n);
        float[] swiglu = new float[n];
        Ops.siluMul(x, up, swiglu, n);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] / (1 + Math.exp(-x[i])) * up[i], swiglu[i], 1e-5 * Math.abs(swiglu[i]) + 1e-6);
        }
    }

    static Stream<Arguments> ropeRotatesPairsByTheRightAngleCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 60).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 8), Cases.draw(r, i, 1, 40), Cases.draw(r, i, 0, 5000)));
    }

    @ParameterizedTest(name = "seed={0}, heads={1}, halfDim={2}, pos={3}")
    @MethodSource("ropeRotatesPairsByTheRightAngleCases")
    void ropeRotatesPairsByTheRightAngle(long seed, int heads, int halfDim, int pos) {
        Random r = new Random(seed);
        int d = 2 * halfDim;
        float[] x = gaussian(r, heads * d);
        for (Ops.RopeMode mode : Ops.RopeMode.values()) {
            float[] y = x.clone();
            Ops.rope(y, 0, heads, d, pos, 10000f, mode);
            close(Reference.rope(x, heads, d, pos, 10000f, mode), y, 1e-4, 1e-4, "rope " + mode);
        }
    }

    static Stream<Arguments> attentionOverAKvCacheMatchesTheDefinitionCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 60).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 4), Cases.draw(r, i, 1, 3), Cases.draw(r, i, 1, 70), Cases.draw(r, i, 1, 40)));
    }

    @ParameterizedTest(name = "seed={0}, kvHeads={1}, group={2}, headDim={3}, positions={4}")
    @MethodSource("attentionOverAKvCacheMatchesTheDefinitionCases")
    void attentionOverAKvCacheMatchesTheDefinition(long seed, int kvHeads, int group, int headDim, int positions) {
        Random r = new Random(seed);
        int heads = kvHeads * group;
        KvCache cache = new KvCache(positions, kvHeads, headDim);
        float[][] keys = new float[positions][];
        float[][] values = new float[positions][];
        for (int p = 0; p < positions; p++) {
            keys[p] = gaussian(r, kvHeads * headDim);
            values[p] = gaussian(r, kvHeads * headDim);
            cache.append(keys[p], 0, values[p], 0);
        }
        float[] q = gaussian(r, heads * headDim);
        float[] out = new float[heads * headDim];
        Work w = Attention.attend(q, 0, cache, heads, out, 0);
        float[] ref;
        Work counted;
        try (LoadCount c = LoadCount.open()) {
            ref = Reference.attention(q, keys, values, heads, kvHeads, headDim);
            counted = c.work(null, "activations", "kv");
        }
        close(ref, out, 1e-4, 1e-5, "attention");
        assertEquals(counted, w, "the kernel's charge against what the definition read and computed");
    }

    static Stream<Arguments> aTileOfQueriesAttendsAsEachQueryWouldAloneCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 50).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 3), Cases.draw(r, i, 1, 2), Cases.draw(r, i, 1, 40), Cases.draw(r, i, 1, 30), Cases.draw(r, i, 1, 9)));
    }

    @ParameterizedTest(name = "seed={0}, kvHeads={1}, group={2}, headDim={3}, positions={4}, tile={5}")
    @MethodSource("aTileOfQueriesAttendsAsEachQueryWouldAloneCases")
    void aTileOfQueriesAttendsAsEachQueryWouldAlone(long seed, int kvHeads, int group, int headDim, int positions, int tile) {
        Random r = new Random(seed);
        int heads = kvHeads * group;
        int queries = Math.min(tile, positions);
        KvCache cache = new KvCache(positions, kvHeads, headDim);
        float[][] keys = new float[positions][];
        float[][] values = new float[positions][];
        for (int p = 0; p < positions; p++) {
            keys[p] = gaussian(r, kvHeads * headDim);
            values[p] = gaussian(r, kvHeads * headDim);
            cache.append(keys[p], 0, values[p], 0);
        }
        float[] q = gaussian(r, queries * heads * headDim);
        for (boolean causal : new boolean[] {true, false}) {
            float[] out = new float[queries * heads * headDim];
            Work w = Attention.attendTile(q, 0, queries, cache, heads, causal, out, 0);
            for (int i = 0; i < queries; i++) {
                int visible = causal ? positions - queries + i + 1 : positions;
                float[] qi = java.util.Arrays.copyOfRange(q, i * heads * headDim, (i + 1) * heads * headDim);
                float[] expected = Reference.attention(qi, java.util.Arrays.copyOf(keys, visible),
                        java.util.Arrays.copyOf(values, visible), heads, kvHeads, headDim);
                close(expected, java.util.Arrays.copyOfRange(out, i * heads * headDim, (i + 1) * heads * headDim), 1e-4, 1e-5,
                        (causal ? "causal" : "full") + " query " + i);
            }
            assertEquals(Work.attentionTile(heads, kvHeads, headDim, queries, positions, causal), w);
            assertEquals(2L * kvHeads * headDim * positions * 4, w.kvBytesRead(), "each K and V row read once per tile");
        }
    }

    static Stream<Arguments> streamingLinearAttentionEqualsItsNonStreamingDefinitionCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 60).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 4), Cases.draw(r, i, 1, 33), Cases.draw(r, i, 1, 33), Cases.draw(r, i, 1, 30)));
    }

    @ParameterizedTest(name = "seed={0}, heads={1}, keyDim={2}, valueDim={3}, tokens={4}")
    @MethodSource("streamingLinearAttentionEqualsItsNonStreamingDefinitionCases")
    void streamingLinearAttentionEqualsItsNonStreamingDefinition(long seed, int heads, int keyDim, int valueDim, int tokens) {
        Random r = new Random(seed);
        LinearAttention la = new LinearAttention(heads, keyDim, valueDim);
        float[][] keys = new float[tokens][];
        float[][] values = new float[tokens][];
        float[] out = new float[heads * valueDim];
        for (int t = 0; t < tokens; t++) {
            keys[t] = gaussian(r, heads * keyDim);
            values[t] = gaussian(r, heads * valueDim);
            float[] q = gaussian(r, heads * keyDim);
            la.step(q, keys[t], values[t], out);
            float[][] k = java.util.Arrays.copyOf(keys, t + 1);
            float[][] v = java.util.Arrays.copyOf(values, t + 1);
            close(Reference.linearAttention(q, k, v, heads, keyDim, valueDim), out, 1e-4, 1e-5, "token " + t);
        }
    }

    static Stream<Arguments> int8GemmAccumulatesExactlyAndRequantizesCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 80).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, 1_000_000L), Cases.draw(r, i, 1, 9), Cases.draw(r, i, 1, 20), Cases.draw(r, i, 1, 300), Cases.draw(r, i, 1, 3)));
    }

    @ParameterizedTest(name = "seed={0}, m={1}, n={2}, k={3}, threads={4}")
    @MethodSource("int8GemmAccumulatesExactlyAndRequantizesCases")
    void int8GemmAccumulatesExactlyAndRequantizes(long seed, int m, int n, int k, int threads) {
        Random r = new Random(seed);
        try (Arena arena = Arena.ofShared(); KernelPool pool = new KernelPool(threads)) {
            MemorySegment a = arena.allocate((long) m * k);
            MemorySegment b = arena.allocate((long) n * k);
            for (long i = 0; i < a.byteSize(); i++) {
                a.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (r.nextInt(256) - 128));
            }
            for (long i = 0; i < b.byteSize(); i++) {
                b.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (r.nextInt(256) - 128));
            }
            int[] c = new int[m * n];
            Int8Gemm.accumulate(pool, a, b, m, n, k, c);
            int[] ref = Reference.int8Accumulate(a, b, m, n, k);
            assertArrayEquals(ref, c, "INT32 accumulation is exact");

            float[] scaleB = new float[n];
            for (int j = 0; j < n; j++) {
                scaleB[j] = 0.001f + 0.01f * r.nextFloat();
            }
            byte[] out = new byte[m * n];
            Work w = Int8Gemm.gemm(pool, a, 0.02f, b, scaleB, 0.5f, 3, m, n, k, out);
            for (int i = 0; i < m * n; i++) {
                double real = ref[i] * 0.02 * scaleB[i % n] / 0.5;
                long expected = Math.max(-128, Math.min(127, Math.round(real) + 3));
                assertEquals(expected, out[i], 1, "requantized output " + i + " (real " + real + ")");
            }
            assertEquals(Work.int8Gemm(m, n, k), w);
        }
    }
}
