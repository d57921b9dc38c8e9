package org.nanomind.scenarios.fidelity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the measurements disagree with each other: rows the twin cannot tell apart (the same graph and input,
 * runtime version, precision, threads, chip and clocks, so every twin gives them one prediction) whose measured
 * values differ. Such a group's spread is error no cost model can remove: of its lowest value lo and highest hi,
 * the prediction 2 lo hi / (lo + hi) is off by (hi - lo) / (hi + lo) on both, and any other is further off on
 * one of them. That least worst error is the group's floor; it tells a reader how much of the fidelity table is
 * the data's own scatter (two boards of one chip and clock, two benchmark entries of one release).
 */
public record Disagreement(List<Spread> spreads) {
    /** The band the table counts groups against: a floor at or above it means some row is off by that much whatever the twin says. */
    public static final double BAND_PCT = 25;

    /** One group of indistinguishable rows: their ids, boards, metric, measured range and floor in per cent. */
    public record Spread(String model, String metric, List<String> ids, List<String> boards, double low, double high) {
        /** The least, over every possible prediction, of the worst |error %| among the group's rows. */
        public double floorPct() {
            return 100 * (high - low) / (high + low);
        }
    }

    public Disagreement {
        spreads = List.copyOf(spreads);
    }

    /** The groups of two or more rows with one twin input and different measured values, widest first. */
    public static Disagreement of(List<Prediction> predictions) {
        Map<String, List<Prediction>> byInput = new LinkedHashMap<>();
        for (Prediction p : predictions) {
            byInput.computeIfAbsent(p.twinInput() + "|" + p.metric(), k -> new ArrayList<>()).add(p);
        }
        List<Spread> out = new ArrayList<>();
        for (List<Prediction> g : byInput.values()) {
            double lo = g.stream().mapToDouble(Prediction::measured).min().orElseThrow();
            double hi = g.stream().mapToDouble(Prediction::measured).max().orElseThrow();
            if (g.size() >= 2 && hi > lo) {
                out.add(new Spread(g.getFirst().model(), g.getFirst().metric(), g.stream().map(Prediction::id).toList(),
                        g.stream().map(Prediction::board).distinct().toList(), lo, hi));
            }
        }
        out.sort(Comparator.comparingDouble(Spread::floorPct).reversed().thenComparing(s -> s.ids().getFirst()));
        return new Disagreement(out);
    }

    /** The groups whose floor is at least {@code pct}: some row of each is off by that much whatever the twin says. */
    public List<Spread> atLeast(double pct) {
        return spreads.stream().filter(s -> s.floorPct() >= pct).toList();
    }

    /** One line for the fidelity table. */
    public String line() {
        if (spreads.isEmpty()) {
            return "measurement disagreement: no rows the twin cannot tell apart differ\n";
        }
        List<Spread> wide = atLeast(BAND_PCT);
        Spread top = spreads.getFirst();
        return String.format("measurement disagreement: %d groups of rows the twin cannot tell apart (same graph, runtime, precision,"
                        + " threads, chip and clocks) differ; in %d of them no prediction is within %.0f %% of every row (widest: %s,"
                        + " %.4g to %.4g %s, floor %.1f %%); disagreement.csv lists them%n", spreads.size(), wide.size(), BAND_PCT,
                top.model(), top.low(), top.high(), top.metric(), top.floorPct());
    }
}
