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

    /**
     * Writes {@code value} to {@code file} as one step: into a temporary file beside it, then moved over it,
     * so a failure (a full disk, a value that cannot be written) leaves the old file whole, never a torn one.
     */
    static void write(Path file, Object value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            java.nio.file.Files.write(tmp, INDENTED.writeValueAsBytes(value));
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                java.nio.file.Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed first; that is the error to report
            }
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }
}
