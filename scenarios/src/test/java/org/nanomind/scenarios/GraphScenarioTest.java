package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.GraphBrick;
import org.nanomind.soc.GraphRun;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Precision;
import org.nanomind.soc.cost.Lowering;
import org.nanomind.soc.graph.NcnnParam;
import org.nanomind.soc.graph.Shape;

/** A scenario whose brick is an ncnn graph: one inference on the CPU or the GPU, with its fallbacks reported. */
class GraphScenarioTest {
    static final Path EXAMPLES = Path.of("../examples");
    static final Path MODELS = Path.of("../../shared/data/rk356x/ncnn-models");

    @Test
    void oneInferenceTakesWhatTheCostModelSaysOnAnIdleBoard() {
        Scenario sc = ScenarioFile.named(EXAMPLES.resolve("resnet18-cpu.yaml").toString());
        Summary s = Runner.run(sc, null, null);
        assertEquals(1, s.queries());
        Platform p = PlatformFile.named("nanomind-rk3566");
        var steps = Lowering.place(NcnnParam.load(MODELS.resolve("resnet18.param"), List.of(Shape.of(3, 224, 224))),
                Precision.FP32, "ncnn", p, 4);
        double alone = GraphRun.singleInference(p, steps);
        assertEquals(alone, s.latencyP50(), 1e-9, "a resident graph's one query is its inference");
        assertTrue(s.busyPercent().get("a55") > 0 && s.busyPercent().get("gpu") == 0);
    }

    @Test
    void aQuantizedGraphOnTheGpuReportsEveryLayerThatFellBack(@TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("resnet18-gpu.yaml"))
                .replace("../../shared/data/rk356x/ncnn-models/resnet18.param", MODELS.toAbsolutePath().resolve("resnet18_int8.param").toString());
        Path f = dir.resolve("int8.yaml");
        Files.writeString(f, text);
        Summary s = Runner.run(ScenarioFile.named(f.toString()), null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) s.graphs().get("resnet18");
        assertEquals("ncnn-vulkan", g.get("runtime"));
        long int8 = NcnnParam.load(MODELS.resolve("resnet18_int8.param")).nodes().stream().filter(n -> n.int8()).count();
        assertEquals(int8, ((List<?>) g.get("fell_back")).size());
        assertTrue(s.busyPercent().get("a55") > 0 && s.busyPercent().get("gpu") > 0, "both units worked");
    }

    @Test
    void aGraphOnARuntimeOfAnotherUnitIsRefusedBeforeItRuns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gpu.yaml");
        Files.writeString(f, Files.readString(EXAMPLES.resolve("resnet18-cpu.yaml")).replace("unit: a55, threads: 4", "unit: gpu, runtime: ncnn")
                .replace("../../shared", MODELS.toAbsolutePath().getParent().getParent().getParent().toString()));
        InputException e = assertThrows(InputException.class, () -> Runner.check(ScenarioFile.named(f.toString())));
        assertTrue(e.getMessage().contains("bricks[0].runtime") && e.getMessage().contains("runs on a55, not on gpu"), e.getMessage());
    }

    @Test
    void anOnnxModelRunsOnTheNpuAfterItsInputIsHandedOver() {
        Summary s = Runner.run(ScenarioFile.named(EXAMPLES.resolve("resnet-style-npu.yaml").toString()), null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) s.graphs().get("resnet-style");
        assertEquals("rknn", g.get("runtime"));
        assertEquals(1L, g.get("handovers"), "the image is copied into the NPU's input buffer once");
        assertEquals(Map.of("npu", 12L), g.get("operators_by_unit"));
        Platform p = PlatformFile.named("nanomind-rk3566");
        var steps = Lowering.place(org.nanomind.soc.graph.OnnxModel.load(EXAMPLES.resolve("models/resnet-style.onnx"), List.of()),
                Precision.FP32, "rknn", p, 1);
        assertEquals(GraphRun.singleInference(p, steps), s.latencyP50(), 1e-9);
        assertTrue(s.busyPercent().get("npu") > 0);
    }

    @Test
    void audioAndSequenceLengthAreInputs(@TempDir Path dir) throws Exception {
        Summary s = Runner.run(ScenarioFile.named(EXAMPLES.resolve("encoders-npu.yaml").toString()), null, null);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> g = (Map<String, Map<String, Object>>) (Map<?, ?>) s.graphs();
        assertEquals(3, g.size());
        String text = Files.readString(EXAMPLES.resolve("encoders-npu.yaml"));
        Path longer = dir.resolve("longer.yaml");
        Files.writeString(longer, text.replace("audio: 20 s", "audio: 30 s"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> h = (Map<String, Map<String, Object>>) (Map<?, ?>) Runner.run(ScenarioFile.named(longer.toString()), null, null).graphs();
        long macs20 = (Long) g.get("whisper-encoder").get("multiply_accumulates");
        long macs30 = (Long) h.get("whisper-encoder").get("multiply_accumulates");
        assertTrue(macs30 > 1.5 * macs20, "attention grows faster than the audio: " + macs20 + " -> " + macs30);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, text.replace("tokens: 77", "audio: 5 s"));
        InputException e = assertThrows(InputException.class, () -> ScenarioFile.named(bad.toString()));
        assertTrue(e.getMessage().contains("speech encoder") && e.line() > 0, e.getMessage());
        Files.writeString(bad, text.replace("audio: 20 s", "tokens: 20"));
        assertTrue(assertThrows(InputException.class, () -> ScenarioFile.named(bad.toString())).getMessage().contains("text encoder"));
    }

    @Test
    void theBrickHoldsItsWeightsAsTheRuntimeDoes() {
        GraphBrick b = new GraphBrick("r", NcnnParam.load(MODELS.resolve("resnet18_int8.param")), "");
        GraphBrick f = new GraphBrick("r", NcnnParam.load(MODELS.resolve("resnet18.param")), "");
        assertTrue(b.weightBytes() < 0.6 * f.weightBytes(), "INT8 convolutions at one byte a weight");
        assertEquals(f.graph().weights() * 2, f.weightBytes(), "FP16 at two");
    }
}
