package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class NanomindCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheSubcommandsAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: nanomind"), out.toString());
        assertTrue(out.toString().contains("bench"), out.toString());
    }

    @Test
    void versionNamesTheProjectVersionAndTheJava() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("nanomind 0."), out.toString());
        assertFalse(out.toString().contains("unknown version"), "the version resource is filtered by Maven");
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertEquals(2, run("no-such-command"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
        assertEquals(2, run("bench", "sim", "--forks", "zero"));
        assertEquals(2, run("bench", "sim", "--iterations", "0"));
        assertTrue(err.toString().contains("--iterations must be >= 1"), err.toString());
    }

    /**
     * A mistake in how a command was called exits 2 whichever command it is, before any work; 1 is for work
     * that failed. These four exited 1 (the check ran as a failure of the work).
     */
    @Test
    void aBadOptionValueOrAMissingOptionIsAUsageErrorEverywhere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path out = dir.resolve("trace.csv");
        assertEquals(2, run("telemetry", "pull", "--board", "ssh://nobody@127.0.0.1:1", "--identity", "k", "--rate", "0", "--out", out.toString()));
        assertTrue(err.toString().contains("--rate must be within (0, 100] Hz"), err.toString());
        assertEquals(2, run("calibrate", "--out", dir.resolve("c.yaml").toString()));
        assertTrue(err.toString().contains("give a telemetry trace"), err.toString());
        assertEquals(2, run("deploy", dir.resolve("p.signed").toString(), "--board", "ssh://nobody@127.0.0.1:1"));
        assertTrue(err.toString().contains("needs --identity"), err.toString());
        assertEquals(2, run("board", "serve", "--root", dir.resolve("board").toString()));
        assertTrue(err.toString().contains("needs --trust"), err.toString());
        assertFalse(java.nio.file.Files.exists(out), "nothing is written on a usage error");
    }

    @Test
    void runWritesTheSummaryAndValidateNamesTheBadLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertEquals(0, run("run", "cascade", "--until", "1", "--out", dir.toString()));
        assertTrue(java.nio.file.Files.exists(dir.resolve("summary.json")));
        assertTrue(out.toString().contains("battery life           not empty after 1 h simulated"), out.toString());
        assertEquals(0, run("list"));
        assertTrue(out.toString().contains("scenarios: cascade"), out.toString());

        java.nio.file.Path bad = dir.resolve("bad.yaml");
        String text = org.nanomind.scenarios.ScenarioFile.builtinText("cascade").replace("handover: zero-copy", "handover: zerocopy");
        java.nio.file.Files.writeString(bad, text);
        assertEquals(1, run("validate", bad.toString()));
        String line = err.toString().strip();
        assertTrue(line.startsWith("nanomind: " + bad + ":") && line.contains("'handover'") && !line.contains("\n"), line);
        assertFalse(line.contains("Exception"), "no stack trace for a user mistake: " + line);
        assertEquals(2, run("run", "cascade", "--until", "-1"));
    }

    @Command(name = "failing")
    static final class Failing implements Runnable {
        @Override
        public void run() {
            throw new IllegalArgumentException("scenario.yaml:3:7: field 'seed' must be an integer");
        }
    }

    @Test
    void aFailedRunExitsWithOneAndPrintsOneLineWithoutAStackTrace() {
        CommandLine cmd = new CommandLine(new Failing());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler(new Failures());
        assertEquals(1, cmd.execute());
        assertEquals("nanomind: scenario.yaml:3:7: field 'seed' must be an integer", err.toString().strip());
    }
}
