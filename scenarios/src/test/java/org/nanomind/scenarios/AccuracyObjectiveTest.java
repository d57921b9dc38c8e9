package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answer quality as an objective: examples/cascade-sobol-1000.yaml (on its first 150 Sobol points) puts no
 * point above its KL-divergence constraint on the front, and more than one quantization; without the
 * accuracy objective and constraint, Q2_K comes back to the front, so they are what moved it.
 */
class AccuracyObjectiveTest {
    static final Path EXAMPLE = Path.of("..", "examples", "cascade-sobol-1000.yaml");

    record Front(List<String> quantizations, List<Double> kld) {
    }

    private static Front front(String text, Path out) throws IOException {
        Sweep sw = SweepFile.parse(text.replace("points: 1000", "points: 150"), EXAMPLE.toString(), EXAMPLE.getParent());
        SweepRun.run(sw, out, 2, false, null);
        List<String> lines = Files.readAllLines(out.resolve("pareto.csv"));
        List<String> header = SweepRows.split(lines.get(1));
        List<List<String>> rows = lines.stream().skip(2).map(SweepRows::split).toList();
        int q = header.indexOf("bricks[qwen2-0.5b].quantization");
        int k = header.indexOf("kld");
        return new Front(rows.stream().map(r -> r.get(q)).toList(), rows.stream().map(r -> Double.parseDouble(r.get(k))).toList());
    }

    @Test
    void theKlConstraintHoldsOnTheFrontAndWithoutItQ2kReturns(@TempDir Path dir) throws IOException {
        String text = Files.readString(EXAMPLE);
        assertTrue(text.contains("  - kld: min\n") && text.contains("  - kld < 0.05"), "the example has the accuracy objective");
        Front with = front(text, dir.resolve("with"));
        assertFalse(with.quantizations().isEmpty());
        assertTrue(with.kld().stream().allMatch(x -> x < 0.05), "no front point above the constraint: " + with);
        Set<String> kinds = new TreeSet<>(with.quantizations());
        assertTrue(kinds.size() > 1, "more than one quantization on the front: " + kinds);
        assertFalse(kinds.contains("Q2_K"), kinds.toString());

        String without = text.replaceAll("(?m)^  - kld.*\\R", "");
        assertFalse(without.contains("  - kld"), without);
        Front free = front(without, dir.resolve("without"));
        assertTrue(free.quantizations().contains("Q2_K"), "without the objective Q2_K is on the front again: " + free.quantizations());
    }

    /** Each decoder quantization of the sweep carries its row of the table; Q4_K and Q5_K take their nearest mixture. */
    @Test
    void aRunCarriesItsDecodersSourcedLossAndSaysWhyOtherBricksHaveNone() {
        Summary s = Runner.run(ScenarioFile.named("cascade").withUntil(600), null, null);
        assertEquals(0.07194, s.figures().get("kld"), 0.0, "Q4_0, as llama.cpp's table gives it");
        Map<?, ?> decoder = (Map<?, ?>) s.accuracy().get("qwen2-0.5b");
        assertEquals("llama3-8b", decoder.get("table"));
        assertTrue(decoder.get("model_note").toString().contains("LLaMA 3 8B"), decoder.toString());
        Map<?, ?> vision = (Map<?, ?>) s.accuracy().get("siglip-so400m");
        assertEquals(null, vision.get("kld"));
        assertTrue(vision.get("reason").toString().startsWith("no published loss"), vision.toString());
        assertEquals("Q4_K_S", org.nanomind.soc.QuantLoss.of("Q4_K").orElseThrow().row());
        assertTrue(org.nanomind.soc.QuantLoss.of("F32").isEmpty(), "F32 is finer than the table's FP16 reference: no row");
    }
}
