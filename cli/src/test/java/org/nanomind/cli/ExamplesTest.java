package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in examples/ is valid as the README and the docs use it (scenarios and sweeps, models and
 * platform), and runs: a scenario for six simulated minutes, a sweep for its first point.
 */
class ExamplesTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String run(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expected, code, String.join(" ", args) + ": " + err + out);
        return out.toString();
    }

    @Test
    void thereAreTheExamplesTheReadmeNames() throws IOException {
        assertTrue(examples().size() >= 7, "the examples are where the README says: " + examples());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAndRuns(Path f, @TempDir Path dir) throws IOException {
        assertTrue(run(0, "validate", f.toString()).contains("valid"));
        if (Files.readString(f).lines().anyMatch(l -> l.startsWith("sweep:"))) {
            run(0, "sweep", f.toString(), "--first", "1", "--workers", "1", "--out", dir.toString());
            List<String> rows = Files.readAllLines(dir.resolve("results.csv"));
            assertEquals(3, rows.size(), "the stamp, the header and the first point: " + rows);
            assertTrue(Files.exists(dir.resolve("index.html")));
        } else {
            run(0, "run", f.toString(), "--until", "0.1", "--out", dir.toString());
            List<Path> summaries;
            try (Stream<Path> w = Files.walk(dir)) {
                summaries = w.filter(p -> p.getFileName().toString().equals("summary.json")).toList();
            }
            assertTrue(!summaries.isEmpty(), "a summary (one a variant, if it compares variants) in " + dir);
            for (Path s : summaries) {
                assertTrue(Files.readString(s).contains("\"battery_hours\""), s.toString());
            }
        }
    }
}
