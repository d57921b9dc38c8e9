package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `nanomind compare SCENARIO --governors ...` or `--schedulers ...`: the table, the reasons, the files; a governor Linux
 * lacks, an unknown scheduler, or both kinds at once are usage errors.
 */
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

    @Test
    void theSameScenarioUnderTwoSchedulersUntilTheBatteryIsEmpty(@TempDir Path dir) throws Exception {
        assertEquals(0, run("compare", "cascade", "--schedulers", "on-demand,resident", "--out", dir.toString()), err.toString());
        String table = out.toString();
        // Until empty, both runs' totals are the battery: the reason is per answered event, and battery hours are a column.
        assertTrue(table.contains("battery h") && table.contains("resident: saved energy:") && table.contains("J an event"), table);
        String csv = Files.readString(dir.resolve("comparison.csv"));
        assertTrue(csv.contains("battery_hours") && csv.contains("latency_p95_s") && csv.contains("gpu_j_per_answer"), csv);
        assertTrue(Files.exists(dir.resolve("compare-energy-components.png")) && Files.exists(dir.resolve("compare-battery.png")));
    }

    @Test
    void anUnknownSchedulerOrBothKindsAreUsageErrors() {
        assertEquals(2, run("compare", "cascade", "--schedulers", "on-demand,lottery"));
        assertTrue(err.toString().contains("unknown scheduler 'lottery'") && err.toString().contains("resident"), err.toString());
        assertEquals(2, run("compare", "cascade", "--schedulers", "on-demand,resident", "--governors", "bsp,schedule"));
        assertEquals(2, run("compare", "cascade", "--schedulers", "on-demand,resident", "--units", "gpu"));
    }
}
