package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The policy regression suite: every golden file in src/test/resources/golden is a test. Its scenario
 * (a built-in name, or a scenario file relative to the golden) runs with the golden's seed, and any figure
 * that moves beyond its tolerance fails the test with a table of what moved (docs/policy-regression.md).
 */
class PolicyRegressionTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> everyGoldenHolds() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= ScenarioFile.BUILTIN.size(), "a golden per built-in scenario: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Golden g = Golden.read(file);
            String where = ScenarioFile.BUILTIN.contains(g.scenario()) ? g.scenario() : GOLDEN.resolve(g.scenario()).toString();
            List<Golden.Deviation> moved = g.compare(Golden.measure(ScenarioFile.named(where).withSeed(g.seed())));
            if (!moved.isEmpty()) {
                fail(Golden.table(g.scenario(), moved) + g.historyText() + "If the change is meant, re-bless with the reason: ./nanomind bless "
                        + g.scenario() + " --golden scenarios/" + file + " --reason \"...\"");
            }
        }));
    }

    @Test
    void aFigureThatMovesBeyondItsToleranceFailsWithATable() {
        Summary s = Runner.run(ScenarioFile.named("cascade").withUntil(3600), null, null);
        Golden g = Golden.of(s, "cascade", 0.01);
        assertTrue(g.compare(s).isEmpty(), "a run matches its own golden");
        Map<String, Double> energy = new LinkedHashMap<>(s.energyJoules());
        energy.put("gpu", energy.get("gpu") * 1.05);
        Summary moved = new Summary(s.scenario(), s.seed(), s.simulatedSeconds(), s.batteryHours(), s.averagePowerWatts() * 0.995,
                energy, s.queries(), s.latencyP50(), s.latencyP95(), s.latencyMax(), s.decodeTokensPerSecond(),
                s.decodeBoundTokensPerSecond(), s.energyPerQueryJoules(), s.busyPercent(), s.peakMemoryMb(), s.peakGpuMemoryMb(),
                s.events(), s.failures(), s.functional(), s.graphs(), 0);
        List<Golden.Deviation> d = g.compare(moved);
        assertEquals(List.of("energy_j.gpu"), d.stream().map(Golden.Deviation::field).toList(), "0.5 % is within 1 %, 5 % is not");
        String table = Golden.table("cascade", d);
        assertTrue(table.contains("energy_j.gpu") && table.contains("5.00%") && table.contains("1.00%"), table);
    }
}
