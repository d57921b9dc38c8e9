package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanomind.soc.InputException;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.YamlNode;

/**
 * Mutated scenario, platform and sweep files: whatever the damage, the file is read or refused with the
 * project's own error naming the file, never another exception (a NullPointerException, a
 * NumberFormatException, an IndexOutOfBounds, a stack overflow). Seeded; each case's seed is its name.
 */
class YamlFuzzTest {
    static final long SEED = 20261202L;
    static final int CASES = 400;

    static String platformText() {
        try (InputStream in = PlatformFile.class.getResourceAsStream("platforms/nanomind-rk3566.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        SplittableRandom r = new SplittableRandom(SEED);
        return IntStream.range(0, CASES).mapToObj(i -> Arguments.of(r.nextLong(), i % 3));
    }

    /** A few edits of the kinds a careless hand or a broken disk makes: a character changed, a line dropped or doubled, a cut. */
    static String mutate(String text, SplittableRandom r) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        String alphabet = "0123456789-:[]{},#&*!|>'\" \n\tabcxyzMHzGiB%.e";
        for (int k = 0; k < edits && b.length() > 1; k++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 3 -> {
                    int start = b.lastIndexOf("\n", at) + 1;
                    int end = b.indexOf("\n", at);
                    String line = b.substring(start, end < 0 ? b.length() : end + 1);
                    if (r.nextBoolean()) {
                        b.delete(start, start + line.length());
                    } else {
                        b.insert(start, line);
                    }
                }
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "seed={0}, kind={1}")
    @MethodSource("cases")
    void aMutatedFileIsReadOrRefusedWithTheProjectsError(long seed, int kind) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            switch (kind) {
                case 0 -> ScenarioFile.parse(mutate(ScenarioFile.builtinText("cascade"), r), "fuzz.yaml", null);
                case 1 -> PlatformFile.parse(YamlNode.parse(mutate(platformText(), r), "fuzz.yaml"));
                default -> SweepFile.parse(mutate(Files.readString(Path.of("..", "examples", "cascade-dse.yaml")), r), "fuzz.yaml", null);
            }
        } catch (InputException e) {
            assertTrue(e.getMessage().startsWith("fuzz.yaml") || e.getMessage().contains("fuzz.yaml"), e.getMessage());
        }
    }
}
