package org.nanomind.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The report of a sweep, from DIR/results.csv, pareto.csv and sweep.json: the first objective against
 * each other one as scatter plots (feasible, infeasible, and the Pareto front drawn through its points),
 * and for each axis how the mean of each objective moves with its value (continuous axes in five bins).
 */
public final class SweepReport {
    /** What was written: the page, the charts, and how many points are on the front. */
    public record Written(Path index, List<String> charts, int front) {
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*(%|[A-Za-z]+)?");

    private SweepReport() {
    }

    public static Written write(Path dir) {
        System.setProperty("java.awt.headless", "true");
        JsonNode sweep;
        try {
            sweep = new ObjectMapper().readTree(Files.readString(dir.resolve("sweep.json")));
        } catch (IOException | RuntimeException e) {
            throw new InputException(dir.resolve("sweep.json").toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
        Csv results = Csv.read(dir.resolve("results.csv"));
        Csv pareto = Csv.read(dir.resolve("pareto.csv"));
        List<String> objectives = new ArrayList<>();
        List<Boolean> maximize = new ArrayList<>();
        for (JsonNode o : sweep.get("objectives")) {
            objectives.add(o.get("field").asString());
            maximize.add(o.get("goal").asString().equals("max"));
        }
        List<String> axes = new ArrayList<>();
        sweep.get("axes").forEach(a -> axes.add(a.asString()));
        List<Chart> charts = new ArrayList<>();
        for (int k = 1; k < objectives.size(); k++) {
            charts.add(scatter(results, pareto, objectives.get(0), objectives.get(k), k));
        }
        for (int a = 0; a < axes.size(); a++) {
            charts.add(effects(results, axes.get(a), objectives, a));
        }
        charts.forEach(c -> ChartFiles.write(c, dir));
        List<List<String>> front = new ArrayList<>();
        for (int r = 0; r < pareto.rows().size(); r++) {
            int row0 = r;
            List<String> row = new ArrayList<>();
            row.add(pareto.text(r, "point"));
            axes.forEach(x -> row.add(HtmlReport.esc(value(pareto, row0, x))));
            objectives.forEach(o -> row.add(HtmlReport.esc(value(pareto, row0, o))));
            front.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("point"));
        columns.addAll(axes);
        for (int k = 0; k < objectives.size(); k++) {
            columns.add(objectives.get(k) + (maximize.get(k) ? " (max)" : " (min)"));
        }
        long feasible = java.util.stream.IntStream.range(0, results.rows().size())
                .filter(r -> results.text(r, "feasible").equals("true")).count();
        HtmlReport.write(dir, sweep.get("sweep").asString() + " (sweep)", results.rows().size() + " points of "
                + sweep.get("scenario").asString() + " (" + sweep.get("sampling").asString() + "), " + feasible + " feasible ("
                + String.join("; ", constraints(sweep)) + "); "
                + pareto.rows().size() + " on the Pareto front", List.of(HtmlReport.table("Pareto front", columns, front),
                HtmlReport.charts(charts), HtmlReport.links(dir, List.of("results.csv", "pareto.csv", "sweep.yaml", "sweep.json"))));
        return new Written(dir.resolve("index.html"), charts.stream().map(Chart::stem).toList(), pareto.rows().size());
    }

    private static List<String> constraints(JsonNode sweep) {
        List<String> c = new ArrayList<>();
        sweep.get("constraints").forEach(x -> c.add(x.asString()));
        return c.isEmpty() ? List.of("no constraints") : c;
    }

    private static String value(Csv c, int r, String column) {
        return HtmlReport.number(c.text(r, column));
    }

    /** One objective against another: every point, the infeasible ones apart, the front as a line. */
    static Chart scatter(Csv results, Csv pareto, String x, String y, int k) {
        XYSeries ok = new XYSeries("feasible", false, true);
        XYSeries no = new XYSeries("infeasible", false, true);
        for (int r = 0; r < results.rows().size(); r++) {
            double vx = results.number(r, results.column(x));
            double vy = results.number(r, results.column(y));
            if (!Double.isNaN(vx) && !Double.isNaN(vy)) {
                (results.text(r, "feasible").equals("true") ? ok : no).add(vx, vy);
            }
        }
        List<double[]> f = new ArrayList<>();
        for (int r = 0; r < pareto.rows().size(); r++) {
            f.add(new double[] {pareto.number(r, pareto.column(x)), pareto.number(r, pareto.column(y)), r});
        }
        f.sort(Comparator.comparingDouble(p -> p[0]));
        XYSeries front = new XYSeries("Pareto front (all objectives), labelled by point", false, true);
        f.forEach(p -> front.add(p[0], p[1]));
        List<String> names = f.stream().map(p -> "#" + pareto.text((int) p[2], "point")).toList();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(ok);
        data.addSeries(no);
        JFreeChart chart = ChartFactory.createScatterPlot(y + " against " + x, FigureUnit.label(x), FigureUnit.label(y), data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesLinesVisible(0, true);
        r.setSeriesPaint(0, new Color(0xD55E00));
        r.setSeriesStroke(0, new BasicStroke(2f));
        // Each point of the front named by its point number (pareto.csv's and the table's), up to 20 of them.
        if (names.size() <= 20) {
            r.setSeriesItemLabelGenerator(0, (dataset, series, item) -> names.get(item));
            r.setSeriesItemLabelsVisible(0, true);
        }
        r.setSeriesPaint(1, new Color(0x0072B2));
        r.setSeriesPaint(2, new Color(0xBBBBBB));
        plot.setRenderer(r);
        return new Chart("scatter-" + k, y + " against " + x + " for every point; the front joins the points no other"
                + " beats on every objective (it is a front in all objectives, so in this plane some of its points sit"
                + " behind others).", Palette.style(chart));
    }

    /** How the mean of each objective moves with an axis: relative to the objective's mean over the sweep. */
    static Chart effects(Csv results, String axis, List<String> objectives, int a) {
        int n = results.rows().size();
        String[] level = new String[n];
        double[] v = new double[n];
        boolean numeric = true;
        String unit = "";
        for (int r = 0; r < n; r++) {
            level[r] = results.text(r, axis);
            java.util.regex.Matcher m = NUMBER.matcher(level[r]);
            numeric &= m.matches();
            if (m.matches()) {
                v[r] = Double.parseDouble(m.group(1));
                unit = m.group(2) == null ? "" : (m.group(2).equals("%") ? "" : " ") + m.group(2);
            }
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        long distinct = java.util.Arrays.stream(level).distinct().count();
        if (numeric && distinct > 8) {
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            for (int b = 0; b < 5; b++) {
                groups.put(String.format("%.4g..%.4g%s", sorted[b * n / 5], sorted[Math.min(n - 1, (b + 1) * n / 5 - 1)], unit),
                        new ArrayList<>());
            }
            List<String> keys = new ArrayList<>(groups.keySet());
            for (int r = 0; r < n; r++) {
                int b = 0;
                while (b < 4 && v[r] > sorted[Math.min(n - 1, (b + 1) * n / 5 - 1)]) {
                    b++;
                }
                groups.get(keys.get(b)).add(r);
            }
        } else {
            for (int r = 0; r < n; r++) {
                groups.computeIfAbsent(level[r], k -> new ArrayList<>()).add(r);
            }
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String o : objectives) {
            double[] y = results.numbers(o);
            double all = mean(y, null);
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                double m = mean(y, g.getValue());
                data.addValue(Double.isNaN(m) || all == 0 ? null : 100 * (m - all) / Math.abs(all), o, g.getKey());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Effect of " + axis, axis, "mean against the sweep's mean (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        Color[] c = {new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833), new Color(0xCCBB44), new Color(0x66CCEE)};
        for (int k = 0; k < objectives.size(); k++) {
            r.setSeriesPaint(k, c[k % c.length]);
        }
        return new Chart("effect-" + a, "How each objective's mean over the points with each value of " + axis
                + " differs from its mean over the whole sweep, in percent.", Palette.style(chart));
    }

    /** The mean of {@code v} over {@code rows} (null: all), its NaNs left out. */
    private static double mean(double[] v, List<Integer> rows) {
        double s = 0;
        int k = 0;
        int n = rows == null ? v.length : rows.size();
        for (int j = 0; j < n; j++) {
            double x = v[rows == null ? j : rows.get(j)];
            if (!Double.isNaN(x)) {
                s += x;
                k++;
            }
        }
        return k == 0 ? Double.NaN : s / k;
    }
}
