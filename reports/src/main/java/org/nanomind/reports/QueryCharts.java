package org.nanomind.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The charts of the events, from queries.csv and timeline.csv: the distribution of latency, whole and by
 * module; energy per query by component; and one event's operations on each unit ({@link TimelineChart}).
 */
final class QueryCharts {
    private static final Color BOX = new Color(0x4477AA);

    private QueryCharts() {
    }

    static List<Chart> of(Csv queries, Csv timeline) {
        List<Chart> charts = new ArrayList<>();
        if (queries != null && !queries.rows().isEmpty()) {
            charts.add(latency(queries));
            charts.add(energy(queries));
        }
        if (timeline != null && !timeline.rows().isEmpty()) {
            charts.add(TimelineChart.of(timeline));
        }
        return charts;
    }

    /** The modules of queries.csv, from its "<module> load_s" columns. */
    static List<String> modules(Csv queries) {
        return queries.header().stream().filter(h -> h.endsWith(" load_s")).map(h -> h.substring(0, h.length() - 7)).toList();
    }

    /**
     * The distribution of latency over the answered events, in total and for each module (its loading and
     * running): a box from the first to the third quartile with the median, a whisker from the least to the
     * 95th percentile (as summary.json counts it), and a dot for each event above it, the highest the max.
     */
    static Chart latency(Csv q) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("whole event", q.numbers("latency_s"));
        for (String m : modules(q)) {
            double[] load = q.numbers(m + " load_s");
            double[] run = q.numbers(m + " run_s");
            double[] total = new double[load.length];
            for (int i = 0; i < total.length; i++) {
                total[i] = zeroIfNaN(load[i]) + zeroIfNaN(run[i]);
            }
            parts.put(m, total);
        }
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        parts.forEach((k, v) -> {
            // The percentiles of summary.json's own Tally, so the chart's p50 and p95 are the summary's.
            org.nanomind.sim.Tally t = new org.nanomind.sim.Tally(k);
            java.util.Arrays.stream(v).filter(Double::isFinite).forEach(t::add);
            if (t.count() > 0) {
                double p95 = t.percentile(95);
                List<Double> above = java.util.Arrays.stream(v).filter(d -> d > p95).boxed().toList();
                data.add(new BoxAndWhiskerItem(t.mean(), t.percentile(50), t.percentile(25), t.percentile(75), t.min(), p95, t.min(),
                        t.max(), above), "answered events", k);
            }
        });
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart("Latency of the answered events", "module (loading and running)",
                "latency (s)", data, true);
        BoxAndWhiskerRenderer r = (BoxAndWhiskerRenderer) chart.getCategoryPlot().getRenderer();
        r.setMeanVisible(false);
        r.setMaximumBarWidth(0.08); // narrow boxes: the renderer sizes the outlier dots by the box width
        r.setSeriesPaint(0, BOX);
        r.setMaxOutlierVisible(false);
        r.setMinOutlierVisible(false);
        // The axis reaches the slowest event, whose dot is the max (the renderer's own range stops at the whiskers).
        double top = 0;
        for (int c = 0; c < data.getColumnCount(); c++) {
            top = Math.max(top, data.getMaxOutlier(0, c).doubleValue());
        }
        chart.getCategoryPlot().getRangeAxis().setRange(0, 1.05 * top);
        return new Chart("latency", "Latency from an event's arrival to its answer over " + q.rows().size() + " events, whole and by"
                + " module: the box spans the middle half with the median across it, the whisker runs from the least to the 95th"
                + " percentile, and each dot is an event above it (the highest is the max).", Palette.style(chart));
    }

    /**
     * Energy per query by component: one stacked bar for the mean answered event, and where the events differ
     * (by more than 0.1 % in total), the least and the most costly event beside it.
     */
    static Chart energy(Csv q) {
        int n = q.rows().size();
        double[] total = new double[n];
        Map<String, double[]> by = new LinkedHashMap<>();
        for (String c : RunFiles.COMPONENTS) {
            double[] j = q.numbers("energy_" + c + "_j");
            by.put(c, j);
            for (int i = 0; i < n; i++) {
                total[i] += zeroIfNaN(j[i]);
            }
        }
        int least = 0;
        int most = 0;
        for (int i = 1; i < n; i++) {
            least = total[i] < total[least] ? i : least;
            most = total[i] > total[most] ? i : most;
        }
        boolean differ = total[most] > 1.001 * total[least];
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (var e : by.entrySet()) {
            data.addValue(java.util.Arrays.stream(e.getValue()).map(QueryCharts::zeroIfNaN).average().orElse(0), e.getKey(), "mean event");
            if (differ) {
                data.addValue(zeroIfNaN(e.getValue()[least]), e.getKey(), "least (event " + (least + 1) + ")");
                data.addValue(zeroIfNaN(e.getValue()[most]), e.getKey(), "most (event " + (most + 1) + ")");
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Energy per query by component", "answered event", "energy (J)", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.25);
        for (int i = 0; i < RunFiles.COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.component(RunFiles.COMPONENTS.get(i)));
        }
        return new Chart("energy", "Energy of an answered event from its trigger until its answer has played, by component: the mean"
                + " over " + n + " events" + (differ ? ", and the least and the most costly event" : " (every event cost the same)")
                + ".", Palette.style(chart));
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
