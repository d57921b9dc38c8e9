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
        assertEquals(List.of("battery", "energy", "latency", "memory", "power", "power-event", "timeline"),
                charts.keySet().stream().sorted().toList());
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

    /** Each span's stack is the board's total over that span, and together they hold every sample once. */
    @Test
    void theStackedPowerSumsToTheTotalTheBoardDrew() {
        TableXYDataset power = (TableXYDataset) charts.get("power").chart().getXYPlot().getDataset();
        double[] t = run.series().numbers("time_s");
        double[] w = run.series().numbers("power_w");
        assertTrue(power.getItemCount() >= 2 && power.getItemCount() < t.length / 10, "spans, not samples: " + power.getItemCount());
        double weighted = 0;
        for (int i = 0; i < power.getItemCount(); i++) {
            double sum = 0;
            for (int s = 0; s < power.getSeriesCount(); s++) {
                sum += power.getYValue(s, i);
            }
            weighted += sum;
        }
        double mean = java.util.Arrays.stream(w).average().orElseThrow();
        // Equal spans of equally spaced samples (the last span partial): the spans' mean is near the samples' mean.
        assertEquals(mean, weighted / power.getItemCount(), 0.05 * mean);
        assertEquals(RunFiles.COMPONENTS, java.util.stream.IntStream.range(0, power.getSeriesCount())
                .mapToObj(s -> power.getSeriesKey(s).toString()).toList());
        // One event at full resolution: every sample in its window, each stack the board's power at that sample.
        TableXYDataset event = (TableXYDataset) charts.get("power-event").chart().getXYPlot().getDataset();
        EventCharts.Window win = EventCharts.window(run.queries()).orElseThrow();
        long inWindow = java.util.Arrays.stream(t).filter(x -> x >= win.from() && x <= win.to()).count();
        assertEquals(inWindow, event.getItemCount());
        for (int i = 0; i < event.getItemCount(); i++) {
            int sample = (int) java.util.stream.IntStream.range(0, t.length)
                    .filter(k -> Math.abs(t[k] - win.start() - event.getXValue(0, 0)) < 1e-9).findFirst().orElseThrow() + i;
            double sum = 0;
            for (int s = 0; s < event.getSeriesCount(); s++) {
                sum += event.getYValue(s, i);
            }
            assertEquals(w[sample], sum, 1e-9 * w[sample], "sample " + sample);
        }
    }

    @Test
    void everyChartHasATitleAxesWithUnitsAndALegend() {
        charts.values().forEach(Readable::check);
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
    void theEnergyBarsAreTheMeanTheLeastAndTheMostEventAndTheTimelineHoldsEveryOperation() {
        CategoryDataset energy = charts.get("energy").chart().getCategoryPlot().getDataset();
        Csv q = run.queries();
        double[] total = new double[q.rows().size()];
        for (String c : RunFiles.COMPONENTS) {
            double[] j = q.numbers("energy_" + c + "_j");
            for (int i = 0; i < total.length; i++) {
                total[i] += j[i];
            }
        }
        double[] bars = new double[energy.getColumnCount()];
        for (int col = 0; col < bars.length; col++) {
            for (int row = 0; row < energy.getRowCount(); row++) {
                bars[col] += energy.getValue(row, col).doubleValue();
            }
        }
        double mean = java.util.Arrays.stream(total).average().orElseThrow();
        assertEquals(mean, bars[0], 1e-9 * mean, "the mean event");
        if (bars.length > 1) {
            assertEquals(java.util.Arrays.stream(total).min().orElseThrow(), bars[1], 1e-9 * mean, "the least costly event");
            assertEquals(java.util.Arrays.stream(total).max().orElseThrow(), bars[2], 1e-9 * mean, "the most costly event");
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

    /** The latency boxes put p50 and p95 where summary.json does, and draw the events above p95 with the max. */
    @Test
    void theLatencyBoxesAgreeWithTheSummary(@TempDir Path dir) {
        // The cascade's queries.csv holds every answered event (vlm-camera's holds its cascade events only).
        Runner.run(ScenarioFile.named("cascade").withUntil(6 * 3600), dir, null);
        RunFiles cascade = RunFiles.read(dir);
        assertEquals(cascade.summary().path("queries").asInt(), cascade.queries().rows().size());
        var data = (org.jfree.data.statistics.BoxAndWhiskerCategoryDataset) QueryCharts.latency(cascade.queries()).chart()
                .getCategoryPlot().getDataset();
        var s = cascade.summary().path("latency_s");
        int whole = data.getColumnIndex("whole event");
        assertEquals(s.path("p50").asDouble(), data.getMedianValue(0, whole).doubleValue(), 0);
        assertEquals(s.path("p95").asDouble(), data.getMaxRegularValue(0, whole).doubleValue(), 0);
        List<?> above = data.getOutliers(0, whole);
        double max = above.isEmpty() ? data.getMaxRegularValue(0, whole).doubleValue()
                : above.stream().mapToDouble(o -> ((Number) o).doubleValue()).max().orElseThrow();
        assertEquals(s.path("max").asDouble(), max, 0);
        assertEquals(1 + QueryCharts.modules(cascade.queries()).size(), data.getColumnCount(), "the whole event and each module");
    }

    @Test
    void aComparisonGetsSideBySideChartsAndEachVariantItsOwnReport(@TempDir Path dir) throws Exception {
        Comparison.run(ScenarioFile.named("compare-llamacpp"), dir, null);
        Report.Written w = Report.write(dir);
        assertEquals(List.of("compare-energy", "compare-energy-components", "compare-memory", "compare-busy", "compare-latency", "compare-decode"), w.charts());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("href=\"llamacpp/index.html\"") && html.contains("href=\"nanomind/index.html\""), html);
        assertTrue(Files.exists(dir.resolve("nanomind/timeline.png")));
        CategoryDataset energy = ComparisonCharts.of(Csv.read(dir.resolve("comparison.csv"))).getFirst().chart()
                .getCategoryPlot().getDataset();
        assertTrue(energy.getValue(0, 1).doubleValue() < energy.getValue(0, 0).doubleValue(), "NanoMind's bar is the lower");
        ComparisonCharts.of(Csv.read(dir.resolve("comparison.csv"))).forEach(Readable::check);
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
