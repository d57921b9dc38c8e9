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

    /** Writes {@code value} to {@code file} as one step ({@link AtomicFiles}): a failure leaves the old file whole. */
    static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, INDENTED.writeValueAsBytes(value));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }
}
