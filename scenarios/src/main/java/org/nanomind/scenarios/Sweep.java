package org.nanomind.scenarios;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.nanomind.sim.RandomStream;
import org.nanomind.sim.RandomStreams;

/**
 * A design-space sweep, as read from a sweep file (docs/sweeps.md): a base scenario, axes over its fields,
 * how the points are chosen (every combination, or Sobol or Latin-hypercube samples), the objectives and
 * the constraints. Point {@code i} is a pure function of the sweep: its values and its seed depend on the
 * sweep and {@code i} alone, so any engine, any number of workers and any order give the same rows.
 *
 * @param text     the sweep file's own text
 * @param baseText the base scenario's text, and {@code baseDir} where its relative paths resolve (null: none)
 */
public record Sweep(String name, String source, String text, long seed, String sampling, int points, List<Axis> axes,
                    List<Objective> objectives, List<Constraint> constraints, String baseName, String baseText,
                    Path baseDir, int[][] strata) {
    public static final List<String> SAMPLINGS = List.of("grid", "sobol", "latin-hypercube");

    public Sweep {
        axes = List.copyOf(axes);
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
    }

    /** A sweep whose Latin-hypercube strata (when it samples that way) are drawn here, once. */
    public Sweep(String name, String source, String text, long seed, String sampling, int points, List<Axis> axes,
                 List<Objective> objectives, List<Constraint> constraints, String baseName, String baseText, Path baseDir) {
        this(name, source, text, seed, sampling, points, axes, objectives, constraints, baseName, baseText, baseDir,
                sampling.equals("latin-hypercube") ? strata(seed, axes.size(), points) : null);
    }

    /** Per axis, a random permutation of the strata: point i falls in stratum strata[axis][i]. */
    private static int[][] strata(long seed, int axes, int points) {
        int[][] out = new int[axes][];
        for (int k = 0; k < axes; k++) {
            RandomStream s = new RandomStreams(seed).stream("latin-hypercube axis " + k);
            int[] perm = new int[points];
            for (int j = 0; j < points; j++) {
                perm[j] = j;
            }
            for (int j = points - 1; j > 0; j--) {
                int r = (int) Math.floor(s.uniform() * (j + 1));
                int t = perm[j];
                perm[j] = perm[r];
                perm[r] = t;
            }
            out[k] = perm;
        }
        return out;
    }

    /** An objective: a results column to maximize or minimize. */
    public record Objective(String field, boolean maximize) {
    }

    /** A constraint on a results column: {@code field op bound} with op one of &lt;, &lt;=, &gt;, &gt;=. */
    public record Constraint(String field, String op, double bound) {
        public boolean holds(double v) {
            return switch (op) {
                case "<" -> v < bound;
                case "<=" -> v <= bound;
                case ">" -> v > bound;
                case ">=" -> v >= bound;
                default -> throw new IllegalStateException(op);
            };
        }

        @Override
        public String toString() {
            return field + " " + op + " " + bound;
        }
    }

    /** The most points a sweep may have. */
    public static final int MAX_POINTS = 10_000_000;

    /** How many points the sweep has, exactly: the product of the axes' sizes for a grid, else {@code points}. */
    public java.math.BigInteger exactSize() {
        if (!sampling.equals("grid")) {
            return java.math.BigInteger.valueOf(points);
        }
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (Axis a : axes) {
            n = n.multiply(java.math.BigInteger.valueOf(a.values().size()));
        }
        return n;
    }

    /** How many points the sweep has (a sweep file is refused above {@link #MAX_POINTS}, so this fits). */
    public int size() {
        java.math.BigInteger n = exactSize();
        if (n.compareTo(java.math.BigInteger.valueOf(MAX_POINTS)) > 0) {
            throw new IllegalStateException("the sweep has " + n + " points, more than " + MAX_POINTS);
        }
        return n.intValueExact();
    }

    /** The values of point {@code i}, by field, in the order of the axes. */
    public Map<String, Object> values(int i) {
        Map<String, Object> v = new LinkedHashMap<>();
        double[] u = unit(i);
        for (int k = 0; k < axes.size(); k++) {
            v.put(axes.get(k).field(), axes.get(k).at(u[k]));
        }
        return v;
    }

    /** Point {@code i} in the unit cube, one coordinate an axis. */
    private double[] unit(int i) {
        int d = axes.size();
        double[] u = new double[d];
        switch (sampling) {
            case "grid" -> {
                int rest = i;
                for (int k = d - 1; k >= 0; k--) {
                    int n = axes.get(k).values().size();
                    u[k] = (rest % n + 0.5) / n;
                    rest /= n;
                }
            }
            case "sobol" -> {
                SobolSequenceGenerator g = new SobolSequenceGenerator(d);
                g.skipTo(i + 1); // the first Sobol point is the origin, every coordinate at its lower end
                u = g.nextVector();
            }
            default -> {
                // Latin hypercube: the point's stratum on each axis, and a random place in it.
                for (int k = 0; k < d; k++) {
                    RandomStream jitter = new RandomStreams(seed).stream("latin-hypercube axis " + k + " point " + i);
                    u[k] = (strata[k][i] + jitter.uniform()) / points;
                }
            }
        }
        return u;
    }

    /** The seed of point {@code i}: SplitMix64 of the sweep's seed and the index. */
    public long seed(int i) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** The scenario of point {@code i}: the base with the point's values and seed. */
    public Scenario scenario(int i) {
        return new ScenarioEdit(baseText, baseName, baseDir).apply(values(i), source + " point " + i).withSeed(seed(i));
    }
}
