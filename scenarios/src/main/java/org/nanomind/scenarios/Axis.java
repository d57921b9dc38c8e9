package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a sweep: a field of the scenario (a path such as {@code workload.rate_per_hour},
 * {@code bricks[qwen2-0.5b].quantization} or {@code limits.gpu}) and the values it takes: a list, or a
 * numeric range with an optional unit ({@code 400 MHz .. 800 MHz}), stepped (a list in effect) or
 * continuous (for Sobol and Latin-hypercube sampling only).
 *
 * @param values the values of a list or stepped range, as YAML scalars; empty for a continuous range
 * @param unit   the unit written after a range's numbers ("MHz", "%"), or "" for none
 */
public record Axis(String field, List<Object> values, double from, double to, String unit, boolean integer) {
    public Axis {
        values = List.copyOf(values);
    }

    static Axis list(String field, List<Object> values) {
        return new Axis(field, values, Double.NaN, Double.NaN, "", false);
    }

    /** A range; with a step it is the list from, from + step, ... up to to (within a rounding error). */
    static Axis range(String field, double from, double to, double step, String unit, boolean integer) {
        if (Double.isNaN(step)) {
            return new Axis(field, List.of(), from, to, unit, integer);
        }
        List<Object> v = new ArrayList<>();
        long n = Math.round(Math.floor((to - from) / step + 1e-9));
        for (long i = 0; i <= n; i++) {
            v.add(format(from + i * step, unit, integer));
        }
        return new Axis(field, v, from, to, unit, integer);
    }

    boolean continuous() {
        return values.isEmpty();
    }

    /** The value at {@code u} in [0, 1): a list's element, or a point of a continuous range. */
    Object at(double u) {
        if (!continuous()) {
            return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
        }
        return format(from + u * (to - from), unit, integer);
    }

    /** A number as the scenario file writes it: an integer as one, a unit after a space. */
    static Object format(double v, String unit, boolean integer) {
        Object n = integer ? (Object) Math.round(v) : (Object) (v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : v);
        if (unit.isEmpty()) {
            return n;
        }
        return unit.equals("%") ? n + "%" : n + " " + unit;
    }
}
