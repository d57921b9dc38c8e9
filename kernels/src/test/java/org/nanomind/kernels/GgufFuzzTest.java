package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated GGUF images: whatever the damage, the reader either reads the file or throws a
 * GgufFormatException; anything else (an OutOfMemoryError, an IndexOutOfBounds, a hang) fails.
 */
class GgufFuzzTest {
    private static final byte[] VALID = GgufFileTest.sample(Arena.ofAuto()).toBytes();

    static Stream<Arguments> mutatedFilesReadOrFailWithAFormatErrorCases() {
        SplittableRandom r = new SplittableRandom(Cases.SEED);
        return IntStream.range(0, 2000).mapToObj(i -> Arguments.of(Cases.draw(r, i, 0L, Long.MAX_VALUE), Cases.draw(r, i, 1, 8)));
    }

    @ParameterizedTest(name = "seed={0}, mutations={1}")
    @MethodSource("mutatedFilesReadOrFailWithAFormatErrorCases")
    void mutatedFilesReadOrFailWithAFormatError(long seed, int mutations) {
        java.util.Random r = new java.util.Random(seed);
        byte[] b = VALID.clone();
        // Mutate the header part mostly: that is where counts, sizes and offsets live.
        int header = Math.min(b.length, 900);
        for (int i = 0; i < mutations; i++) {
            int at = r.nextInt(r.nextInt(4) == 0 ? b.length : header);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
                default -> b[at] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
            }
        }
        if (r.nextInt(5) == 0) {
            b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
        }
        try {
            GgufFile f = GgufFile.parse(MemorySegment.ofArray(b), "fuzz.gguf");
            for (GgufTensor t : f.tensors()) {
                f.data(t); // every tensor the reader accepts must be addressable
            }
        } catch (GgufFormatException e) {
            // A clear error: it names a field and an offset inside the file.
            assertFalse(e.field().isEmpty(), e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
            assertTrue(e.getMessage().startsWith("fuzz.gguf: "), e.getMessage());
        }
    }
}
