package org.nanomind.reports;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * One event as a Gantt chart, from timeline.csv: a row per unit; each operation drawn in the colour of its
 * kind of work (matmuls, attention, norms, loading from storage, ...) for its time at the unit's own rate,
 * then in the DRAM colour for what the shared DRAM added; each module's span shaded behind and named.
 */
final class TimelineChart {
    private static final Color[] KINDS = {new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833), new Color(0xCCBB44),
        new Color(0x66CCEE), new Color(0xAA3377), new Color(0x999933)};
    private static final Color[] BANDS = {new Color(0xF2F5FA), new Color(0xFAF2F3)};
    private static final String DRAM = "waiting for DRAM";

    private TimelineChart() {
    }

    static Chart of(Csv t) {
        List<String> units = new ArrayList<>();
        for (int r = 0; r < t.rows().size(); r++) {
            if (!units.contains(t.text(r, "unit"))) {
                units.add(t.text(r, "unit"));
            }
        }
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        for (String k : EventCharts.kinds(t)) {
            series.put(k, new XYIntervalSeries(k));
        }
        series.put(DRAM, new XYIntervalSeries(DRAM));
        double[] start = t.numbers("start_s");
        double[] end = t.numbers("end_s");
        double[] compute = t.numbers("compute_s");
        for (int r = 0; r < start.length; r++) {
            int y = units.indexOf(t.text(r, "unit"));
            double own = Double.isNaN(compute[r]) ? end[r] - start[r] : Math.min(compute[r], end[r] - start[r]);
            series.get(EventCharts.kind(t.text(r, "operation"))).add(y, y - 0.35, y + 0.35, start[r], start[r], start[r] + own);
            if (start[r] + own < end[r]) {
                series.get(DRAM).add(y, y - 0.35, y + 0.35, start[r] + own, start[r] + own, end[r]);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYBarRenderer r = new XYBarRenderer();
        int k = 0;
        for (var e : series.entrySet()) {
            if (e.getValue().getItemCount() > 0) {
                data.addSeries(e.getValue());
                r.setSeriesPaint(data.getSeriesCount() - 1, e.getKey().equals(DRAM) ? Palette.component("dram") : KINDS[k++ % KINDS.length]);
            }
        }
        r.setUseYInterval(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        SymbolAxis unitAxis = new SymbolAxis("unit", units.toArray(new String[0]));
        unitAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = new XYPlot(data, unitAxis, new NumberAxis("time from the event's start (s)"), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        int b = 0;
        for (Map.Entry<String, double[]> m : EventCharts.modules(t).entrySet()) {
            IntervalMarker band = new IntervalMarker(m.getValue()[0], m.getValue()[1], BANDS[b % BANDS.length]);
            band.setLabel(m.getKey());
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            band.setLabelOffset(new RectangleInsets(4 + 14 * (b++ % 2), 4, 4, 4));
            plot.addRangeMarker(band, Layer.BACKGROUND);
        }
        JFreeChart chart = new JFreeChart("One event, module by module", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return new Chart("timeline", "The first answered event: what each unit ran and when, each module's span shaded and named."
                + " Each operation is drawn in the colour of its kind of work for its time at the unit's own rate, then in the DRAM"
                + " colour for what the shared DRAM added to it.", Palette.style(chart));
    }
}
