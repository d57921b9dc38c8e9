package org.nanomind.soc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in families against their published sizes: Ultralytics' model tables give FLOPs at 640 (two per
 * multiply-accumulate, counted by thop) and parameters; MobileNetV2's paper gives 300 M multiply-adds and 3.4 M
 * parameters at 224.
 */
class FamiliesTest {
    record Published(double gflops, double mparams) {
    }

    static final Map<String, Published> ULTRALYTICS = Map.of("yolov5n", new Published(4.5, 1.9), "yolov5s", new Published(16.5, 7.2),
            "yolov5m", new Published(49.0, 21.2), "yolov8n", new Published(8.7, 3.2), "yolov8s", new Published(28.6, 11.2),
            "yolov8m", new Published(78.9, 25.9));

    @Test
    void yoloSizesMatchTheirPublishedTables() {
        for (var e : ULTRALYTICS.entrySet()) {
            Graph g = Families.named(e.getKey(), Shape.of(3, 640, 640)).orElseThrow();
            double gflops = 2 * g.macs() / 1e9;
            double mparams = g.weights() / 1e6;
            System.out.printf("%s: %.2f GFLOPs (published %.1f), %.2f M parameters (published %.1f)%n", e.getKey(), gflops,
                    e.getValue().gflops(), mparams, e.getValue().mparams());
            assertEquals(e.getValue().gflops(), gflops, 0.05 * e.getValue().gflops(), e.getKey());
            assertEquals(e.getValue().mparams(), mparams, 0.08 * e.getValue().mparams(), e.getKey());
        }
    }

    @Test
    void mobileNetV2MatchesItsPaper() {
        Graph g = Families.named("mobilenetv2-12", Shape.of(3, 224, 224)).orElseThrow();
        assertEquals(300e6, g.macs(), 0.03 * 300e6);
        assertEquals(3.4e6, g.weights(), 0.05 * 3.4e6);
    }

    @Test
    void variantsChangeWhatTheyShould() {
        Shape in = Shape.of(3, 640, 640);
        Graph det = Families.named("yolov5n", in).orElseThrow();
        Graph seg = Families.named("yolov5n-seg", in).orElseThrow();
        assertTrue(seg.macs() > det.macs(), "prototypes and mask coefficients add work");
        Graph relu = Families.named("Yolov5m-relu", in).orElseThrow();
        Graph silu = Families.named("Yolov5m-silu", in).orElseThrow();
        assertEquals(relu.macs(), silu.macs());
        assertTrue(silu.nodes().stream().mapToLong(Node::elementOps).sum() > relu.nodes().stream().mapToLong(Node::elementOps).sum());
        assertTrue(Families.named("retinaface", in).isEmpty(), "a backbone must be named");
        assertTrue(Families.named("yolov6l", in).isEmpty(), "only the sizes whose blocks are written out");
        assertEquals(Shape.of(3, 480, 640), Families.input("[1,3,480,640] (demo)").orElseThrow());
    }

    /**
     * The later detectors against their authors' tables at 640 (FLOPs, two per multiply-accumulate, and
     * parameters of the deployed models): Megvii's YOLOX README, WongKinYiu's YOLOv7 README, Meituan's YOLOv6
     * v3.0 table and THU's YOLOv10 table. Wider bounds than Ultralytics' own (8 %): those tables count with
     * their own tools, at times with the training-time heads.
     */
    static final Map<String, Published> AUTHORS = Map.of("yolox_s", new Published(26.8, 9.0), "yolox_m", new Published(73.8, 25.3),
            "yolov7", new Published(104.7, 36.9), "yolov6n", new Published(11.4, 4.7), "yolov6s", new Published(45.3, 18.5),
            "yolov6m", new Published(85.8, 34.9), "yolov10n", new Published(6.7, 2.3), "yolov10s", new Published(21.6, 7.2));

    @Test
    void laterDetectorsMatchTheirAuthorsTables() {
        StringBuilder off = new StringBuilder();
        for (var e : new java.util.TreeMap<>(AUTHORS).entrySet()) {
            Graph g = Families.named(e.getKey(), Shape.of(3, 640, 640)).orElseThrow();
            double gflops = 2 * g.macs() / 1e9;
            double mparams = g.weights() / 1e6;
            System.out.printf("%s: %.2f GFLOPs (published %.1f), %.2f M parameters (published %.1f)%n", e.getKey(), gflops,
                    e.getValue().gflops(), mparams, e.getValue().mparams());
            if (Math.abs(gflops / e.getValue().gflops() - 1) > 0.08 || Math.abs(mparams / e.getValue().mparams() - 1) > 0.10) {
                off.append(e.getKey()).append(' ');
            }
        }
        assertEquals("", off.toString(), "families off their published sizes");
    }

    /**
     * RetinaFace-MobileNet0.25 against its repository's 1.7 MB file of floats (0.43 M parameters); LPRNet against a
     * count by hand, layer by layer, of the reference implementation at 94 x 24 (output pixels x output channels x
     * the dot product's length).
     */
    @Test
    void compactNetsMatchTheirSources() {
        Graph face = Families.named("RetinaFace_mobile320", Shape.of(3, 320, 320)).orElseThrow();
        Graph plate = Families.named("lprnet", Shape.of(3, 24, 94)).orElseThrow();
        System.out.printf("retinaface: %.3f M parameters, %.3f GMACs at 320; lprnet: %.3f GFLOPs, %.3f M parameters%n",
                face.weights() / 1e6, face.macs() / 1e9, 2 * plate.macs() / 1e9, plate.weights() / 1e6);
        assertEquals(1.7e6 / 4, face.weights(), 0.05 * 1.7e6 / 4);
        long byHand = 22L * 92 * 64 * 27 // 3x3 stem, no padding
                + 20L * 90 * (32 * 64 + 32 * 96 + 32 * 96 + 128 * 32) // first small basic block (64 -> 128)
                + 18L * 44 * (64 * 64 + 64 * 192 + 64 * 192 + 256 * 64) // second (64 -> 256, after the pool keeps 64 channels)
                + 18L * 44 * (64 * 256 + 64 * 192 + 64 * 192 + 256 * 64) // third (256 -> 256)
                + 16L * 18 * 256 * 64 * 4 // 1x4 convolution
                + 4L * 18 * 68 * 256 * 13 // 13x1 character convolution
                + 4L * 18 * 68 * (64 + 128 + 256 + 68); // the 1x1 over the global context
        assertEquals(byHand, plate.macs(), 0.01 * byHand);
        assertEquals("yolox_s", Families.family("YoloXs-relu"));
        assertEquals(Families.family("yolox_m"), Families.family("YoloXm-silu"));
        assertEquals("yolov7", Families.family("Yolov7-silu"));
    }

    /**
     * PP-OCRv4's mobile detector: the DB head's probability map has the input's size, from a fused map of 96
     * channels at a quarter of it; the deployed (re-parameterised) model holds about 1.1 M parameters, a 4.7 MB
     * file of floats as PaddleOCR lists ch_PP-OCRv4_det.
     */
    @Test
    void ppocrV4DetectsAtTheInputsSize() {
        Graph g = Families.named("ppocrv4_det", Shape.of(3, 480, 480)).orElseThrow();
        Node last = g.nodes().getLast();
        System.out.printf("ppocrv4_det: %.3f M parameters, %.3f GMACs at 480%n", g.weights() / 1e6, g.macs() / 1e9);
        assertEquals(Shape.of(1, 480, 480), last.outputShapes().getFirst());
        assertTrue(g.nodes().stream().anyMatch(n -> n.type().equals("Concat") && n.outputShapes().getFirst().equals(Shape.of(96, 120, 120))));
        assertEquals(4.7e6 / 4, g.weights(), 0.15 * 4.7e6 / 4);
        assertEquals("ppocrv4_det", Families.family("PP-OCRv4_det"));
    }
}
