package org.nanomind.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The charts of the events, from queries.csv and timeline.csv: latency by module and energy by component
 * across the events (at most {@value #BARS} bars; consecutive events averaged where there are more), and
 * one event's operations on each unit over time, its waits for DRAM shown apart.
 */
final class QueryCharts {
    static final int BARS = 40;
    private static final Color[] MODULES = {new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833),
        new Color(0xCCBB44), new Color(0x66CCEE), new Color(0xAA3377)};
    private static final Color OTHER = new Color(0xBBBBBB);

    private QueryCharts() {
    }

    static List<Chart> of(Csv queries, Csv timeline) {
        List<Chart> charts = new ArrayList<>();
        if (queries != null && !queries.rows().isEmpty()) {
            charts.add(latency(queries));
            charts.add(energy(queries));
        }
        if (timeline != null && !timeline.rows().isEmpty()) {
            charts.add(timeline(timeline));
        }
        return charts;
    }

    /** The modules of queries.csv, from its "<module> load_s" columns. */
    static List<String> modules(Csv queries) {
        return queries.header().stream().filter(h -> h.endsWith(" load_s")).map(h -> h.substring(0, h.length() - 7)).toList();
    }

    static Chart latency(Csv q) {
        Buckets b = Buckets.of(q.rows().size(), BARS);
        List<String> labels = labels(b);
        Map<String, double[]> parts = new LinkedHashMap<>();
        double[] rest = q.numbers("latency_s").clone();
        for (String m : modules(q)) {
            double[] load = q.numbers(m + " load_s");
            double[] run = q.numbers(m + " run_s");
            double[] total = new double[load.length];
            for (int i = 0; i < total.length; i++) {
                total[i] = zeroIfNaN(load[i]) + zeroIfNaN(run[i]);
                rest[i] -= total[i];
            }
            parts.put(m + " (load + run)", b.mean(total));
        }
        for (int i = 0; i < rest.length; i++) {
            rest[i] = Math.max(0, rest[i]);
        }
        parts.put("waiting, camera, copies", b.mean(rest));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        parts.forEach((k, v) -> {
            for (int i = 0; i < v.length; i++) {
                data.addValue(v[i], k, labels.get(i));
            }
        });
        JFreeChart chart = ChartFactory.createStackedBarChart("Latency by module", "event", "latency (s)", data,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer r = bars(chart);
        for (int i = 0; i < parts.size() - 1; i++) {
            r.setSeriesPaint(i, MODULES[i % MODULES.length]);
        }
        r.setSeriesPaint(parts.size() - 1, OTHER);
        return new Chart("latency", "Each event's latency from its arrival to its answer, by module (loading and running)"
                + (b.count() < b.n() ? "; each bar is the mean of consecutive events" : "") + ".", Palette.style(chart));
    }

    static Chart energy(Csv q) {
        Buckets b = Buckets.of(q.rows().size(), BARS);
        List<String> labels = labels(b);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String c : RunFiles.COMPONENTS) {
            double[] j = b.mean(q.numbers("energy_" + c + "_j"));
            for (int i = 0; i < j.length; i++) {
                data.addValue(j[i], c, labels.get(i));
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Energy per event by component", "event", "energy (J)", data,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer r = bars(chart);
        for (int i = 0; i < RunFiles.COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.component(RunFiles.COMPONENTS.get(i)));
        }
        return new Chart("energy", "Energy of each event from its trigger until its answer has played, by component.",
                Palette.style(chart));
    }

    /** One event as a Gantt chart: a row per unit, each operation's own time and, apart, its wait for DRAM. */
    static Chart timeline(Csv t) {
        List<String> units = new ArrayList<>();
        for (int r = 0; r < t.rows().size(); r++) {
            if (!units.contains(t.text(r, "unit"))) {
                units.add(t.text(r, "unit"));
            }
        }
        List<String> kinds = new ArrayList<>(List.of("cpu", "gpu", "npu", "storage"));
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        for (String k : kinds) {
            series.put(k, new XYIntervalSeries(k.equals("storage") ? "loading from storage" : k + " computing"));
        }
        series.put("dram", new XYIntervalSeries("waiting for DRAM"));
        double[] start = t.numbers("start_s");
        double[] end = t.numbers("end_s");
        double[] compute = t.numbers("compute_s");
        for (int r = 0; r < start.length; r++) {
            String unit = t.text(r, "unit");
            int y = units.indexOf(unit);
            double own = Double.isNaN(compute[r]) ? end[r] - start[r] : Math.min(compute[r], end[r] - start[r]);
            series.get(Palette.componentOf(unit)).add(y, y - 0.35, y + 0.35, start[r], start[r], start[r] + own);
            if (start[r] + own < end[r]) {
                series.get("dram").add(y, y - 0.35, y + 0.35, start[r] + own, start[r] + own, end[r]);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        List<String> keys = new ArrayList<>();
        series.forEach((k, s) -> {
            if (s.getItemCount() > 0) {
                data.addSeries(s);
                keys.add(k);
            }
        });
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        for (int i = 0; i < keys.size(); i++) {
            r.setSeriesPaint(i, Palette.component(keys.get(i)));
        }
        XYPlot plot = new XYPlot(data, new SymbolAxis("unit", units.toArray(new String[0])),
                new NumberAxis("time from the event's start (s)"), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart("One event, operation by operation", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return new Chart("timeline", "The first answered event: what each unit ran and when. Each operation is drawn as its"
                + " time at the unit's own rate, then (in the DRAM colour) what the shared DRAM added to it.", Palette.style(chart));
    }

    private static BarRenderer bars(JFreeChart chart) {
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return r;
    }

    private static List<String> labels(Buckets b) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < b.count(); i++) {
            int from = b.starts()[i] + 1;
            int to = b.starts()[i + 1];
            l.add(from == to ? Integer.toString(from) : from + "-" + to);
        }
        return l;
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
