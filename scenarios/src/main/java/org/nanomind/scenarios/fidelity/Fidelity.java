package org.nanomind.scenarios.fidelity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.nanomind.soc.ComputeUnit;
import org.nanomind.soc.GraphRun;
import org.nanomind.soc.Platform;
import org.nanomind.soc.cost.CostFit;
import org.nanomind.soc.cost.CostModel;
import org.nanomind.soc.cost.Runtime;

/**
 * How well the twin predicts measurements: every expressible row runs as a single inference on its board
 * (through the DES, with the cost model the runs use), and the rest are listed with the reason. With folds,
 * the rows are split by model family and each fold's rows are predicted by parameters fitted without any
 * of its models: the out-of-sample error, the figure that counts.
 */
public final class Fidelity {
    /** Every row's fate: predictions, and what could not be expressed. */
    public record Result(List<Prediction> predictions, List<Case.NotExpressible> notExpressible, int folds, int rows) {
    }

    private Fidelity() {
    }

    /** Where the graphs of a measurements file are unless told: the ncnn-models folder beside it. */
    public static Path models(Path measurements, Path given) {
        return given != null ? given : measurements.toAbsolutePath().getParent().resolve("ncnn-models");
    }

    /** The cases of {@code rows}: graphs from {@code models}, clocks from the platform's boards. */
    public static List<Case> cases(List<Measurement> rows, Path models, Platform p) {
        Cases c = new Cases(models, p);
        return rows.stream().map(c::of).toList();
    }

    /**
     * Predicts every expressible row. With {@code folds} >= 2, model families are dealt to folds in sorted
     * order and each fold is predicted by a fit on the others; otherwise the platform's parameters predict.
     */
    public static Result run(List<Measurement> rows, Path models, Platform p, int folds, Consumer<String> progress) {
        List<Case> cases = cases(rows, models, p);
        List<Case.Inference> inference = new ArrayList<>();
        List<Case.Memory> memory = new ArrayList<>();
        List<Case.NotExpressible> no = new ArrayList<>();
        for (Case c : cases) {
            switch (c) {
                case Case.Inference i -> inference.add(i);
                case Case.Memory m -> memory.add(m);
                case Case.NotExpressible n -> no.add(n);
            }
        }
        Map<String, Prediction> byId = new java.util.HashMap<>();
        if (folds >= 2) {
            // Families dealt to folds in sorted order: family i goes to fold i mod K.
            Map<String, Integer> foldOf = new java.util.HashMap<>();
            for (String g : new TreeSet<>(inference.stream().map(Case.Inference::group).toList())) {
                foldOf.put(g, foldOf.size() % folds);
            }
            for (int k = 0; k < folds; k++) {
                final int fold = k;
                List<Case.Inference> train = inference.stream().filter(i -> foldOf.get(i.group()) != fold).toList();
                List<Case.Inference> test = inference.stream().filter(i -> foldOf.get(i.group()) == fold).toList();
                if (test.isEmpty()) {
                    continue;
                }
                CostFit.Result f = CostFit.fit(p, samples(train));
                progress.accept(String.format("fold %d/%d: fitted %d parameters on %d rows (rms log error %.3f), predicting %d rows of %s",
                        k + 1, folds, f.parameters(), train.size(), f.rmsLogError(), test.size(),
                        new TreeSet<>(test.stream().map(Case.Inference::group).toList())));
                for (Case.Inference i : test) {
                    byId.put(i.m().id(), predict(i, f.platform().runtimes(), fold));
                }
            }
        } else {
            for (Case.Inference i : inference) {
                byId.put(i.m().id(), predict(i, p.runtimes(), -1));
            }
        }
        for (Case.Memory m : memory) {
            byId.put(m.m().id(), predict(m));
        }
        List<Prediction> out = rows.stream().map(r -> byId.get(r.id())).filter(java.util.Objects::nonNull).toList();
        return new Result(out, no, folds, rows.size());
    }

    /** The fit samples of inference cases (what `calibrate --measurements` fits on too). */
    public static List<CostFit.Sample> samples(List<Case.Inference> cases) {
        return cases.stream().map(i -> new CostFit.Sample(i.steps(), i.onBoard(), i.measuredSeconds())).toList();
    }

    private static Prediction predict(Case.Inference i, Map<String, Runtime> runtimes, int fold) {
        double s = GraphRun.singleInference(i.onBoard().withRuntimes(runtimes), i.steps());
        Measurement m = i.m();
        double predicted = m.metric().equals("fps") ? 1 / s : s * 1e3;
        String input = String.join("|", m.model(), m.input(), i.runtime(), i.precision(), m.threads().strip(), clocks(i.board()));
        return new Prediction(m.id(), m.model(), i.group(), m.unit(), i.precision(), i.runtime(), i.board().name(), m.metric(),
                m.value(), predicted, fold, input);
    }

    /**
     * A copy of 256 MiB by one core: it reads and writes every byte through the shared DRAM and moves at most
     * the core's copy rate; a memset only writes. Nothing here is fitted.
     */
    private static Prediction predict(Case.Memory c) {
        double bytes = 256.0 * (1 << 20);
        ComputeUnit cpu = c.onBoard().cpu();
        CostModel.Cost cost = c.copy() ? CostModel.copy(bytes, 0, cpu) : new CostModel.Cost(0, bytes / cpu.copyBytesPerCycle(), 1, bytes);
        double s = GraphRun.alone(c.onBoard(), (soc, done) -> soc.execute(cpu.name(), c.copy() ? "memcpy" : "memset", cost, done));
        Measurement m = c.m();
        return new Prediction(m.id(), m.model(), "memory", m.unit(), "", c.copy() ? "memcpy" : "memset", c.board().name(), m.metric(),
                m.value(), bytes / s / 1e6, -1, String.join("|", c.copy() ? "memcpy" : "memset", clocks(c.board())));
    }

    /** A board as the twin sees it: its chip and clocks, not its name (two boards of one chip and clocks are one to it). */
    private static String clocks(org.nanomind.soc.cost.Board b) {
        return b.chip() + new java.util.TreeMap<>(b.clocksHz());
    }
}
