package org.nanomind.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nanomind.scenarios.fidelity.Disagreement;
import org.nanomind.scenarios.fidelity.Prediction;
import org.nanomind.scenarios.fidelity.Summary;

/**
 * The page of a fidelity run: predicted against measured on log-log axes with the y = x line and the
 * +/-10 % and +/-25 % bands, one chart per metric family (latency, memory bandwidth), coloured by unit; the
 * histogram of signed errors; the summary table by group.
 */
public final class FidelityReport {
    /** Bin width of the error histogram, in percent. */
    static final int BIN = 5;

    private FidelityReport() {
    }

    public static void write(Path dir, List<Prediction> predictions, Summary s) {
        System.setProperty("java.awt.headless", "true");
        List<Chart> charts = new ArrayList<>();
        List<Prediction> latency = predictions.stream().filter(p -> !p.metric().equals("mem_MBps")).toList();
        List<Prediction> memory = predictions.stream().filter(p -> p.metric().equals("mem_MBps")).toList();
        if (!latency.isEmpty()) {
            charts.add(scatter("fidelity-latency", "Single-inference latency: predicted against measured", "ms", latency));
        }
        if (!memory.isEmpty()) {
            charts.add(scatter("fidelity-memory", "Memory bandwidth: predicted against measured", "MB/s", memory));
        }
        charts.add(histogram(predictions));
        charts.forEach(c -> ChartFiles.write(c, dir));
        List<List<String>> rows = new ArrayList<>();
        for (Summary.Group g : s.groups()) {
            rows.add(List.of(HtmlReport.esc(g.dimension()), HtmlReport.esc(g.value()), String.valueOf(g.n()),
                    String.format("%.1f %%", g.medianAbs()), String.format("%.1f %%", g.p90Abs()), String.format("%.1f %%", g.maxAbs())));
        }
        // The rows the twin cannot tell apart whose measurements differ by 10 % or more of their floor: error no model removes.
        List<List<String>> spread = new ArrayList<>();
        for (Disagreement.Spread d : s.disagreement().atLeast(10)) {
            spread.add(List.of(HtmlReport.esc(d.model()), HtmlReport.esc(String.join("; ", d.boards())), HtmlReport.esc(d.metric()),
                    String.format("%.4g", d.low()), String.format("%.4g", d.high()), String.format("%.1f %%", d.floorPct())));
        }
        HtmlReport.write(dir, "Fidelity", s.predicted() + " of " + s.rows() + " measurements predicted, " + s.notExpressible()
                + " not expressible; " + (s.folds() >= 2 ? "out of sample, " + s.folds() + " folds by model family" : "in sample"),
                List.of(HtmlReport.table("Error by group (|predicted - measured| / measured)", List.of("by", "group", "rows",
                        "median", "p90", "max"), rows), HtmlReport.charts(charts),
                        HtmlReport.table("Where the measurements disagree: rows the twin cannot tell apart (same graph, runtime,"
                                + " precision, threads, chip and clocks); no prediction comes closer to all of them than the floor",
                                List.of("model", "boards", "metric", "lowest", "highest", "floor"), spread),
                        HtmlReport.links(dir, List.of("predictions.csv", "not_expressible.csv", "disagreement.csv", "summary.json"))));
    }

    /** Latency in the row's own terms: FPS rows are shown as the latency they imply. */
    private static double[] xy(Prediction p) {
        return p.metric().equals("fps") ? new double[] {1e3 / p.measured(), 1e3 / p.predicted()} : new double[] {p.measured(), p.predicted()};
    }

    static Chart scatter(String stem, String title, String unit, List<Prediction> ps) {
        Map<String, XYSeries> byUnit = new LinkedHashMap<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Prediction p : ps) {
            double[] v = xy(p);
            byUnit.computeIfAbsent(p.unit() + " (" + p.runtime() + ")", k -> new XYSeries(k, false, true)).add(v[0], v[1]);
            lo = Math.min(lo, Math.min(v[0], v[1]));
            hi = Math.max(hi, Math.max(v[0], v[1]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        double[][] bands = {{1, 0}, {1.1, 1}, {0.9, 1}, {1.25, 2}, {0.75, 2}};
        String[] names = {"y = x", "+/-10 %", "+/-10 % ", "+/-25 %", "+/-25 % "};
        for (int i = 0; i < bands.length; i++) {
            XYSeries line = new XYSeries(names[i], false, true);
            line.add(lo / 1.5, lo / 1.5 * bands[i][0]);
            line.add(hi * 1.5, hi * 1.5 * bands[i][0]);
            data.addSeries(line);
        }
        byUnit.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createScatterPlot(title, "measured (" + unit + ")", "predicted (" + unit + ")", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis("measured (" + unit + ", log scale)"));
        plot.setRangeAxis(logAxis("predicted (" + unit + ", log scale)"));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Color[] grey = {new Color(0x222222), new Color(0x888888), new Color(0x888888), new Color(0xBBBBBB), new Color(0xBBBBBB)};
        for (int i = 0; i < bands.length; i++) {
            r.setSeriesLinesVisible(i, true);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, grey[i]);
            r.setSeriesStroke(i, new BasicStroke(i == 0 ? 1.5f : 1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    i == 0 ? null : new float[] {4f, 4f}, 0f));
            r.setSeriesVisibleInLegend(i, i == 0 || i == 1 || i == 3);
        }
        Color[] units = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00)};
        for (int i = 0; i < byUnit.size(); i++) {
            r.setSeriesPaint(bands.length + i, units[i % units.length]);
        }
        plot.setRenderer(r);
        return new Chart(stem, title + " for every row, on log axes; points on the black line are exact, the dashed lines"
                + " mark +/-10 % and +/-25 %.", Palette.style(chart));
    }

    /** A log axis labelled 1, 10, 100, ... in plain numbers. */
    private static org.jfree.chart.axis.LogarithmicAxis logAxis(String label) {
        org.jfree.chart.axis.LogarithmicAxis a = new org.jfree.chart.axis.LogarithmicAxis(label);
        a.setStrictValuesFlag(false);
        a.setExpTickLabelsFlag(false);
        a.setLog10TickLabelsFlag(false);
        return a;
    }

    /** Signed errors in bins of {@link #BIN} %, clamped to +/-100 % at the ends. */
    static Chart histogram(List<Prediction> ps) {
        int bins = 2 * 100 / BIN;
        int[] count = new int[bins];
        for (Prediction p : ps) {
            double e = Math.max(-100, Math.min(99.999, p.errorPercent()));
            count[(int) Math.floor((e + 100) / BIN)]++;
        }
        org.jfree.data.category.DefaultCategoryDataset d = new org.jfree.data.category.DefaultCategoryDataset();
        for (int i = 0; i < bins; i++) {
            int from = -100 + i * BIN;
            d.addValue(count[i], "rows", from + ".." + (from + BIN));
        }
        JFreeChart chart = ChartFactory.createBarChart("Error of every prediction", "error (% of measured; the end bins hold"
                + " everything beyond +/-100 %)", "rows", d, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        return new Chart("fidelity-errors", "How many rows the twin gets within each 5 % band of error; left of 0 it"
                + " predicts too fast, right of it too slow.", Palette.style(chart));
    }
}
