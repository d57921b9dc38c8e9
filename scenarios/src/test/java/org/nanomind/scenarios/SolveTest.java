package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolveTest {

    @Test
    void theRateThatGivesAFigureReproducesIt() {
        Scenario sc = ScenarioFile.named("cascade");
        java.io.StringWriter said = new java.io.StringWriter();
        Solve.Answer long_ = Solve.solve(sc, "battery_hours", 25.0, "workload.rate_per_hour", 0.05, 600, new java.io.PrintWriter(said));
        assertEquals(25.0, long_.run().batteryHours(), 0.01);
        // Progress: one line a run of the twin as it finishes (the run at the answer is not a step of the search).
        assertEquals(long_.evaluations() - 1, said.toString().lines().filter(l -> l.startsWith("  run ")).count(), said.toString());
        Solve.Answer short_ = Solve.solve(sc, "battery_hours", 15.0, "workload.rate_per_hour", 0.05, 600);
        assertTrue(short_.value() > long_.value(), "fewer hours need more events: " + short_.value() + " vs " + long_.value());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Solve.solve(sc, "battery_hours", 500.0, "workload.rate_per_hour", 0.05, 600));
        assertTrue(e.getMessage().contains("is not reached"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Solve.solve(sc, "queries", 5, "workload.rate_per_hour", 1, 2));
    }
}
