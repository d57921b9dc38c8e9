package org.nanomind.soc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nanomind.soc.graph.OnnxWriter.a;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.InputException;

/** ONNX files written here: a ResNet-style network with stripped weights, exported shape arithmetic, bad files. */
class OnnxModelTest {
    static final long[] P1 = {1, 1, 1, 1};

    /** Stem, max pool, one residual block, global pool and a classifier, as torchvision's ResNet-18 begins and ends. */
    static byte[] resnetStyle() {
        return new OnnxWriter(13).input("x", 1, 3, 224, 224)
                .weights("w1", 64, 3, 7, 7).weights("wa", 64, 64, 3, 3).weights("wb", 64, 64, 3, 3).weights("fc", 1000, 64)
                .weights("fcb", 1000).weights("s", 64).weights("b", 64).weights("m", 64).weights("v", 64)
                .node("Conv", "conv1", List.of("x", "w1"), List.of("c1"), a("kernel_shape", new long[] {7, 7}),
                        a("strides", new long[] {2, 2}), a("pads", new long[] {3, 3, 3, 3}))
                .node("BatchNormalization", "bn1", List.of("c1", "s", "b", "m", "v"), List.of("n1"))
                .node("Relu", "relu1", List.of("n1"), List.of("r1"))
                .node("MaxPool", "pool", List.of("r1"), List.of("p1"), a("kernel_shape", new long[] {3, 3}),
                        a("strides", new long[] {2, 2}), a("pads", P1))
                .node("Conv", "conva", List.of("p1", "wa"), List.of("ca"), a("kernel_shape", new long[] {3, 3}), a("pads", P1))
                .node("Relu", "relua", List.of("ca"), List.of("ra"))
                .node("Conv", "convb", List.of("ra", "wb"), List.of("cb"), a("kernel_shape", new long[] {3, 3}), a("pads", P1))
                .node("Add", "add", List.of("cb", "p1"), List.of("sum"))
                .node("Relu", "relu", List.of("sum"), List.of("y"))
                .node("GlobalAveragePool", "gap", List.of("y"), List.of("g"))
                .node("Flatten", "flat", List.of("g"), List.of("f"))
                .node("Gemm", "fc", List.of("f", "fc", "fcb"), List.of("logits"), a("transB", 1L))
                .info("p1", 1, 64, 56, 56)
                .bytes();
    }

    /**
     * examples/models/resnet-style.onnx (what examples/resnet-style-npu.yaml runs) is this writer's model, byte for
     * byte; -Dwrite.examples=true writes it again.
     */
    @Test
    void theExampleModelIsThisOne() throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Path.of("../examples/models/resnet-style.onnx");
        if (Boolean.getBoolean("write.examples")) {
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Files.write(f, resnetStyle());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(resnetStyle(), java.nio.file.Files.readAllBytes(f));
    }

    static Map<String, Node> byName(Graph g) {
        return g.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
    }

    @Test
    void aResNetStyleModelWithStrippedWeights() {
        Graph g = OnnxModel.parse("r.onnx", resnetStyle(), List.of());
        Map<String, Node> n = byName(g);
        assertEquals(Shape.of(1, 64, 112, 112), n.get("conv1").outputShapes().getFirst());
        assertEquals(Shape.of(1, 64, 56, 56), n.get("pool").outputShapes().getFirst());
        assertEquals(Shape.of(1, 1000), n.get("fc").outputShapes().getFirst());
        long stem = 112L * 112 * 64 * 3 * 7 * 7;
        long block = 56L * 56 * 64 * 64 * 9;
        assertEquals(stem + 2 * block + 64L * 1000, g.macs(), "counted by hand");
        assertEquals(OperatorClass.CONV, n.get("conv1").cls());
        assertEquals(OperatorClass.CONV_3X3S1, n.get("conva").cls());
        assertEquals(OperatorClass.GEMV, n.get("fc").cls());
        assertEquals(64L * 1000 + 1000, n.get("fc").weights());
        assertEquals(3L * 224 * 224, n.get("conv1").inputElements(), "the weights are not activations");
        // The same file at another resolution: the value_info hint is for 224, so it is not checked.
        Graph big = OnnxModel.parse("r.onnx", resnetStyle(), List.of(List.of(1L, 3L, 320L, 320L)));
        assertEquals(Shape.of(1, 64, 160, 160), byName(big).get("conv1").outputShapes().getFirst());
    }

    @Test
    void exportedShapeArithmeticResolves() {
        // x [1, 16, 8, 8] -> Shape -> Gather(0) -> Unsqueeze -> Concat with [-1] -> Reshape: [1, 1024]
        byte[] m = new OnnxWriter(13).input("x", 1, 16, 8, 8).scalar("zero", 0).ints("axes", 0).ints("minus", -1)
                .node("Shape", "shape", List.of("x"), List.of("s"))
                .node("Gather", "batch", List.of("s", "zero"), List.of("b"))
                .node("Unsqueeze", "unsq", List.of("b", "axes"), List.of("b1"))
                .node("Concat", "cat", List.of("b1", "minus"), List.of("target"), a("axis", 0L))
                .node("Reshape", "reshape", List.of("x", "target"), List.of("y"))
                .node("Softmax", "soft", List.of("y"), List.of("z"), a("axis", -1L))
                .bytes();
        Map<String, Node> n = byName(OnnxModel.parse("s.onnx", m, List.of()));
        assertEquals(Shape.of(1, 1024), n.get("reshape").outputShapes().getFirst());
        assertEquals(0, n.get("batch").inputElements() + n.get("batch").outputElements(), "shape arithmetic moves no tensors");
        assertEquals(1024L * OperatorWork.TRANSCENDENTAL_OPS, n.get("soft").elementOps());
    }

    static InputException bad(byte[] bytes) {
        return assertThrows(InputException.class, () -> OnnxModel.parse("bad.onnx", bytes, List.of()));
    }

    @Test
    void badFilesAreNamedByNode() {
        byte[] good = resnetStyle();
        assertTrue(bad(java.util.Arrays.copyOf(good, good.length / 2)).getMessage().contains("truncated or corrupt"));
        InputException unknown = bad(new OnnxWriter(13).input("x", 1, 4).node("FancyOp", "mystery", List.of("x"), List.of("y")).bytes());
        assertEquals("mystery", unknown.field());
        assertTrue(unknown.getMessage().contains("unknown operator FancyOp"));
        InputException cycle = bad(new OnnxWriter(13).input("x", 1, 4)
                .node("Add", "a", List.of("x", "q"), List.of("p")).node("Relu", "b", List.of("p"), List.of("q")).bytes());
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
        InputException mismatch = bad(new OnnxWriter(13).input("x", 1, 3, 8, 8).weights("w", 8, 4, 3, 3)
                .node("Conv", "c", List.of("x", "w"), List.of("y")).bytes());
        assertEquals("c", mismatch.field());
        assertTrue(mismatch.getMessage().contains("3 input channels"), mismatch.getMessage());
        InputException huge = bad(new OnnxWriter(13).input("x", 1, 1L << 40).node("Relu", "r", List.of("x"), List.of("y")).bytes());
        assertTrue(huge.getMessage().contains("1099511627776"), huge.getMessage());
        InputException old = bad(new OnnxWriter(9).input("x", 1, 4).node("Relu", "r", List.of("x"), List.of("y")).bytes());
        assertTrue(old.getMessage().contains("opset 9"), old.getMessage());
        InputException hint = bad(new OnnxWriter(13).input("x", 1, 4, 8, 8).info("y", 1, 4, 9, 9)
                .node("MaxPool", "p", List.of("x"), List.of("y"), a("kernel_shape", new long[] {2, 2}), a("strides", new long[] {2, 2})).bytes());
        assertTrue(hint.getMessage().contains("value_info"), hint.getMessage());
        InputException noData = bad(new OnnxWriter(13).input("x", 1, 16).weights("shape", 2)
                .node("Reshape", "r", List.of("x", "shape"), List.of("y")).bytes());
        assertTrue(noData.getMessage().contains("target shape"), noData.getMessage());
    }

    /** Seeded byte mutations of a valid model: each loads or fails with a named InputException, nothing else. */
    @Test
    void mutatedFilesFailOnlyWithNamedErrors() {
        byte[] good = resnetStyle();
        Random rnd = new Random(11);
        int failed = 0;
        for (int k = 0; k < 2000; k++) {
            byte[] m = good.clone();
            int changes = 1 + rnd.nextInt(4);
            for (int c = 0; c < changes; c++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            try {
                OnnxModel.parse("m.onnx", m, List.of());
            } catch (InputException e) {
                failed++;
                assertTrue(e.getMessage().startsWith("m.onnx"), e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutant " + k + " threw " + e);
            }
        }
        assertTrue(failed > 200, "many mutants are broken: " + failed);
    }
}
