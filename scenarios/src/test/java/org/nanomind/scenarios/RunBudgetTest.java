package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

/** A run that could not end, or could fill a disk, is refused before it starts, with the figure and the option. */
class RunBudgetTest {
    @Test
    void aGigahertzPmuIsRefusedUpFrontAndWritesNothing(@TempDir Path dir) {
        String text = ScenarioFile.builtinText("cascade").replaceFirst("(?m)^pmu_rate: .*$", "pmu_rate: 1 GHz");
        Scenario sc = ScenarioFile.parse(text, "ghz.yaml", null);
        InputException e = assertThrows(InputException.class, () -> Runner.run(sc, dir.resolve("out"), null));
        assertTrue(e.getMessage().contains("'pmu_rate'") && e.getMessage().contains("336,000,000,000,001 samples")
                && e.getMessage().contains("--max-series-rows"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
        assertThrows(InputException.class, () -> Runner.check(sc), "validate refuses it too");
    }

    @Test
    void aBatteryThatCouldLastMillionsOfHoursNeedsADuration() {
        Scenario cascade = ScenarioFile.named("cascade");
        RunBudget small = new RunBudget(RunBudget.DEFAULT.maxSeriesRows(), 50);
        InputException e = assertThrows(InputException.class, () -> Runner.run(cascade, null, null, small));
        assertTrue(e.getMessage().contains("up to 93 h") && e.getMessage().contains("2000 mAh battery") && e.getMessage().contains("--max-hours"),
                e.getMessage());
        Runner.run(cascade.withUntil(3600), null, null, small); // with a duration it is bounded
    }
}
