package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys are readable by their owner only (ssh refuses a login key others can read). */
class KeyModesTest {
    private static void run(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(0, Nanomind.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), err.toString());
    }

    @Test
    void bothKeygensWritePrivateKeysWithMode0600(@TempDir Path dir) throws Exception {
        run("board", "keygen", "--out", dir.toString());
        run("policy", "keygen", "--out", dir.toString());
        for (String secret : new String[] {"id_ecdsa", "policy.key"}) {
            Path f = dir.resolve(secret);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), secret);
        }
        try (var s = Files.list(dir)) {
            assertEquals(4, s.filter(f -> !f.getFileName().toString().endsWith(".tmp")).count(), "two keys, two public halves, no temporaries");
        }
    }
}
