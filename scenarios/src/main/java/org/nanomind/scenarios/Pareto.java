package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-dominated points of a sweep: among the feasible points whose objectives are all known, those
 * that no other point matches or beats on every objective while beating them on one.
 */
public final class Pareto {
    private Pareto() {
    }

    /** The rows (as split fields, with {@code header}) on the front, in their order. */
    public static List<List<String>> front(List<String> header, List<List<String>> rows, List<Sweep.Objective> objectives) {
        int feasible = header.indexOf("feasible");
        List<double[]> scores = new ArrayList<>();
        List<List<String>> candidates = new ArrayList<>();
        for (List<String> r : rows) {
            double[] s = new double[objectives.size()];
            boolean known = r.get(feasible).equals("true");
            for (int k = 0; k < s.length && known; k++) {
                String cell = r.get(header.indexOf(objectives.get(k).field()));
                if (cell.isEmpty()) {
                    known = false;
                } else {
                    // Every objective as one to maximize.
                    s[k] = objectives.get(k).maximize() ? Double.parseDouble(cell) : -Double.parseDouble(cell);
                }
            }
            if (known) {
                scores.add(s);
                candidates.add(r);
            }
        }
        List<List<String>> front = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < scores.size() && !dominated; j++) {
                dominated = j != i && dominates(scores.get(j), scores.get(i));
            }
            if (!dominated) {
                front.add(candidates.get(i));
            }
        }
        return front;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] < b[k]) {
                return false;
            }
            better |= a[k] > b[k];
        }
        return better;
    }
}
