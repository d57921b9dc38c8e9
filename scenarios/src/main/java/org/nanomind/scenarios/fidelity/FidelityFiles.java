package org.nanomind.scenarios.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a fidelity run's files, each through a temporary file renamed into place: predictions.csv (row id,
 * labels, measured, predicted, error %, fold), not_expressible.csv (row id and the reason), disagreement.csv (rows the
 * twin cannot tell apart whose measurements differ, with the error floor that sets) and summary.json.
 */
public final class FidelityFiles {
    private FidelityFiles() {
    }

    public static void write(Path dir, Fidelity.Result r, Summary s) {
        StringBuilder p = new StringBuilder("id,model,group,unit,precision,runtime,board,metric,measured,predicted,error_pct,fold\n");
        for (Prediction x : r.predictions()) {
            p.append(String.join(",", x.id(), x.model(), x.group(), x.unit(), x.precision(), x.runtime(), csv(x.board()), x.metric(),
                    num(x.measured()), num(x.predicted()), String.format("%.2f", x.errorPercent()), String.valueOf(x.fold()))).append('\n');
        }
        StringBuilder n = new StringBuilder("id,model,unit,metric,reason\n");
        for (Case.NotExpressible x : r.notExpressible()) {
            n.append(String.join(",", x.m().id(), csv(x.m().model()), x.m().unit(), x.m().metric(), csv(x.reason()))).append('\n');
        }
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("rows", s.rows());
        j.put("predicted", s.predicted());
        j.put("not_expressible", s.notExpressible());
        j.put("folds", s.folds());
        j.put("out_of_sample", s.folds() >= 2);
        ArrayNode groups = j.putArray("groups");
        for (Summary.Group g : s.groups()) {
            ObjectNode o = groups.addObject();
            o.put("by", g.dimension());
            o.put("group", g.value());
            o.put("rows", g.n());
            error(o, "median_abs_error_pct", g.medianAbs());
            error(o, "p90_abs_error_pct", g.p90Abs());
            error(o, "max_abs_error_pct", g.maxAbs());
        }
        Disagreement d = s.disagreement();
        StringBuilder w = new StringBuilder("model,metric,rows,boards,low,high,floor_pct\n");
        ArrayNode spreads = j.putArray("disagreement");
        for (Disagreement.Spread x : d.spreads()) {
            w.append(String.join(",", csv(x.model()), x.metric(), String.join(" ", x.ids()), csv(String.join("; ", x.boards())), num(x.low()),
                    num(x.high()), String.format("%.2f", x.floorPct()))).append('\n');
            ObjectNode o = spreads.addObject();
            o.put("model", x.model());
            o.put("metric", x.metric());
            x.ids().forEach(o.putArray("rows")::add);
            o.put("low", x.low());
            o.put("high", x.high());
            o.put("floor_pct", x.floorPct());
        }
        try {
            Files.createDirectories(dir);
            org.nanomind.scenarios.AtomicFiles.write(dir.resolve("disagreement.csv"), w.toString());
            org.nanomind.scenarios.AtomicFiles.write(dir.resolve("predictions.csv"), p.toString());
            org.nanomind.scenarios.AtomicFiles.write(dir.resolve("not_expressible.csv"), n.toString());
            org.nanomind.scenarios.AtomicFiles.write(dir.resolve("summary.json"), new ObjectMapper().rebuild().enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(j) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fidelity files to " + dir, e);
        }
    }

    /** An empty group has no error: null, not NaN (which JSON cannot hold). */
    private static void error(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String num(double v) {
        return String.format("%.6g", v);
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        return s.matches(".*[\",\\n\\r].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static List<String> header() {
        return List.of("id", "model", "group", "unit", "precision", "runtime", "board", "metric", "measured", "predicted", "error_pct", "fold");
    }
}
