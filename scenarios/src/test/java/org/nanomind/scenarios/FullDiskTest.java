package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run onto a full disk (a 256 KiB tmpfs): it fails saying which file and why, and leaves no 0-byte
 * summary.json, no temporary file and no lock behind. Needs mount(8) and the right to mount, as root on this
 * machine kind; where it is refused the test says so and skips.
 */
class FullDiskTest {
    static Path disk;
    static boolean mounted;

    @BeforeAll
    static void mountATinyDisk() throws Exception {
        disk = Files.createTempDirectory("nanomind-full-disk");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        mounted = p.waitFor() == 0;
        if (!mounted) {
            System.err.println("SKIPPED FullDiskTest: cannot mount a tmpfs here (" + said.strip() + "); it needs root and mount(8)");
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    private static List<String> files(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunThatFillsTheDiskFailsNamingTheFileAndLeavesNothingHalfWritten() throws Exception {
        assumeTrue(mounted, "no tmpfs");
        Path out = disk.resolve("run");
        Scenario small = ScenarioFile.named("cascade").withOutputs(List.of("summary")).withUntil(600);
        Runner.run(small, out, null);
        assertTrue(Files.size(out.resolve("summary.json")) > 100);
        // A day of 1 Hz samples is megabytes of series.csv: far more than the disk holds.
        Scenario big = ScenarioFile.named("cascade").withOutputs(List.of("summary", "series")).withUntil(24 * 3600);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Runner.run(big, out, null));
        assertTrue(e.getMessage().contains("series.csv") && e.getMessage().contains("No space left"), e.getMessage());
        List<String> left = files(out);
        assertTrue(left.stream().noneMatch(f -> f.endsWith(".tmp")), "no temporary file: " + left);
        assertTrue(!left.contains("summary.json"), "the older run's summary is gone, not left beside a new series: " + left);
        try (var all = Files.list(out)) {
            for (Path f : all.toList()) {
                Files.delete(f); // the disk is the other test's too
            }
        }
    }

    @Test
    void aSummaryThatCannotBeWrittenLeavesNoEmptyFile() throws Exception {
        assumeTrue(mounted, "no tmpfs");
        Path out = Files.createDirectories(disk.resolve("summary"));
        Path filler = disk.resolve("filler");
        try {
            // Fill the disk to within a few hundred bytes: a summary.json (some KB) cannot be written.
            byte[] block = new byte[4096];
            try (var o = Files.newOutputStream(filler)) {
                while (true) {
                    o.write(block);
                    o.flush();
                }
            } catch (java.io.IOException full) {
                // the disk is full
            }
            Scenario sc = ScenarioFile.named("cascade").withOutputs(List.of("summary")).withUntil(600);
            RuntimeException e = assertThrows(RuntimeException.class, () -> Runner.run(sc, out, null));
            assertTrue(e.getMessage().contains("summary.json") || e.getMessage().contains("No space left"), e.getMessage());
            assertEquals(List.of(), files(out).stream().filter(f -> f.equals("summary.json") || f.endsWith(".tmp")).toList(),
                    "no empty summary.json, no temporary file");
            Files.delete(filler);
            // The lock was released (its file stays, as a lock file does): the next run into the folder proceeds.
            Runner.run(sc, out, null);
            assertTrue(Files.size(out.resolve("summary.json")) > 100);
        } finally {
            Files.deleteIfExists(filler);
        }
    }
}
