package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random interleavings of a producer and a consumer over the TABM ring: no slot is read before it is
 * written, none is written twice before it is read, none leaks, and producer and consumer never hold the
 * same slot.
 */
class TabmPropertiesTest {
    /**
     * The cases of a property: the first takes every parameter's lower end, the second its upper end, the
     * rest are drawn from {@link #CASE_SEED}. Each case's parameters are its test's name, so a failure
     * names what reproduces it.
     */
    static final long CASE_SEED = 20261202L;

    private static long draw(SplittableRandom r, int i, long lo, long hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextLong(lo, hi); // hi itself is the second case's
    }

    private static int draw(SplittableRandom r, int i, int lo, int hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextInt(lo, hi + 1);
    }

    static Stream<Arguments> producerAndConsumerNeverCollideCases() {
        SplittableRandom r = new SplittableRandom(CASE_SEED);
        return IntStream.range(0, 300).mapToObj(i -> Arguments.of(draw(r, i, 0L, 1_000_000L), draw(r, i, 1, 6)));
    }

    @ParameterizedTest(name = "seed={0}, slots={1}")
    @MethodSource("producerAndConsumerNeverCollideCases")
    void producerAndConsumerNeverCollide(long seed, int slots) {
        Tabm t = new Tabm(slots, 1024);
        Random r = new Random(seed);
        Set<Integer> writing = new HashSet<>();
        Set<Integer> reading = new HashSet<>();
        ArrayDeque<Integer> written = new ArrayDeque<>();
        long produced = 0;
        long consumed = 0;
        for (int step = 0; step < 400; step++) {
            switch (r.nextInt(4)) {
                case 0 -> {
                    int s = t.acquireWrite();
                    if (s >= 0) {
                        assertTrue(!writing.contains(s) && !reading.contains(s) && !written.contains(s),
                                "slot " + s + " handed to the producer while in use");
                        writing.add(s);
                    } else {
                        assertEquals(slots, writing.size() + reading.size() + written.size(), "refused only when none is free");
                    }
                }
                case 1 -> {
                    if (!writing.isEmpty()) {
                        int s = writing.iterator().next();
                        t.commit(s);
                        writing.remove(s);
                        written.add(s);
                        produced++;
                    }
                }
                case 2 -> {
                    int s = t.acquireRead();
                    if (s >= 0) {
                        assertEquals(written.poll(), s, "slots are read in the order written, and only once written");
                        reading.add(s);
                    } else {
                        assertTrue(written.isEmpty(), "refused only when nothing is ready");
                    }
                }
                default -> {
                    if (!reading.isEmpty()) {
                        int s = reading.iterator().next();
                        t.release(s);
                        reading.remove(s);
                        consumed++;
                    }
                }
            }
            int free = 0;
            for (int s = 0; s < slots; s++) {
                if (t.state(s) == Tabm.State.FREE) {
                    free++;
                }
            }
            assertEquals(slots, free + writing.size() + reading.size() + written.size(), "no slot leaks");
        }
        assertTrue(consumed <= produced);
    }

    @Test
    void illegalMovesAreRefused() {
        Tabm t = new Tabm(2, 10);
        int s = t.acquireWrite();
        assertThrows(IllegalStateException.class, () -> t.release(s), "released before it was read");
        t.commit(s);
        var twice = assertThrows(IllegalStateException.class, () -> t.commit(s), "written twice before it was read");
        assertTrue(twice.getMessage().contains("READY_TO_READ"), twice.getMessage());
        assertEquals(s, t.acquireRead());
        assertThrows(IllegalStateException.class, () -> t.commit(s));
        t.release(s);
        assertEquals(Tabm.State.FREE, t.state(s));
    }
}
