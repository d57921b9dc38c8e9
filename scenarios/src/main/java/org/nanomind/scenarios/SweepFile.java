package org.nanomind.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nanomind.soc.InputException;
import org.nanomind.soc.YamlNode;

/**
 * Reads sweep files (YAML; docs/sweeps.md). Every axis value is tried on the base scenario when the file
 * is read, so a bad axis is reported at its own line, with what the scenario allows, before any point runs.
 */
public final class SweepFile {
    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*(%|[A-Za-z]+)?\\s*");
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([A-Za-z0-9_.]+)\\s*(<=|>=|<|>)\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");

    private SweepFile() {
    }

    public static Sweep read(Path file) {
        try {
            return parse(Files.readString(file), file.toString(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    public static Sweep parse(String text, String file, Path dir) {
        return parse(text, file, dir, null, null);
    }

    /**
     * A sweep again from its text and its base scenario's text, where the base's file may not exist (a
     * Spark executor on another machine): nothing is read from disk.
     */
    public static Sweep rebuild(String text, String file, String baseText, Path baseDir) {
        return parse(text, file, null, baseText, baseDir);
    }

    private static Sweep parse(String text, String file, Path dir, String knownBaseText, Path knownBaseDir) {
        YamlNode root = YamlNode.parse(text, file).allowOnly(Set.of("sweep", "scenario", "seed", "sampling", "points", "axes",
                "objectives", "constraints"));
        String base = root.get("scenario").text();
        String baseText = knownBaseText;
        Path baseDir = knownBaseDir;
        if (baseText != null) {
            // given: the base's text travelled with the sweep
        } else if (ScenarioFile.BUILTIN.contains(base)) {
            baseText = ScenarioFile.builtinText(base);
        } else {
            Path p = dir == null ? Path.of(base) : dir.resolve(base);
            try {
                baseText = Files.readString(p);
                baseDir = p.toAbsolutePath().getParent();
            } catch (IOException e) {
                throw root.get("scenario").error("not a built-in scenario (" + String.join(", ", ScenarioFile.BUILTIN)
                        + ") and no readable file " + p);
            }
        }
        ScenarioFile.parse(baseText, base, baseDir); // the base itself must be a valid scenario
        String sampling = root.find("sampling").map(YamlNode::text).orElse("grid");
        if (!Sweep.SAMPLINGS.contains(sampling)) {
            throw root.get("sampling").error("must be one of " + Sweep.SAMPLINGS + ", got '" + sampling + "'");
        }
        int points = 0;
        if (!sampling.equals("grid")) {
            points = (int) root.get("points").integer(1, 10_000_000);
        } else if (root.has("points")) {
            throw root.get("points").error("a grid has every combination of the axes' values; points is for sobol and latin-hypercube");
        }
        List<Axis> axes = new ArrayList<>();
        ScenarioEdit edit = new ScenarioEdit(baseText, base, baseDir);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (YamlNode a : root.get("axes").list()) {
            Axis axis = axis(a, sampling);
            Integer before = seen.putIfAbsent(axis.field(), axes.size());
            if (before != null) {
                throw a.get("field").error("'" + axis.field() + "' is already axes[" + before + "]: one field, one axis (give all its"
                        + " values there)");
            }
            check(axis, a, edit);
            axes.add(axis);
        }
        if (axes.isEmpty()) {
            throw root.get("axes").error("a sweep needs at least one axis");
        }
        List<Sweep.Objective> objectives = new ArrayList<>();
        for (YamlNode o : root.get("objectives").list()) {
            if (o.keys().size() != 1) {
                throw o.error("an objective is one 'field: max' or 'field: min'");
            }
            String field = o.keys().getFirst();
            figure(o.get(field), field);
            String dirn = o.get(field).text();
            if (!dirn.equals("max") && !dirn.equals("min")) {
                throw o.get(field).error("must be max or min, got '" + dirn + "'");
            }
            objectives.add(new Sweep.Objective(field, dirn.equals("max")));
        }
        List<Sweep.Constraint> constraints = new ArrayList<>();
        for (YamlNode c : root.find("constraints").map(YamlNode::list).orElse(List.of())) {
            Matcher m = CONSTRAINT.matcher(c.text());
            if (!m.matches()) {
                throw c.error("a constraint is 'field < number' (or <=, >, >=), got '" + c.text() + "'");
            }
            figure(c, m.group(1));
            constraints.add(new Sweep.Constraint(m.group(1), m.group(2), Double.parseDouble(m.group(3))));
        }
        Sweep sw = new Sweep(root.get("sweep").text(), file, text, root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE),
                sampling, points, axes, objectives, constraints, base, baseText, baseDir);
        java.math.BigInteger n = sw.exactSize();
        if (n.signum() < 1 || n.compareTo(java.math.BigInteger.valueOf(Sweep.MAX_POINTS)) > 0) {
            throw root.get("axes").error(String.format(java.util.Locale.ROOT, "the sweep has %,d points; allowed: 1 .. %,d", n, Sweep.MAX_POINTS));
        }
        return sw;
    }

    private static void figure(YamlNode at, String field) {
        if (!SweepRows.FIGURES.contains(field)) {
            throw at.error("'" + field + "' is not a figure of a run (allowed: " + String.join(", ", SweepRows.FIGURES) + ")");
        }
    }

    private static Axis axis(YamlNode a, String sampling) {
        a.allowOnly(Set.of("field", "values", "range"));
        String field = a.get("field").text();
        if (a.has("values") == a.has("range")) {
            throw a.error("an axis has either values (a list) or a range");
        }
        if (a.has("values")) {
            List<Object> values = new ArrayList<>();
            for (YamlNode v : a.get("values").list()) {
                values.add(scalar(v.text()));
            }
            if (values.isEmpty()) {
                throw a.get("values").error("needs at least one value");
            }
            return Axis.list(field, values);
        }
        YamlNode r = a.get("range").allowOnly(Set.of("from", "to", "step"));
        Matcher from = number(r.get("from"));
        Matcher to = number(r.get("to"));
        String unit = from.group(2) == null ? "" : from.group(2);
        if (!unit.equals(to.group(2) == null ? "" : to.group(2))) {
            throw r.get("to").error("'from' and 'to' must have the same unit, got '" + r.get("from").text() + "' and '" + r.get("to").text() + "'");
        }
        double lo = Double.parseDouble(from.group(1));
        double hi = Double.parseDouble(to.group(1));
        if (!(hi > lo)) {
            throw r.get("to").error("must be greater than from (" + lo + "), got " + hi);
        }
        boolean integer = from.group(1).matches("[-+]?\\d+") && to.group(1).matches("[-+]?\\d+");
        double step = Double.NaN;
        if (r.has("step")) {
            Matcher s = number(r.get("step"));
            step = Double.parseDouble(s.group(1));
            integer &= s.group(1).matches("[-+]?\\d+");
            if (!(step > 0) || (hi - lo) / step > 100_000) {
                throw r.get("step").error("must be > 0 and give at most 100,000 values, got " + step);
            }
        } else if (sampling.equals("grid")) {
            throw r.error("a grid needs a step for a range (or sample it: sampling: sobol or latin-hypercube)");
        }
        return Axis.range(field, lo, hi, step, unit, integer);
    }

    private static Matcher number(YamlNode n) {
        Matcher m = NUMBER_UNIT.matcher(n.text());
        if (!m.matches()) {
            throw n.error("must be a number with an optional unit ('400 MHz', '30%', '6'), got '" + n.text() + "'");
        }
        return m;
    }

    /** A scalar as YAML would type it in a scenario: integers and decimals as numbers, the rest as text. */
    private static Object scalar(String t) {
        if (t.matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(t);
        }
        if (t.matches("[-+]?\\d*\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.parseDouble(t);
        }
        return t;
    }

    /**
     * Tries the axis's values on the base scenario, a range's two ends only (the scenario's numeric limits
     * are intervals, so the ends decide, and a range of 65,536 steps is not 65,536 tries); the first refusal is
     * an error here.
     */
    private static void check(Axis axis, YamlNode at, ScenarioEdit edit) {
        List<Object> tries = axis.continuous() ? List.of(axis.at(0), Axis.format(axis.to(), axis.unit(), axis.integer()))
                : at.has("values") ? axis.values() : List.of(axis.values().getFirst(), axis.values().getLast());
        for (int i = 0; i < tries.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(axis.field(), tries.get(i));
            YamlNode where = at.has("values") ? at.get("values").list().get(i) : at.get("range");
            try {
                Runner.check(edit.apply(one, at.file()));
            } catch (InputException e) {
                throw where.error("'" + axis.field() + "' = " + tries.get(i) + " is not a valid scenario: " + e.problem());
            } catch (IllegalArgumentException e) {
                throw at.get("field").error(e.getMessage());
            }
        }
    }
}
