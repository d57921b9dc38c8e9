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
 * state shaded behind; long runs drawn from {@link Buckets} of at most {@value #POINTS} points) and the mean
 * power by component over spans of time. One event at full resolution is {@link EventCharts}'.
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
        return List.of(battery(series, axis, b, x), power(series));
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

    /**
     * Average power by component over the run, stacked: means over equal spans of time (an hour on a run of
     * more than six hours, ten minutes on one of more than an hour, else a minute), so each band is the
     * energy the component drew in that span over its length, and the stack's top is the board's mean power.
     */
    static Chart power(Csv series) {
        double[] t = series.numbers("time_s");
        double end = t[t.length - 1];
        double span = end > 6 * 3600 ? 3600 : end > 3600 ? 600 : 60;
        String per = span == 3600 ? "hour" : span == 600 ? "10 minutes" : "minute";
        TimeAxis axis = TimeAxis.forSpan(end);
        int spans = (int) Math.floor(end / span) + 1;
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (String c : RunFiles.COMPONENTS) {
            double[] w = series.numbers(c + "_w");
            double[] sum = new double[spans];
            int[] n = new int[spans];
            for (int i = 0; i < t.length; i++) {
                int k = (int) Math.floor(t[i] / span);
                sum[k] += w[i];
                n[k]++;
            }
            XYSeries s = new XYSeries(c, true, false);
            for (int k = 0; k < spans; k++) {
                if (n[k] > 0) {
                    s.add((k + 0.5) * span / axis.divisor(), sum[k] / n[k]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart("Average power by component, each " + per, axis.label(),
                "mean power at the board (W)", data, PlotOrientation.VERTICAL, true, false, false);
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        for (int i = 0; i < RunFiles.COMPONENTS.size(); i++) {
            r.setSeriesPaint(i, Palette.component(RunFiles.COMPONENTS.get(i)));
        }
        chart.getXYPlot().setRenderer(r);
        return new Chart("power", "Mean power at the board by component over each " + per + " of the run, stacked: the top of"
                + " the stack is the board's mean power. The next chart shows one event at full resolution.", Palette.style(chart));
    }
}
