package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

class SweepTest {
    /** A small grid of short runs: 3 x 2 = 6 points of two simulated hours each. */
    static final String SMALL = """
            sweep: small
            scenario: cascade
            seed: 3
            axes:
              - field: duration
                values: [2 h]
              - field: bricks[qwen2-0.5b].quantization
                values: [Q4_0, Q8_0, Q2_K]
              - field: limits.gpu
                values: [400 MHz, 800 MHz]
            objectives:
              - energy_per_query_j: min
              - latency_s.p95: min
            constraints:
              - latency_s.p95 < 75
            """;

    static Sweep small() {
        return SweepFile.parse(SMALL, "small.yaml", null);
    }

    private static InputException bad(String text) {
        return assertThrows(InputException.class, () -> SweepFile.parse(text, "bad.yaml", null));
    }

    @Test
    void aGridHasEveryCombinationAndEachPointItsOwnSeed() {
        Sweep sw = small();
        assertEquals(6, sw.size());
        Set<String> combos = new HashSet<>();
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < sw.size(); i++) {
            combos.add(sw.values(i).toString());
            seeds.add(sw.seed(i));
        }
        assertEquals(6, combos.size());
        assertEquals(6, seeds.size());
        Scenario p = sw.scenario(5);
        assertEquals("Q2_K", p.bricks().get(2).quantization());
        assertEquals(800e6, p.limits().maxHz().get("gpu"), 1e-6);
        assertEquals(7200, p.untilSeconds(), 1e-9);
        assertEquals(sw.seed(5), p.seed());
    }

    @Test
    void badAxesAreReportedAtTheirLineWithWhatTheScenarioAllows() {
        InputException q = bad(SMALL.replace("[Q4_0, Q8_0, Q2_K]", "[Q4_0, Q3_X]"));
        assertTrue(q.getMessage().matches("bad\\.yaml:8:\\d+: 'axes\\[1\\]\\.values\\[1\\]': .*unknown quantization 'Q3_X' \\(allowed: .*"),
                q.getMessage());
        InputException name = bad(SMALL.replace("bricks[qwen2-0.5b]", "bricks[qwen3]"));
        assertTrue(name.getMessage().contains("no element named 'qwen3'") && name.getMessage().contains("qwen2-0.5b"), name.getMessage());
        InputException field = bad(SMALL.replace("field: duration", "field: duraton"));
        assertTrue(field.getMessage().contains("did you mean 'duration'"), field.getMessage());
        InputException objective = bad(SMALL.replace("energy_per_query_j: min", "joules: min"));
        assertTrue(objective.getMessage().contains("'joules' is not a figure of a run"), objective.getMessage());
        InputException constraint = bad(SMALL.replace("latency_s.p95 < 75", "latency below 60"));
        assertTrue(constraint.getMessage().contains("a constraint is 'field < number'"), constraint.getMessage());
        InputException step = bad(SMALL.replace("values: [400 MHz, 800 MHz]", "range: {from: 400 MHz, to: 800 MHz}"));
        assertTrue(step.getMessage().contains("a grid needs a step"), step.getMessage());
        InputException units = bad(SMALL.replace("values: [400 MHz, 800 MHz]", "range: {from: 400 MHz, to: 0.8 GHz, step: 100 MHz}"));
        assertTrue(units.getMessage().contains("the same unit"), units.getMessage());
    }

    @Test
    void sampledPointsStayInTheirRangesAndALatinHypercubeHitsEveryStratumOnce() {
        String sampled = """
                sweep: sampled
                scenario: cascade
                seed: 11
                sampling: SAMPLING
                points: 20
                axes:
                  - field: workload.rate_per_hour
                    range: {from: 2.0, to: 20.0}
                  - field: limits.gpu
                    range: {from: 200 MHz, to: 800 MHz}
                objectives:
                  - battery_hours: max
                """;
        for (String sampling : List.of("sobol", "latin-hypercube")) {
            Sweep sw = SweepFile.parse(sampled.replace("SAMPLING", sampling), "s.yaml", null);
            boolean[] strata = new boolean[20];
            for (int i = 0; i < 20; i++) {
                double rate = ((Number) sw.values(i).get("workload.rate_per_hour")).doubleValue();
                String mhz = sw.values(i).get("limits.gpu").toString();
                double gpu = Double.parseDouble(mhz.substring(0, mhz.indexOf(' ')));
                assertTrue(rate >= 2 && rate <= 20 && gpu >= 200 && gpu <= 800, sampling + " point " + i + ": " + sw.values(i));
                strata[(int) Math.floor((rate - 2) / 18 * 20)] = true;
            }
            if (sampling.equals("latin-hypercube")) {
                for (boolean s : strata) {
                    assertTrue(s, "every stratum of the rate axis is sampled once");
                }
            }
            assertEquals(sw.values(7), SweepFile.parse(sampled.replace("SAMPLING", sampling), "s.yaml", null).values(7),
                    "a point is a function of the sweep alone");
        }
    }

    @Test
    void theResultsDoNotDependOnTheWorkersAndAKilledSweepResumes(@TempDir Path one, @TempDir Path two) throws Exception {
        Sweep sw = small();
        SweepRun.run(sw, one, 1, false, null);
        SweepRun.run(sw, two, 2, false, null);
        byte[] a = Files.readAllBytes(one.resolve("results.csv"));
        assertArrayEquals(a, Files.readAllBytes(two.resolve("results.csv")), "1 worker or 2: the same bytes");
        assertArrayEquals(Files.readAllBytes(one.resolve("pareto.csv")), Files.readAllBytes(two.resolve("pareto.csv")));
        // A kill after three rows: the file then holds its header and those rows; --resume runs the other three.
        List<String> lines = Files.readAllLines(one.resolve("results.csv"));
        Files.write(one.resolve("results.csv"), lines.subList(0, 2 + 3));
        SweepRun.Result r = SweepRun.run(sw, one, 2, true, null);
        assertEquals(3, r.ran());
        assertArrayEquals(a, Files.readAllBytes(one.resolve("results.csv")), "resumed, the same file as in one go");
        Sweep other = SweepFile.parse(SMALL.replace("seed: 3", "seed: 4"), "small.yaml", null);
        InputException e = assertThrows(InputException.class, () -> SweepRun.run(other, one, 1, true, null));
        assertTrue(e.getMessage().contains("written by another sweep"), e.getMessage());
    }

    @Test
    void theFrontHoldsTheFeasiblePointsNoneBeatsAndEveryOtherIsBeaten(@TempDir Path out) throws Exception {
        Sweep sw = small();
        SweepRun.run(sw, out, 2, false, null);
        List<String> header = SweepRows.header(sw);
        List<List<String>> rows = Files.readAllLines(out.resolve("results.csv")).stream().skip(2).map(SweepRows::split).toList();
        List<List<String>> front = Files.readAllLines(out.resolve("pareto.csv")).stream().skip(2).map(SweepRows::split).toList();
        assertTrue(!front.isEmpty());
        int e = header.indexOf("energy_per_query_j");
        int l = header.indexOf("latency_s.p95");
        int f = header.indexOf("feasible");
        for (List<String> r : rows) {
            if (!r.get(f).equals("true")) {
                assertTrue(!front.contains(r), "an infeasible point is not on the front");
                assertTrue(Double.parseDouble(r.get(l)) >= 75, "infeasible means the constraint fails: " + r);
                continue;
            }
            double[] s = {-Double.parseDouble(r.get(e)), -Double.parseDouble(r.get(l))};
            boolean beaten = false;
            for (List<String> p : front) {
                double[] t = {-Double.parseDouble(p.get(e)), -Double.parseDouble(p.get(l))};
                beaten |= Pareto.dominates(t, s);
                if (front.contains(r)) {
                    assertTrue(!Pareto.dominates(t, s), "no front point beats another");
                }
            }
            assertTrue(front.contains(r) || beaten, "a feasible point off the front is beaten by one on it: " + r);
        }
        assertNotEquals(rows.get(0).get(header.indexOf("energy_per_query_j")), rows.get(1).get(header.indexOf("energy_per_query_j")),
                "the axes move the figures");
    }

    @Test
    void aFunctionalSweepTakesTheAccuracyProxyAsAnObjective(@TempDir Path out) throws Exception {
        Sweep sw = SweepFile.parse("""
                sweep: accuracy
                scenario: cascade-tiny
                seed: 1
                axes:
                  - field: duration
                    values: [1 event]
                  - field: bricks[tiny-decoder].quantization
                    values: [Q8_0, Q2_K]
                objectives:
                  - accuracy.logits.relative_error: min
                  - energy_per_query_j: min
                """, "acc.yaml", null);
        SweepRun.run(sw, out, 2, false, null);
        List<String> header = SweepRows.header(sw);
        List<List<String>> rows = Files.readAllLines(out.resolve("results.csv")).stream().skip(2).map(SweepRows::split).toList();
        int e = header.indexOf("accuracy.logits.relative_error");
        double q8 = Double.parseDouble(rows.get(0).get(e));
        double q2 = Double.parseDouble(rows.get(1).get(e));
        assertTrue(q8 < q2, "Q8_0 " + q8 + " is closer to FP32 than Q2_K " + q2);
        List<String> front = Files.readAllLines(out.resolve("pareto.csv")).stream().skip(2).toList();
        assertTrue(front.stream().anyMatch(l -> l.startsWith("0,")), "the most accurate point is on the front");
    }

    /** A grid's points are counted exactly: a product past 2^31 is reported as it is, not wrapped around. */
    @Test
    void anOverflowingGridIsRefusedWithItsTrueCount() {
        String grid = """
                sweep: big
                scenario: cascade
                seed: 1
                axes:
                  - field: workload.rate_per_hour
                    range: {from: 1, to: 1000, step: 1}
                  - field: workload.prompt_tokens
                    range: {from: 1, to: 1000, step: 1}
                  - field: workload.answer_tokens
                    range: {from: 1, to: 1000, step: 1}
                  - field: workload.question_words
                    range: {from: 1, to: 1000, step: 1}
                objectives:
                  - battery_hours: max
                """;
        InputException e = assertThrows(InputException.class, () -> SweepFile.parse(grid, "big.yaml", null));
        assertTrue(e.getMessage().contains("the sweep has 1,000,000,000,000 points; allowed: 1 .. 10,000,000"), e.getMessage());
        String two = """
                sweep: big
                scenario: cascade
                seed: 1
                axes:
                  - field: workload.prompt_tokens
                    range: {from: 1, to: 65536, step: 1}
                  - field: workload.answer_tokens
                    range: {from: 1, to: 65537, step: 1}
                objectives:
                  - battery_hours: max
                """;
        InputException e2 = assertThrows(InputException.class, () -> SweepFile.parse(two, "big.yaml", null));
        assertTrue(e2.getMessage().contains("4,295,032,832 points"), "65,536 x 65,537: " + e2.getMessage());
    }

    /** Every axis is checked against the scenario as a run would be, before any point: a unit the platform lacks, a field twice. */
    @Test
    void anAxisOnAnUnknownUnitOrAFieldTwiceIsRefusedBeforeAnyPointRuns() {
        String base = """
                sweep: checked
                scenario: cascade
                seed: 1
                axes:
                  - field: AXIS
                    values: [400 MHz, 800 MHz]
                objectives:
                  - battery_hours: max
                """;
        InputException tpu = assertThrows(InputException.class, () -> SweepFile.parse(base.replace("AXIS", "limits.tpu"), "s.yaml", null));
        assertTrue(tpu.getMessage().contains("s.yaml:6:14") && tpu.getMessage().contains("has no unit 'tpu'"), tpu.getMessage());
        InputException low = assertThrows(InputException.class, () -> SweepFile.parse(base.replace("AXIS", "limits.gpu")
                .replace("[400 MHz, 800 MHz]", "[100 MHz, 800 MHz]"), "s.yaml", null));
        assertTrue(low.getMessage().contains("below gpu's lowest OPP, 200 MHz"), low.getMessage());
        String twice = base.replace("AXIS", "limits.gpu").replace("objectives:", """
                  - field: limits.gpu
                    values: [600 MHz]
                objectives:""");
        InputException dup = assertThrows(InputException.class, () -> SweepFile.parse(twice, "s.yaml", null));
        assertTrue(dup.getMessage().contains("s.yaml:7:12") && dup.getMessage().contains("is already axes[0]"), dup.getMessage());
    }
}
