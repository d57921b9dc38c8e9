package org.nanomind.scenarios.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.graph.Families;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class FidelityTest {
    static final Path DATA = Path.of("../../shared/data/rk356x");
    static final Platform P = PlatformFile.named("nanomind-rk3566");

    static List<Measurement> calibrationSet() {
        return Measurements.read(DATA.resolve("measurements.csv"));
    }

    /** The CPU rows of eight model families: enough for three folds, quick enough for a unit test. */
    static List<Measurement> subset() {
        Set<String> families = Set.of("resnet18", "mobilenet", "squeezenet", "shufflenet_v2", "mobilenet_yolo", "vgg16",
                "efficientnetv2_b0", "proxylessnasnet");
        return calibrationSet().stream().filter(m -> m.unit().equals("cpu") && m.framework().contains("ncnn")
                && families.contains(m.model().replace("_int8", ""))).toList();
    }

    @Test
    void aHeldOutFamilyIsPredictedByAFitThatNeverSawIt() {
        List<Measurement> rows = subset();
        Fidelity.Result a = Fidelity.run(rows, DATA.resolve("ncnn-models"), P, 3, s -> { });
        Map<String, Integer> foldOf = new HashMap<>();
        for (Prediction p : a.predictions()) {
            Integer before = foldOf.putIfAbsent(p.group(), p.fold());
            assertTrue(before == null || before == p.fold(), p.group() + " is in two folds");
        }
        assertEquals(3, Set.copyOf(foldOf.values()).size());
        // Triple every measured time of ResNet-18 (and its INT8 twin): its own fold's predictions must not move,
        // the other folds' must (ResNet-18 trains them).
        List<Measurement> changed = rows.stream().map(m -> m.model().startsWith("resnet18") ? new Measurement(m.id(), m.source(),
                m.board(), m.chip(), m.unit(), m.framework(), m.model(), m.precision(), m.input(), m.threads(), m.metric(),
                3 * m.value(), m.notes(), m.line()) : m).toList();
        Fidelity.Result b = Fidelity.run(changed, DATA.resolve("ncnn-models"), P, 3, s -> { });
        int fold = foldOf.get("resnet18");
        boolean othersMoved = false;
        for (int i = 0; i < a.predictions().size(); i++) {
            Prediction x = a.predictions().get(i);
            Prediction y = b.predictions().get(i);
            assertEquals(x.id(), y.id());
            if (x.fold() == fold) {
                assertEquals(x.predicted(), y.predicted(), 0.0, x.id() + " is predicted without its own fold's measurements");
            } else {
                othersMoved |= x.predicted() != y.predicted();
            }
        }
        assertTrue(othersMoved, "ResNet-18's measurements train the other folds");
    }

    @Test
    void theSummaryIsWhatPredictionsCsvImplies(@TempDir Path dir) throws IOException {
        Fidelity.Result r = Fidelity.run(calibrationSet(), DATA.resolve("ncnn-models"), P, 0, s -> { });
        FidelityFiles.write(dir, r, Summary.of(r));
        List<String> lines = Files.readAllLines(dir.resolve("predictions.csv"));
        assertEquals(String.join(",", FidelityFiles.header()), lines.getFirst());
        Map<String, List<Double>> byUnit = new HashMap<>();
        List<Double> all = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double measured = Double.parseDouble(f[8]);
            double predicted = Double.parseDouble(f[9]);
            assertEquals(Double.parseDouble(f[10]), 100 * (predicted - measured) / measured, 0.01, line);
            double e = Math.abs(Double.parseDouble(f[10]));
            all.add(e);
            byUnit.computeIfAbsent(f[3], k -> new java.util.ArrayList<>()).add(e);
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(r.rows(), s.get("rows").asInt());
        assertEquals(lines.size() - 1, s.get("predicted").asInt());
        assertEquals(Files.readAllLines(dir.resolve("not_expressible.csv")).size() - 1, s.get("not_expressible").asInt());
        Map<String, JsonNode> groups = new HashMap<>();
        s.get("groups").forEach(g -> groups.put(g.get("by").asString() + "/" + g.get("group").asString(), g));
        check(groups.get("all/all"), all);
        byUnit.forEach((u, e) -> check(groups.get("unit/" + u), e));
    }

    /** Median and 90th percentile by nearest rank (Commons Math's R_1 estimator), and the maximum. */
    private static void check(JsonNode g, List<Double> errors) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile nearest = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
        assertEquals(e.length, g.get("rows").asInt());
        // predictions.csv rounds errors to 0.01 %
        assertEquals(nearest.evaluate(e, 50), g.get("median_abs_error_pct").asDouble(), 0.006);
        assertEquals(nearest.evaluate(e, 90), g.get("p90_abs_error_pct").asDouble(), 0.006);
        assertEquals(java.util.Arrays.stream(e).max().orElseThrow(), g.get("max_abs_error_pct").asDouble(), 0.006);
    }

    @Test
    void everyRowIsPredictedOrHasAReason() {
        Fidelity.Result r = Fidelity.run(calibrationSet(), DATA.resolve("ncnn-models"), P, 0, s -> { });
        assertEquals(402, r.rows());
        assertEquals(r.rows(), r.predictions().size() + r.notExpressible().size());
        assertTrue(r.predictions().size() >= 362, "every ncnn row, every memory row, the NPU's built-in families: " + r.predictions().size());
        assertEquals(97, r.predictions().stream().filter(p -> p.unit().equals("npu")).count(),
                "YOLOv5, v6, v7, v8, v10, YOLOX, RetinaFace, LPRNet, PP-OCRv4 and MobileNetV2 on the NPU");
        // The rows still without a graph: the segmentation, transformer and open-vocabulary models.
        Set<String> missing = r.notExpressible().stream().filter(n -> n.m().unit().equals("npu")).map(n -> Families.family(n.m().model()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of("lite-transformer-encoder-16", "mobilesam_encoder_tiny", "pp_liteseg_cityscapes",
                "ppseg_lite_1024x512", "yolo_world_v2s"), missing);
        for (Case.NotExpressible n : r.notExpressible()) {
            assertFalse(n.reason().isBlank());
        }
        Map<String, Long> reasons = r.notExpressible().stream().filter(n -> n.m().unit().equals("npu"))
                .collect(Collectors.groupingBy(n -> n.reason().startsWith("no graph") ? "graph" : n.reason(), Collectors.counting()));
        assertEquals(Set.of("graph"), reasons.keySet(), "the NPU rows lack only their graphs");
    }
}
