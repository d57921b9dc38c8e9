package org.nanomind.reports;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A plain line chart of named series over one x axis, written as PNG and SVG (used by `nanomind replay`). */
public final class LinePlot {
    private LinePlot() {
    }

    /** Writes DIR/STEM.png and .svg; each series is (x[], y[]), drawn in the order given. */
    public static void write(Path dir, String stem, String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> e : new LinkedHashMap<>(series).entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            for (int i = 0; i < x.length; i++) {
                s.add(x[i], y[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, Palette.LINE);
        chart.getXYPlot().getRenderer().setSeriesPaint(1, Palette.SECOND_LINE);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            chart.getXYPlot().getRenderer().setSeriesStroke(i, new BasicStroke(1.5f));
        }
        ChartFiles.write(new Chart(stem, title, Palette.style(chart)), dir);
    }
}
