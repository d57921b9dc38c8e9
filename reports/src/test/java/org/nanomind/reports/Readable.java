package org.nanomind.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;

/** A chart a reader can read alone: a title, labelled axes whose numbers carry their unit, and a legend. */
final class Readable {
    private Readable() {
    }

    static void check(Chart c) {
        JFreeChart ch = c.chart();
        assertTrue(ch.getTitle() != null && !ch.getTitle().getText().isBlank(), c.stem() + ": a title");
        assertTrue(ch.getLegend() != null && ch.getLegend().isVisible(), c.stem() + ": a legend");
        List<Axis> axes = ch.getPlot() instanceof XYPlot xy ? List.of(xy.getDomainAxis(), xy.getRangeAxis())
                : List.of(ch.getCategoryPlot().getDomainAxis(), ch.getCategoryPlot().getRangeAxis());
        for (Axis a : axes) {
            assertTrue(a.getLabel() != null && !a.getLabel().isBlank(), c.stem() + ": every axis is labelled");
            if (a instanceof NumberAxis && !(a instanceof SymbolAxis)) {
                assertTrue(a.getLabel().matches(".*\\([^)]+\\)$"), c.stem() + ": a value axis names its unit: " + a.getLabel());
            }
        }
    }
}
