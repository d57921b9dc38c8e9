package org.nanomind.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

/**
 * One colour per component and per policy state, the same in every chart, and one plain theme (white
 * plot, light grid) so charts read the same on screen and in print. Colours are from the Okabe-Ito set,
 * which stays distinct for colour-blind readers.
 */
final class Palette {
    private static final Map<String, Color> COMPONENTS = Map.of(
            "cpu", new Color(0x0072B2), "gpu", new Color(0x009E73), "npu", new Color(0xCC79A7),
            "dram", new Color(0xE69F00), "peripherals", new Color(0x56B4E9), "board", new Color(0x8C6D46),
            "storage", new Color(0x999999));
    private static final Map<String, Color> STATES = Map.of(
            "unconstrained", new Color(0xDFF2E7), "throttled", new Color(0xFFF3D1), "critical", new Color(0xF9DEDC));
    static final Color LINE = new Color(0x222222);
    static final Color SECOND_LINE = new Color(0xD55E00);

    private Palette() {
    }

    /** The colour of a component; a CPU cluster's name (a55, a76) is the cpu. */
    static Color component(String name) {
        Color c = COMPONENTS.get(name);
        return c != null ? c : COMPONENTS.get("cpu");
    }

    static Paint state(String state) {
        return STATES.getOrDefault(state, Color.WHITE);
    }

    /** The component a unit's work is drawn in: its own, or the cpu for a CPU cluster. */
    static String componentOf(String unit) {
        return COMPONENTS.containsKey(unit) ? unit : "cpu";
    }

    /**
     * White background and a light grid. Set by hand rather than through a ChartTheme, whose apply() would
     * reset the series colours this palette gives.
     */
    static JFreeChart style(JFreeChart chart) {
        Color grid = new Color(0xDDDDDD);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        Plot p = chart.getPlot();
        p.setBackgroundPaint(Color.WHITE);
        if (p instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            xy.setDomainGridlineStroke(new BasicStroke(0.5f));
            xy.setRangeGridlineStroke(new BasicStroke(0.5f));
        } else if (p instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(grid);
            cp.setRangeGridlineStroke(new BasicStroke(0.5f));
        }
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        }
        return chart;
    }
}
