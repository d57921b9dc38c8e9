package org.nanomind.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepFile;
import org.nanomind.scenarios.SweepRun;

class SweepReportTest {
    static final String SWEEP = """
            sweep: report-check
            scenario: cascade
            seed: 2
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
              - peak_memory_mb: min
            """;

    @Test
    void theScatterDrawsTheFrontAndEachAxisShowsHowItMovesTheObjectives(@TempDir Path out) throws Exception {
        Sweep sw = SweepFile.parse(SWEEP, "report-check.yaml", null);
        SweepRun.run(sw, out, 2, false, null);
        SweepReport.Written w = SweepReport.write(out);
        assertEquals(List.of("scatter-1", "scatter-2", "effect-0", "effect-1", "effect-2"), w.charts());
        Csv results = Csv.read(out.resolve("results.csv"));
        Csv pareto = Csv.read(out.resolve("pareto.csv"));
        assertEquals(pareto.rows().size(), w.front());
        Chart sc = SweepReport.scatter(results, pareto, "energy_per_query_j", "latency_s.p95", 1);
        Readable.check(sc);
        assertEquals("energy_per_query_j (J)", sc.chart().getXYPlot().getDomainAxis().getLabel());
        XYDataset scatter = sc.chart().getXYPlot().getDataset();
        // The front's points carry their point numbers, the table's.
        var labels = ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) sc.chart().getXYPlot().getRenderer()).getSeriesItemLabelGenerator(0);
        java.util.Set<String> named = new java.util.HashSet<>();
        for (int i = 0; i < scatter.getItemCount(0); i++) {
            named.add(labels.generateLabel(scatter, 0, i));
        }
        java.util.Set<String> points = new java.util.HashSet<>();
        for (int r = 0; r < pareto.rows().size(); r++) {
            points.add("#" + pareto.text(r, "point"));
        }
        assertEquals(points, named);
        assertEquals(pareto.rows().size(), scatter.getItemCount(0), "the front's points");
        assertEquals(6, scatter.getItemCount(1) + scatter.getItemCount(2), "every point once, feasible or not");
        assertTrue(scatter.getItemCount(0) <= scatter.getItemCount(1), "the front is drawn through feasible points");
        Chart ef = SweepReport.effects(results, "bricks[qwen2-0.5b].quantization",
                List.of("energy_per_query_j", "latency_s.p95", "peak_memory_mb"), 1);
        Readable.check(ef);
        CategoryDataset effect = ef.chart().getCategoryPlot().getDataset();
        assertEquals(List.of("Q4_0", "Q8_0", "Q2_K"), effect.getColumnKeys());
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += effect.getValue("peak_memory_mb", effect.getColumnKey(c)).doubleValue();
        }
        assertEquals(0, sum, 1e-9, "equal-sized groups: the deviations from the mean cancel");
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Pareto front") && html.contains("scatter-1.png") && html.contains("effect-2.png"), html);
    }
}
