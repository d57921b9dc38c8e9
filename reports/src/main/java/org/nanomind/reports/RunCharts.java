package org.nanomind.reports;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a run over time, from series.csv: the battery (state of charge and voltage, the policy
 * state shaded behind), power by component stacked, and memory in use. Long runs are drawn from
 * {@link Buckets} of at most {@value #POINTS} points.
 */
final class RunCharts {
    static final int POINTS = 1500;

    private RunCharts() {
    }

    static List<Chart> of(Csv series) {
        if (series.rows().isEmpty()) {
            return List.of();
        }
        double[] t = series.numbers("time_s");
        TimeAxis axis = TimeAxis.forSpan(t[t.length - 1]);
        Buckets b = Buckets.of(t.length, POINTS);
        double[] x = axis.scale(b.mean(t));
        return List.of(battery(series, axis, b, x), power(series, axis, b, x), memory(series, axis, b, x));
    }

    static Chart battery(Csv series, TimeAxis axis, Buckets b, double[] x) {
        XYSeries soc = new XYSeries("state of charge (%)", false, true);
        double[] s = b.last(series.numbers("soc"));
        for (int i = 0; i < x.length; i++) {
            soc.add(x[i], 100 * s[i]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Battery", axis.label(), "state of charge (%)",
                new XYSeriesCollection(soc), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        XYSeries volts = new XYSeries("voltage (V)", false, true);
        double[] v = b.mean(series.numbers("voltage_v"));
        for (int i = 0; i < x.length; i++) {
            volts.add(x[i], v[i]);
        }
        NumberAxis voltAxis = new NumberAxis("cell voltage (V)");
        voltAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, voltAxis);
        plot.setDataset(1, new XYSeriesCollection(volts));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer second = new XYLineAndShapeRenderer(true, false);
        second.setSeriesPaint(0, Palette.SECOND_LINE);
        plot.setRenderer(1, second);
        plot.getRenderer().setSeriesPaint(0, Palette.LINE);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        // The policy state in force, shaded behind, at full resolution (its changes are few).
        double[] t = series.numbers("time_s");
        int from = 0;
        for (int i = 1; i <= t.length; i++) {
            if (i == t.length || !series.text(i, "policy_state").equals(series.text(from, "policy_state"))) {
                String state = series.text(from, "policy_state");
                double end = i == t.length ? t[t.length - 1] : t[i];
                IntervalMarker m = new IntervalMarker(t[from] / axis.divisor(), end / axis.divisor(), Palette.state(state));
                m.setLabel(state);
                m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
                m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
                plot.addDomainMarker(m, Layer.BACKGROUND);
                from = i;
            }
        }
        plot.getRenderer(1).setSeriesStroke(0, new BasicStroke(1.2f));
        return new Chart("battery", "Battery state of charge and cell voltage; the policy state in force is shaded"
                + " (unconstrained green, throttled yellow, critical red).", Palette.style(chart));
    }

    static Chart power(Csv series, TimeAxis axis, Buckets b, double[] x) {
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (String c : RunFiles.COMPONENTS) {
            XYSeries s = new XYSeries(c, true, false);
            double[] w = b.mean(series.numbers(c + "_w"));
            for (int i = 0; i < x.length; i++) {
                s.add(x[i], w[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart("Power by component", axis.label(), "power at the board (W)",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        for (int i = 0; i < RunFiles.COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.component(RunFiles.COMPONENTS.get(i)));
        }
        plot.setRenderer(r);
        return new Chart("power", "Power at the board by component, stacked (means over " + (b.n() / b.count())
                + "-sample buckets where the run is long; the stack's top is the total).", Palette.style(chart));
    }

    static Chart memory(Csv series, TimeAxis axis, Buckets b, double[] x) {
        XYSeries s = new XYSeries("DRAM in use", false, true);
        double[] mb = b.max(series.numbers("memory_mb"));
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], mb[i]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Memory in use", axis.label(), "memory in use (MB)",
                new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, Palette.component("dram"));
        chart.getXYPlot().getRenderer().setSeriesStroke(0, new BasicStroke(1.5f));
        return new Chart("memory", "DRAM in use: weights, KV caches, TABM pool and copy buffers (the most in each bucket where the run is long).", Palette.style(chart));
    }
}
