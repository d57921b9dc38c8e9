package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Golden;

/** A golden moves only with a written reason, and keeps the reasons it moved for. */
class BlessCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aMovedGoldenNeedsAReasonAndKeepsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cascade-tiny.json");
        assertEquals(0, run("bless", "cascade-tiny", "--golden", file.toString()), err.toString());
        Golden first = Golden.read(file);
        assertTrue(first.history().isEmpty(), "a first golden has nothing to explain");
        // Pretend the figures were different: every figure now moves against this doctored golden.
        Map<String, Golden.Expected> doctored = new java.util.LinkedHashMap<>();
        first.fields().forEach((k, e) -> doctored.put(k, Golden.Expected.exact(Double.isNaN(e.value()) ? e.value() : e.value() * 2 + 1)));
        new Golden(first.scenario(), first.seed(), doctored, first.history()).write(file);
        String before = Files.readString(file);
        assertEquals(2, run("bless", "cascade-tiny", "--golden", file.toString()));
        assertTrue(err.toString().contains("--reason"), err.toString());
        assertEquals(before, Files.readString(file), "refused: nothing written");
        assertEquals(0, run("bless", "cascade-tiny", "--golden", file.toString(), "--reason", "test: the figures were doctored"));
        Golden blessed = Golden.read(file);
        assertEquals(1, blessed.history().size());
        assertEquals("test: the figures were doctored", blessed.history().getFirst().reason());
        assertTrue(blessed.history().getFirst().moved().size() > 5 && blessed.history().getFirst().moved().getFirst().contains(" -> "));
        // The figures are the run's again, bit for bit: functional mode's accuracy figures too, though the kernels ran
        // interpreted in the first run and compiled in the third (their exp is StrictMath's, not the Vector API's).
        assertEquals(first.fields(), blessed.fields());
        assertTrue(blessed.historyText().contains("test: the figures were doctored"));
        assertTrue(blessed.fields().values().stream().allMatch(e -> e.tolerance() == 0), "figures are exact by default");

        // A tolerance needs its reason, moves the golden (so needs --reason too), and survives the next bless.
        assertEquals(2, run("bless", "cascade-tiny", "--golden", file.toString(), "--tolerance", "battery_hours=0.01"));
        assertTrue(err.toString().contains("--tolerance-reason"), err.toString());
        assertEquals(2, run("bless", "cascade-tiny", "--golden", file.toString(), "--tolerance", "battery_hours=0.01",
                "--tolerance-reason", "test: a loose figure"));
        assertEquals(0, run("bless", "cascade-tiny", "--golden", file.toString(), "--tolerance", "battery_hours=0.01",
                "--tolerance-reason", "test: a loose figure", "--reason", "test: loosen one figure"));
        assertEquals(0, run("bless", "cascade-tiny", "--golden", file.toString()), "nothing moved: no reason needed");
        Golden loose = Golden.read(file);
        assertEquals(new Golden.Expected(first.fields().get("battery_hours").value(), 0.01, "test: a loose figure"), loose.fields().get("battery_hours"));
        assertEquals(List.of("battery_hours: tolerance exact -> 1.000 %"), loose.history().getLast().moved());
    }
}
