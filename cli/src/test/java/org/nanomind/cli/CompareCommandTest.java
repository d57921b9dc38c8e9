package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nanomind compare SCENARIO --governors ...`: the table, the reasons, the files; a governor Linux lacks is a usage error. */
class CompareCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theSameScenarioUnderTwoGovernorsSaysWhyTheEnergyMoved(@TempDir Path dir) throws Exception {
        assertEquals(0, run("compare", "cascade", "--governors", "schedule,powersave", "--until", "2", "--out", dir.toString()), err.toString());
        assertTrue(out.toString().contains("powersave: race to idle wins over it"), out.toString());
        assertTrue(Files.exists(dir.resolve("comparison.csv")) && Files.exists(dir.resolve("powersave").resolve("summary.json")));
        assertTrue(Files.exists(dir.resolve("index.html")));
    }

    @Test
    void aGovernorLinuxDoesNotHaveIsAUsageError() {
        assertEquals(2, run("compare", "cascade", "--governors", "schedule,interactive"));
        assertTrue(err.toString().contains("unknown governor 'interactive'") && err.toString().contains("schedutil"), err.toString());
        assertEquals(2, run("compare", "cascade", "--governors", "schedule"));
    }
}
