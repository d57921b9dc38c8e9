package org.nanomind.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.TableXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Comparison;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.InputException;

/** The report's charts hold the run's data: checked on the datasets, not only on the files. */
class ReportTest {
    @TempDir
    static Path out;
    static Map<String, Chart> charts;
    static RunFiles run;

    @BeforeAll
    static void runTheCameraScenarioAndReportIt() {
        // vlm-camera passes through all three policy states, and its cascade events have queries and a timeline.
        Runner.run(ScenarioFile.named("vlm-camera"), out, null);
        Report.write(out);
        run = RunFiles.read(out);
        charts = Report.charts(run).stream().collect(Collectors.toMap(Chart::stem, c -> c));
    }

    @Test
    void everyChartIsWrittenAsPngAndSvgAndThePageShowsThemAll() throws Exception {
        assertEquals(List.of("battery", "energy", "latency", "memory", "power", "timeline"), charts.keySet().stream().sorted().toList());
        String html = Files.readString(out.resolve("index.html"));
        for (String stem : charts.keySet()) {
            BufferedImage png = ImageIO.read(out.resolve(stem + ".png").toFile());
            assertEquals(ChartFiles.WIDTH, png.getWidth(), stem);
            assertTrue(Files.readString(out.resolve(stem + ".svg")).contains("<svg"), stem);
            assertTrue(html.contains("src=\"" + stem + ".png\""), stem + " is on the page");
        }
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing from the network");
        assertTrue(html.contains("three-state"), "the scenario's assumptions (its comments) are on the page");
    }

    @Test
    void theStackedPowerSumsToTheTotalTheBoardDrew() {
        TableXYDataset power = (TableXYDataset) charts.get("power").chart().getXYPlot().getDataset();
        Csv series = run.series();
        Buckets b = Buckets.of(series.rows().size(), RunCharts.POINTS);
        double[] total = b.mean(series.numbers("power_w"));
        assertEquals(total.length, power.getItemCount());
        for (int i = 0; i < total.length; i++) {
            double sum = 0;
            for (int s = 0; s < power.getSeriesCount(); s++) {
                sum += power.getYValue(s, i);
            }
            assertEquals(total[i], sum, 1e-9 * total[i], "bucket " + i);
        }
        assertEquals(RunFiles.COMPONENTS, java.util.stream.IntStream.range(0, power.getSeriesCount())
                .mapToObj(s -> power.getSeriesKey(s).toString()).toList());
    }

    @Test
    void theStateOfChargeNeverRisesAndTheThreeStatesAreShaded() {
        XYDataset soc = charts.get("battery").chart().getXYPlot().getDataset(0);
        for (int i = 1; i < soc.getItemCount(0); i++) {
            assertTrue(soc.getYValue(0, i) <= soc.getYValue(0, i - 1), "at item " + i);
        }
        assertTrue(soc.getYValue(0, 0) > 99 && soc.getYValue(0, soc.getItemCount(0) - 1) < 1, "from full to empty");
        var markers = charts.get("battery").chart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND);
        assertEquals(List.of("unconstrained", "throttled", "critical"),
                markers.stream().map(m -> ((org.jfree.chart.plot.Marker) m).getLabel()).toList());
    }

    @Test
    void eachEventsEnergyBarIsItsEnergyAndTheTimelineHoldsEveryOperation() {
        CategoryDataset energy = charts.get("energy").chart().getCategoryPlot().getDataset();
        Csv q = run.queries();
        Buckets b = Buckets.of(q.rows().size(), QueryCharts.BARS);
        double[] total = new double[q.rows().size()];
        for (String c : RunFiles.COMPONENTS) {
            double[] j = q.numbers("energy_" + c + "_j");
            for (int i = 0; i < total.length; i++) {
                total[i] += j[i];
            }
        }
        double[] expected = b.mean(total);
        for (int col = 0; col < energy.getColumnCount(); col++) {
            double sum = 0;
            for (int row = 0; row < energy.getRowCount(); row++) {
                sum += energy.getValue(row, col).doubleValue();
            }
            assertEquals(expected[col], sum, 1e-9 * expected[col], "bar " + col);
        }
        IntervalXYDataset gantt = (IntervalXYDataset) charts.get("timeline").chart().getXYPlot().getDataset();
        double drawn = 0;
        for (int s = 0; s < gantt.getSeriesCount(); s++) {
            for (int i = 0; i < gantt.getItemCount(s); i++) {
                drawn += gantt.getEndYValue(s, i) - gantt.getStartYValue(s, i);
            }
        }
        double[] start = run.timeline().numbers("start_s");
        double[] end = run.timeline().numbers("end_s");
        double busy = 0;
        for (int i = 0; i < start.length; i++) {
            busy += end[i] - start[i];
        }
        assertEquals(busy, drawn, 1e-9 * busy, "each operation drawn once, its own time and its DRAM wait together");
    }

    @Test
    void aComparisonGetsSideBySideChartsAndEachVariantItsOwnReport(@TempDir Path dir) throws Exception {
        Comparison.run(ScenarioFile.named("compare-llamacpp"), dir, null);
        Report.Written w = Report.write(dir);
        assertEquals(List.of("compare-energy", "compare-memory", "compare-busy", "compare-latency", "compare-decode"), w.charts());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("href=\"llamacpp/index.html\"") && html.contains("href=\"nanomind/index.html\""), html);
        assertTrue(Files.exists(dir.resolve("nanomind/timeline.png")));
        CategoryDataset energy = ComparisonCharts.of(Csv.read(dir.resolve("comparison.csv"))).getFirst().chart()
                .getCategoryPlot().getDataset();
        assertTrue(energy.getValue(0, 1).doubleValue() < energy.getValue(0, 0).doubleValue(), "NanoMind's bar is the lower");
    }

    @Test
    void aFolderWithoutARunIsAClearError(@TempDir Path empty) throws Exception {
        InputException e = assertThrows(InputException.class, () -> Report.write(empty));
        assertTrue(e.getMessage().contains("no summary.json"), e.getMessage());
        Path bad = Files.createDirectories(empty.resolve("bad"));
        Files.copy(out.resolve("summary.json"), bad.resolve("summary.json"));
        Files.writeString(bad.resolve("series.csv"), "time_s,soc\n0,1\n1,x\n");
        InputException n = assertThrows(InputException.class, () -> Report.write(bad));
        assertTrue(n.getMessage().matches(".*series\\.csv:3:2: 'soc': 'x' is not a number.*"), n.getMessage());
    }
}
