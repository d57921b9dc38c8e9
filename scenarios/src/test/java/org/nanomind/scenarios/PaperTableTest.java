package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper table's verdicts follow from its numbers, and the claims its reasons make are true of the twin:
 * the event rate it names gives the paper's battery hours, the decode rate stays under the roofline it cites,
 * and offloading layers moves work from the CPU to the GPU.
 */
class PaperTableTest {
    private static PaperTable.Result r;
    private static Map<String, PaperTable.Row> byId;

    @BeforeAll
    static void build() {
        r = PaperTable.build();
        byId = r.rows().stream().collect(Collectors.toMap(PaperTable.Row::id, x -> x));
    }

    @Test
    void everyFigureHasTheVerdictItsRatioGives() {
        assertEquals(List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"), r.rows().stream().map(PaperTable.Row::id).toList());
        for (PaperTable.Row row : r.rows()) {
            if (row.verdict().equals("input") || row.ratio().equals("-")) {
                continue;
            }
            double paper = Double.parseDouble(row.paper());
            double twin = Double.parseDouble(row.twin());
            boolean agrees = Math.abs(twin - paper) <= PaperTable.AGREE * Math.abs(paper) * (1 + 1e-2); // the figures are printed to 3 digits
            assertEquals(agrees ? "reproduced" : "differs", row.verdict(), row.toString());
            assertEquals(twin / paper, Double.parseDouble(row.ratio()), 0.01 + 0.01 * Math.abs(twin / paper), row.toString());
        }
        assertEquals("input", byId.get("P3").verdict(), "the pack is an input, not a result");
    }

    /** P1's reason names the event rate that gives the paper's 20.8 h: running the cascade at that rate gives them. */
    @Test
    void theEventRateP1NamesGivesThePapersBatteryHours() {
        double rate = number(byId.get("P1").why(), "([0-9.]+) events/h give 20\\.8 h");
        Summary s = Runner.run(ScenarioFile.named("cascade").withRate(rate), null, null);
        assertEquals(20.8, s.batteryHours(), 0.1, "at " + rate + " events/h (printed to 2 decimals)");
    }

    /** P8: the twin's decode rate is physical, under the DRAM roofline its reason cites, which is below the paper's. */
    @Test
    void theDecodeRateStaysUnderTheRooflineItCites() {
        PaperTable.Row p8 = byId.get("P8");
        double bound = number(p8.why(), "allows ([0-9.]+) tokens/s");
        assertTrue(Double.parseDouble(p8.twin()) <= bound, p8.toString());
        assertTrue(bound < Double.parseDouble(p8.paper()), "the paper's figure is above the bound: " + p8);
    }

    /** Table 1: layers offloaded to the GPU leave the CPU less busy and the GPU more, model by model. */
    @Test
    void offloadingLayersMovesWorkFromTheCpuToTheGpu() {
        assertEquals(9, r.table1().size());
        Map<String, List<PaperTable.OffloadRow>> models = r.table1().stream()
                .collect(Collectors.groupingBy(PaperTable.OffloadRow::model, java.util.LinkedHashMap::new, Collectors.toList()));
        assertEquals(3, models.size());
        models.forEach((model, rows) -> {
            assertEquals(List.of(0, 10, 30), rows.stream().map(PaperTable.OffloadRow::gpuLayers).toList(), model);
            assertEquals(0.0, rows.getFirst().gpuTwin(), model + " -ngl 0 leaves the GPU idle");
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(rows.get(i).cpuTwin() < rows.get(i - 1).cpuTwin(), model + ": CPU " + rows);
                assertTrue(rows.get(i).gpuTwin() > rows.get(i - 1).gpuTwin(), model + ": GPU " + rows);
            }
        });
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "'" + regex + "' in: " + text);
        return Double.parseDouble(m.group(1));
    }
}
