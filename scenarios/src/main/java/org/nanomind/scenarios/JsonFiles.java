package org.nanomind.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/** The JSON files a run, a comparison or a sweep writes: maps and lists, indented, one mapper for all. */
final class JsonFiles {
    static final ObjectMapper INDENTED = new ObjectMapper().rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonFiles() {
    }

    static void write(Path file, Object value) {
        try {
            INDENTED.writeValue(file.toFile(), value);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }
}
