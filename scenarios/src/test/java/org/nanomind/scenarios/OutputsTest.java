package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder, nothing half-written, and no old summary beside a new run's files. */
class OutputsTest {
    private static final Scenario SHORT = ScenarioFile.named("cascade").withUntil(600);

    @Test
    void aSecondWriterIntoTheSameFolderIsRefusedWithTheFirstsPid(@TempDir Path dir) {
        try (OutputLock held = OutputLock.of(dir, "a test holding it")) {
            OutputInUse e = assertThrows(OutputInUse.class, () -> Runner.run(SHORT, dir, null));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid() + ", a test holding it")
                    && e.getMessage().contains("--out"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("summary.json")), "the refused run wrote nothing");
        }
        Runner.run(SHORT, dir, null);
        assertTrue(Files.exists(dir.resolve("summary.json")), "released: the next run writes");
    }

    @Test
    void twoSweepsIntoOneFolderDoNotMix(@TempDir Path dir) {
        Sweep sw = SweepFile.parse(SweepTest.SMALL, "s.yaml", null);
        try (OutputLock held = OutputLock.of(dir, "nanomind sweep first")) {
            OutputInUse e = assertThrows(OutputInUse.class, () -> SweepRun.run(sw, dir, 1, false, null));
            assertTrue(e.getMessage().contains("nanomind sweep first"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("results.csv")), "the second sweep wrote nothing");
        }
    }

    /** Another process holds the folder; once it is killed (-9), the system has released its lock. */
    @Test
    void aKilledHolderLeavesNoStaleLock(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            assertEquals("locked", out.readLine());
            OutputInUse e = assertThrows(OutputInUse.class, () -> Runner.run(SHORT, dir, null));
            assertTrue(e.getMessage().contains("pid " + p.pid()), e.getMessage());
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        Runner.run(SHORT, dir, null);
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void aNewRunRemovesTheOldSummaryBeforeWritingAnything(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{\"old\": true}");
        Files.writeString(dir.resolve("index.html"), "<p>old report</p>");
        try (Outputs o = Outputs.open(dir, SHORT, List.of("whisper-base"))) {
            assertFalse(Files.exists(dir.resolve("summary.json")) || Files.exists(dir.resolve("index.html")),
                    "a run killed from here on leaves no old summary beside its new series");
        }
    }

    @Test
    void aJsonFileThatCannotBeWrittenLeavesTheOldOneWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, "{\"old\": true}\n");
        // Jackson fails half-way through the document, after "{ "x" : {" was produced: the file must not be torn.
        assertThrows(UncheckedIOException.class, () -> JsonFiles.write(file, Map.of("x", new Unwritable())));
        assertEquals("{\"old\": true}\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("summary.json.tmp")), "no temporary left behind");
    }

    /** A value whose property cannot be read: serializing it fails in the middle of the document. */
    public static final class Unwritable {
        public int getValue() {
            throw new IllegalStateException("this figure cannot be written");
        }
    }
}
