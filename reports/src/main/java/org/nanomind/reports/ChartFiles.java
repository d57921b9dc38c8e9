package org.nanomind.reports;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a chart as PNG (for the page) and SVG (for print and slides), at one size. */
final class ChartFiles {
    static final int WIDTH = 960;
    static final int HEIGHT = 480;

    private ChartFiles() {
    }

    static void write(Chart c, Path dir) {
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(c.stem() + ".png").toFile(), c.chart(), WIDTH, HEIGHT);
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            c.chart().draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(dir.resolve(c.stem() + ".svg").toFile(), g.getSVGElement());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + c.stem() + " to " + dir, e);
        }
    }
}
