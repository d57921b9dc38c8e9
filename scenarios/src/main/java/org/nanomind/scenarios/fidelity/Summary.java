package org.nanomind.scenarios.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The error of a fidelity run, grouped: all rows, the latency rows (single-inference latency or FPS), and by
 * unit, precision, runtime, board and metric. Each group gives its count and the median, 90th percentile
 * and maximum of |error %|, quantiles by nearest rank (the smallest value with at least that share of the
 * group at or below it), so every figure is one of the rows' own errors. {@code disagreement} is where the
 * measurements themselves differ on rows the twin cannot tell apart.
 */
public record Summary(List<Group> groups, int predicted, int notExpressible, int rows, int folds, Disagreement disagreement) {
    /** One group's error figures. */
    public record Group(String dimension, String value, int n, double medianAbs, double p90Abs, double maxAbs) {
    }

    public static Summary of(Fidelity.Result r) {
        List<Prediction> p = r.predictions();
        List<Group> g = new ArrayList<>();
        g.add(group("all", "all", p));
        g.add(group("rows", "latency", p.stream().filter(Summary::latency).toList()));
        by(g, "unit", p, Prediction::unit);
        by(g, "precision", p.stream().filter(Summary::latency).toList(), Prediction::precision);
        by(g, "runtime", p, Prediction::runtime);
        by(g, "board", p, Prediction::board);
        by(g, "metric", p, Prediction::metric);
        return new Summary(g, p.size(), r.notExpressible().size(), r.rows(), r.folds(), Disagreement.of(p));
    }

    static boolean latency(Prediction x) {
        return x.metric().equals("latency_ms") || x.metric().equals("fps");
    }

    private static void by(List<Group> out, String dimension, List<Prediction> p, Function<Prediction, String> key) {
        Map<String, List<Prediction>> m = new LinkedHashMap<>();
        for (Prediction x : p) {
            m.computeIfAbsent(key.apply(x), k -> new ArrayList<>()).add(x);
        }
        m.keySet().stream().sorted().forEach(k -> out.add(group(dimension, k, m.get(k))));
    }

    private static Group group(String dimension, String value, List<Prediction> p) {
        double[] e = p.stream().mapToDouble(x -> Math.abs(x.errorPercent())).sorted().toArray();
        return new Group(dimension, value, e.length, rank(e, 0.5), rank(e, 0.9), e.length == 0 ? Double.NaN : e[e.length - 1]);
    }

    /** The nearest-rank quantile of sorted values: the value at rank ceil(q n). */
    static double rank(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The groups as a fixed-width table, as `nanomind fidelity` prints it. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("%-10s %-40s %5s %9s %9s %9s%n", "by", "group", "rows", "median|e|", "p90|e|", "max|e|"));
        for (Group g : groups) {
            b.append(g.n() == 0 ? String.format("%-10s %-40s %5d %9s %9s %9s%n", g.dimension(), abbreviate(g.value()), 0, "-", "-", "-")
                    : String.format("%-10s %-40s %5d %8.1f%% %8.1f%% %8.1f%%%n", g.dimension(), abbreviate(g.value()), g.n(),
                    g.medianAbs(), g.p90Abs(), g.maxAbs()));
        }
        b.append(folds >= 2 ? "out of sample: each fold predicted by a fit without its model families (" + folds + " folds)\n"
                : "in sample: the platform's parameters as they are (use --folds K for the out-of-sample error)\n");
        b.append(disagreement.line());
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
