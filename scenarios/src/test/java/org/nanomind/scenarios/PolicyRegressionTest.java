package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

/**
 * The policy regression suite: every golden file in src/test/resources/golden is a test. Its scenario
 * (a built-in name, or a scenario file relative to the golden) runs with the golden's seed, and any figure
 * that moves (bit for bit, unless the golden gives it a tolerance and the reason for it) fails the test with a table of what moved (docs/policy-regression.md).
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
    void anExactGoldenCatchesAOneUlpMoveAndAToleranceNeedsItsReason() {
        Summary s = Runner.run(ScenarioFile.named("cascade").withUntil(3600), null, null);
        Golden g = Golden.of(s, "cascade");
        assertTrue(g.compare(s).isEmpty(), "a run matches its own golden");
        Map<String, Double> moved = new LinkedHashMap<>(s.figures());
        moved.put("energy_j.gpu", Math.nextUp(moved.get("energy_j.gpu")));
        moved.put("latency_s.p50", moved.get("latency_s.p50") * 1.005);
        List<Golden.Deviation> d = g.compare(moved);
        assertEquals(List.of("energy_j.gpu", "latency_s.p50"), d.stream().map(Golden.Deviation::field).toList(), "one ulp moves an exact figure");
        String table = Golden.table("cascade", d);
        assertTrue(table.contains("energy_j.gpu") && table.contains("exact") && table.contains(Double.toString(moved.get("energy_j.gpu"))),
                "the table prints the figure in full, or a one-ulp move would read as no move: " + table);

        Map<String, Golden.Expected> loose = new LinkedHashMap<>(g.fields());
        loose.put("latency_s.p50", new Golden.Expected(s.figures().get("latency_s.p50"), 0.01, "test: a figure allowed to move by 1 %"));
        assertEquals(List.of("energy_j.gpu"), new Golden("cascade", s.seed(), loose, List.of()).compare(moved).stream()
                .map(Golden.Deviation::field).toList(), "0.5 % is within the 1 % given with a reason");
        assertThrows(IllegalArgumentException.class, () -> new Golden.Expected(1, 0.01, " "), "no tolerance without a reason");
    }

    @Test
    void aToleranceWithoutItsReasonInAGoldenFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.json");
        Files.writeString(file, "{\"scenario\": \"cascade\", \"seed\": 1, \"fields\": {\"battery_hours\": {\"value\": 24.0, \"tolerance\": 0.01}}}");
        InputException e = assertThrows(InputException.class, () -> Golden.read(file));
        assertTrue(e.getMessage().contains("fields.battery_hours.tolerance_reason") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** The suite's purpose: a 0.1 % change of one platform constant is seen, and named, in every figure it moves. */
    @Test
    void aTenthOfAPercentOnTheGpuEfficiencyFailsTheCascadeGolden(@TempDir Path dir) throws IOException {
        String platform;
        try (var in = org.nanomind.soc.PlatformFile.class.getResourceAsStream("platforms/nanomind-rk3566.yaml")) {
            platform = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String gpuDefault = "  efficiency:\n    default: 0.29 ";
        assertTrue(platform.contains(gpuDefault), "the GPU's efficiency line is where this test expects it");
        Path edited = dir.resolve("rk3566-gpu-plus-0.1pct.yaml");
        Files.writeString(edited, platform.replace(gpuDefault, "  efficiency:\n    default: 0.29029 "));
        Golden g = Golden.read(GOLDEN.resolve("cascade.json"));
        Scenario sc = ScenarioFile.named("cascade").withSeed(g.seed());
        Scenario moved = new Scenario(sc.name(), sc.source(), edited.toString(), sc.bricks(), sc.zeroCopy(), sc.workload(),
                sc.untilSeconds(), sc.untilEvents(), sc.seed(), sc.pmuHz(), sc.outputs(), sc.camera(), sc.limits(), sc.variants(), sc.scheduler());
        List<Golden.Deviation> d = g.compare(Golden.measure(moved));
        System.out.print(Golden.table("cascade with the GPU's efficiency +0.1 %", d));
        List<String> fields = d.stream().map(Golden.Deviation::field).toList();
        assertTrue(fields.contains("energy_j.gpu") && fields.contains("battery_hours") && fields.contains("latency_s.p50"),
                "the GPU's energy, the battery hours and the latency moved, and are named: " + fields);
    }
}
