package org.nanomind.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The side-by-side charts of a comparison, from comparison.csv: energy per query (and by component), battery
 * life, memory (all of it and what is mapped for the GPU), how busy each unit was, latency, and decoding against its
 * DRAM roofline.
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
        List<String> shares = c.header().stream().filter(h -> h.endsWith("_j_per_answer")).toList();
        if (!shares.isEmpty()) {
            List<String> comps = shares.stream().map(h -> h.substring(0, h.length() - "_j_per_answer".length())).toList();
            charts.add(new Chart("compare-energy-components", "The run's energy by component over its answered events, standby"
                    + " included: where each variant's joules of a query go.", stacked("Energy per answered event by component",
                    "energy (J)", variants, c, shares, comps, comps.stream().map(x -> (Color) Palette.component(x)).toList())));
        }
        if (c.header().contains("battery_hours") && Arrays.stream(c.numbers("battery_hours")).anyMatch(Double::isFinite)) {
            charts.add(new Chart("compare-battery", "Hours until the battery is empty (a variant that ran for a fixed time has none).",
                    bars("Battery life", "battery life (h)", variants, c, List.of("battery_hours"), List.of("battery life"),
                            List.of(Palette.component("board")))));
        }
        charts.add(new Chart("compare-memory", "Peak memory in use: all of it, and the part mapped for the GPU (its buffers).",
                bars("Memory", "peak memory (MB)", variants, c, List.of("peak_memory_mb", "peak_gpu_memory_mb"),
                        List.of("all memory", "GPU-mapped"), List.of(Palette.component("dram"), Palette.component("gpu")))));
        List<String> busy = c.header().stream().filter(h -> h.endsWith("_busy_pct")).toList();
        List<String> units = busy.stream().map(h -> h.substring(0, h.length() - 9)).toList();
        charts.add(new Chart("compare-busy", "How much of the time queries were being answered each unit was busy, as top"
                + " and devfreq count it (a CPU cluster over all its cores).", bars("Busy by unit", "busy (%)", variants, c, busy,
                units, units.stream().map(u -> (Color) Palette.component(Palette.componentOf(u))).toList())));
        boolean p95 = c.header().contains("latency_p95_s");
        charts.add(new Chart("compare-latency", "Latency of a query, from its arrival to its answer: the median"
                + (p95 ? " and the 95th percentile." : "."), bars("Latency", "latency (s)", variants, c,
                p95 ? List.of("latency_p50_s", "latency_p95_s") : List.of("latency_p50_s"), List.of("p50", "p95"),
                List.of(NEUTRAL, new Color(0xBBBBBB)))));
        charts.add(new Chart("compare-decode", "Decoding rate against the DRAM roofline (every weight read once a token).",
                bars("Decoding", "decoding rate (tokens/s)", variants, c, List.of("decode_tokens_per_s", "decode_bound_tokens_per_s"),
                        List.of("achieved", "DRAM bound"), List.of(Palette.component("gpu"), new Color(0xBBBBBB)))));
        return charts;
    }

    private static JFreeChart bars(String title, String valueLabel, List<String> variants, Csv c, List<String> columns,
                                   List<String> names, List<Color> colours) {
        return style(ChartFactory.createBarChart(title, "variant", valueLabel, data(variants, c, columns, names),
                PlotOrientation.VERTICAL, true, false, false), variants, colours);
    }

    private static JFreeChart stacked(String title, String valueLabel, List<String> variants, Csv c, List<String> columns,
                                      List<String> names, List<Color> colours) {
        return style(ChartFactory.createStackedBarChart(title, "variant", valueLabel, data(variants, c, columns, names),
                PlotOrientation.VERTICAL, true, false, false), variants, colours);
    }

    private static DefaultCategoryDataset data(List<String> variants, Csv c, List<String> columns, List<String> names) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int k = 0; k < columns.size(); k++) {
            double[] v = c.numbers(columns.get(k));
            for (int r = 0; r < v.length; r++) {
                data.addValue(Double.isNaN(v[r]) ? null : v[r], names.get(k), variants.get(r));
            }
        }
        return data;
    }

    private static JFreeChart style(JFreeChart chart, List<String> variants, List<Color> colours) {
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
