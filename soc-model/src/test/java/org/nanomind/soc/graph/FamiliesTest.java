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
        assertTrue(Families.named("retinaface", in).isEmpty());
        assertEquals(Shape.of(3, 480, 640), Families.input("[1,3,480,640] (demo)").orElseThrow());
    }
}
