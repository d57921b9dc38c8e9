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

/** Every file in examples/ is valid as the README and the docs use it: scenarios and sweeps, models and platform. */
class ExamplesTest {
    @Test
    void everyExampleValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "the examples are where the README says: " + files);
        for (Path f : files) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Nanomind.execute(new String[] {"validate", f.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, f + ": " + err);
            assertTrue(out.toString().contains("valid"), out.toString());
        }
    }
}
