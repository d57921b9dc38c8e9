package org.nanomind.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The side-by-side charts of a comparison, from comparison.csv: energy per query, memory (all of it and
 * what is mapped for the GPU), how busy each unit was, latency, and decoding against its DRAM roofline.
 */
final class ComparisonCharts {
    private static final Color NEUTRAL = new Color(0x4477AA);

    private ComparisonCharts() {
    }

    static List<Chart> of(Csv c) {
        List<String> variants = new ArrayList<>();
        for (int r = 0; r < c.rows().size(); r++) {
            variants.add(c.text(r, "variant"));
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("compare-energy", "Energy of one query (from its trigger until its answer) in each variant.",
                bars("Energy per query", "energy (J)", variants, c, List.of("energy_per_query_j"), List.of("energy per query"),
                        List.of(Palette.component("dram")))));
        charts.add(new Chart("compare-memory", "Peak memory in use: all of it, and the part mapped for the GPU (its buffers).",
                bars("Memory", "peak memory (MB)", variants, c, List.of("peak_memory_mb", "peak_gpu_memory_mb"),
                        List.of("all memory", "GPU-mapped"), List.of(Palette.component("dram"), Palette.component("gpu")))));
        List<String> busy = c.header().stream().filter(h -> h.endsWith("_busy_pct")).toList();
        List<String> units = busy.stream().map(h -> h.substring(0, h.length() - 9)).toList();
        charts.add(new Chart("compare-busy", "How much of the time queries were being answered each unit was busy, as top"
                + " and devfreq count it (a CPU cluster over all its cores).", bars("Busy by unit", "busy (%)", variants, c, busy,
                units, units.stream().map(u -> (Color) Palette.component(Palette.componentOf(u))).toList())));
        charts.add(new Chart("compare-latency", "Median latency of a query, from its arrival to its answer.",
                bars("Latency", "latency p50 (s)", variants, c, List.of("latency_p50_s"), List.of("latency p50"), List.of(NEUTRAL))));
        charts.add(new Chart("compare-decode", "Decoding rate against the DRAM roofline (every weight read once a token).",
                bars("Decoding", "decoding rate (tokens/s)", variants, c, List.of("decode_tokens_per_s", "decode_bound_tokens_per_s"),
                        List.of("achieved", "DRAM bound"), List.of(Palette.component("gpu"), new Color(0xBBBBBB)))));
        return charts;
    }

    private static JFreeChart bars(String title, String valueLabel, List<String> variants, Csv c, List<String> columns,
                                   List<String> names, List<Color> colours) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int k = 0; k < columns.size(); k++) {
            double[] v = c.numbers(columns.get(k));
            for (int r = 0; r < v.length; r++) {
                data.addValue(Double.isNaN(v[r]) ? null : v[r], names.get(k), variants.get(r));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "variant", valueLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int k = 0; k < colours.size(); k++) {
            r.setSeriesPaint(k, colours.get(k));
        }
        if (variants.size() > 4) {
            chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return Palette.style(chart);
    }
}
