package org.nanomind.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One event at full resolution: the board's power by component and the memory in use, from a little before
 * the first answered event starts until a little after its answer, every PMU sample drawn. The memory chart
 * marks each module's span (from timeline.csv) and the peak over the whole run, so a reader sees which
 * module holds what and how close the event comes to the run's worst.
 */
final class EventCharts {
    private static final String X = "time from the event's start (s)";
    private static final Color[] BANDS = {new Color(0xE8EEF7), new Color(0xF7EAEC), new Color(0xE9F3EA), new Color(0xF6F3E1)};

    /** The window drawn, in the series' seconds: the event from {@code start} to {@code end}, padded. */
    record Window(double start, double end) {
        double from() {
            return start - pad();
        }

        double to() {
            return end + pad();
        }

        private double pad() {
            return Math.max(2, 0.1 * (end - start));
        }
    }

    private EventCharts() {
    }

    static List<Chart> of(Csv series, Csv queries, Csv timeline) {
        if (series == null || queries == null || series.rows().isEmpty()) {
            return List.of();
        }
        return window(queries).map(w -> List.of(power(series, w), memory(series, w, timeline))).orElse(List.of());
    }

    /** The first answered event's span: from its start until its answer (start + latency from arrival). */
    static Optional<Window> window(Csv q) {
        double[] start = q.numbers("start_s");
        double[] arrived = q.numbers("arrived_s");
        double[] latency = q.numbers("latency_s");
        for (int r = 0; r < start.length; r++) {
            if (q.text(r, "failure").isEmpty() && Double.isFinite(latency[r])) {
                return Optional.of(new Window(start[r], arrived[r] + latency[r]));
            }
        }
        return Optional.empty();
    }

    static Chart power(Csv series, Window w) {
        double[] t = series.numbers("time_s");
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (String c : RunFiles.COMPONENTS) {
            double[] watts = series.numbers(c + "_w");
            XYSeries s = new XYSeries(c, true, false);
            for (int i = 0; i < t.length; i++) {
                if (t[i] >= w.from() && t[i] <= w.to()) {
                    s.add(t[i] - w.start(), watts[i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart("Power during one event", X, "power at the board (W)", data,
                PlotOrientation.VERTICAL, true, false, false);
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        for (int i = 0; i < RunFiles.COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.component(RunFiles.COMPONENTS.get(i)));
        }
        chart.getXYPlot().setRenderer(r);
        return new Chart("power-event", "The first answered event at full resolution (every PMU sample): power at the board by"
                + " component, stacked, from before its start until after its answer.", Palette.style(chart));
    }

    static Chart memory(Csv series, Window w, Csv timeline) {
        double[] t = series.numbers("time_s");
        double[] mb = series.numbers("memory_mb");
        XYSeries s = new XYSeries("DRAM in use", false, true);
        double peak = 0;
        for (int i = 0; i < t.length; i++) {
            peak = Math.max(peak, mb[i]);
            if (t[i] >= w.from() && t[i] <= w.to()) {
                s.add(t[i] - w.start(), mb[i]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Memory in use during one event", X, "memory in use (MB)",
                new XYSeriesCollection(s), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.component("dram"));
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        ValueMarker top = new ValueMarker(peak, Palette.SECOND_LINE, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10, new float[] {6, 4}, 0));
        top.setLabel(String.format("peak over the run: %s MB", SummaryView.number(peak)));
        top.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        top.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(top);
        plot.getRangeAxis().setUpperBound(Math.max(plot.getRangeAxis().getUpperBound(), peak * 1.08));
        int k = 0;
        for (Map.Entry<String, double[]> m : modules(timeline).entrySet()) {
            IntervalMarker band = new IntervalMarker(m.getValue()[0], m.getValue()[1], BANDS[k++ % BANDS.length]);
            band.setLabel(m.getKey());
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            band.setLabelOffset(new RectangleInsets(4 + 14 * (k % 2), 4, 4, 4));
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        return new Chart("memory", "DRAM in use (weights, KV caches, TABM pool and copy buffers) during the first answered event,"
                + " each module's span shaded and named; the dashed line is the most in use at any time of the run.", Palette.style(chart));
    }

    /** Each module's span in the event (seconds from its start), in the order the modules ran. */
    static Map<String, double[]> modules(Csv timeline) {
        Map<String, double[]> spans = new LinkedHashMap<>();
        if (timeline == null) {
            return spans;
        }
        double[] start = timeline.numbers("start_s");
        double[] end = timeline.numbers("end_s");
        for (int r = 0; r < start.length; r++) {
            String m = module(timeline.text(r, "operation"));
            double[] s = spans.computeIfAbsent(m, x -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            s[0] = Math.min(s[0], start[r]);
            s[1] = Math.max(s[1], end[r]);
        }
        return spans;
    }

    /** The module an operation belongs to: "load qwen2-0.5b" and "qwen2-0.5b decode matmuls" both to qwen2-0.5b. */
    static String module(String operation) {
        String rest = operation.startsWith("load ") ? operation.substring(5) : operation;
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }

    /** The kind of work an operation is, for a legend: loading, or its last word (matmuls, attention, norms, ...). */
    static String kind(String operation) {
        if (operation.startsWith("load ")) {
            return "loading from storage";
        }
        int sp = operation.lastIndexOf(' ');
        return sp < 0 ? operation : operation.substring(sp + 1);
    }

    static List<String> kinds(Csv timeline) {
        List<String> k = new ArrayList<>();
        for (int r = 0; r < timeline.rows().size(); r++) {
            String x = kind(timeline.text(r, "operation"));
            if (!k.contains(x)) {
                k.add(x);
            }
        }
        return k;
    }
}
