package org.nanomind.soc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ncnn layer types that the 26 benchmark graphs do not use, in small graphs written here: a transformer
 * block (LayerNorm, MultiHeadAttention, Gemm, GELU), a decoder head (Deconvolution, GroupNorm, Sigmoid,
 * Crop), and MatMul. Expected shapes and multiply-accumulates are worked out by hand in each test.
 */
class NcnnLayersTest {
    static Map<String, Node> nodes(String text) {
        Graph g = NcnnParam.parse("test.param", text, List.of());
        return g.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
    }

    @Test
    void aTransformerBlock() {
        // 16 tokens of 64 features (w=64, h=16), 4 heads; an MLP of 64 -> 256 -> 64.
        Map<String, Node> n = nodes("""
                7767517
                7 8
                Input            in    0 1 x 0=64 1=16
                Split            sp    1 2 x x0 x1
                LayerNorm        ln    1 1 x0 xn 0=64 1=1e-5 2=1
                MultiHeadAttention mha 1 1 xn a 0=64 1=4 2=16384
                BinaryOp         add   2 1 a x1 r 0=0
                Gemm             fc1   1 1 r h 2=0 3=1 4=0 5=1 6=1 7=0 8=256 9=64
                GELU             act   1 1 h y
                """);
        assertEquals(Shape.of(16, 64), n.get("mha").outputShapes().getFirst());
        // Four 64x64 projections of 16 tokens, then 16x16 scores and the weighted sum over 64 features.
        assertEquals(4L * 16 * 64 * 64 + 2L * 16 * 16 * 64, n.get("mha").macs());
        assertEquals(OperatorClass.ATTENTION, n.get("mha").cls());
        assertEquals(Shape.of(16, 256), n.get("fc1").outputShapes().getFirst());
        assertEquals(16L * 64 * 256, n.get("fc1").macs());
        assertEquals(64L * 256, n.get("fc1").weights() - 256, "weights plus the bias");
        assertEquals(OperatorClass.GEMM, n.get("fc1").cls());
        assertEquals(OperatorClass.NORMALIZATION, n.get("ln").cls());
        assertEquals(16L * 256 * OperatorWork.TRANSCENDENTAL_OPS, n.get("act").elementOps());
        assertEquals(0, n.get("sp").inputElements(), "a split hands out references");
    }

    @Test
    void aDecoderHead() {
        // [8, 10, 10] upsampled x2 by a 4x4 stride-2 transposed convolution with padding 1, then cropped.
        Map<String, Node> n = nodes("""
                7767517
                5 5
                Input            in    0 1 x 0=10 1=10 2=8
                Deconvolution    up    1 1 x u 0=4 1=4 3=2 4=1 5=1 6=512
                GroupNorm        gn    1 1 u g 0=2 1=4 2=1e-5 3=1
                Sigmoid          sg    1 1 g s
                Crop             cr    1 1 s c 0=2 1=2 3=16 4=16
                """);
        assertEquals(Shape.of(4, 20, 20), n.get("up").outputShapes().getFirst(), "(10 - 1) x 2 + 4 - 2");
        assertEquals(8L * 10 * 10 * 4 * 4 * 4, n.get("up").macs(), "every input value scattered through 4 x 4 x 4 weights");
        assertEquals(Shape.of(4, 16, 16), n.get("cr").outputShapes().getFirst());
        assertEquals(OperatorClass.DATA, n.get("cr").cls());
    }

    @Test
    void batchedMatMulAndWinogradShapedConvolutions() {
        Map<String, Node> n = nodes("""
                7767517
                5 5
                Input            a     0 1 a 0=32 1=8 2=4
                Input            b     0 1 b 0=16 1=32 2=4
                MatMul           mm    2 1 a b y
                Convolution      c3    1 1 y z 0=8 1=3 4=1 6=288
                Convolution      c3s2  1 1 z w 0=8 1=3 3=2 4=1 6=576
                """);
        assertEquals(Shape.of(4, 8, 16), n.get("mm").outputShapes().getFirst());
        assertEquals(4L * 8 * 16 * 32, n.get("mm").macs());
        assertEquals(OperatorClass.CONV_3X3S1, n.get("c3").cls(), "3x3, stride 1: Winograd's shape");
        assertEquals(OperatorClass.CONV, n.get("c3s2").cls(), "stride 2 is not");
        assertEquals(Shape.of(8, 4, 8), n.get("c3s2").outputShapes().getFirst());
    }

    /**
     * The detection heads benchncnn runs scan every cell before any threshold. YOLOv3 (80 classes, 3 anchors, maps of
     * 10x10 and 20x20) reads each class score once for the largest and takes two sigmoids a box: 1,500 boxes of 80
     * compares, the objectness and 2 x 10 operations, 151,500 operations for 127,500 values. YOLOv2 (20 classes, 5
     * anchors, 13x13) takes a softmax over every class score first, a transcendental's operations each.
     */
    @Test
    void detectionHeadsCostTheirScans() {
        Map<String, Node> n = nodes("""
                7767517
                5 6
                Input                 a     0 1 a 0=10 1=10 2=255
                Input                 b     0 1 b 0=20 1=20 2=255
                Yolov3DetectionOutput v3    2 1 a b y 0=80 1=3 2=0.55
                Input                 c     0 1 c 0=13 1=13 2=125
                YoloDetectionOutput   v2    1 1 c z 0=20 1=5 2=0.4
                """);
        Node v3 = n.get("v3");
        assertEquals(OperatorClass.POSTPROCESS, v3.cls());
        assertEquals(127_500, v3.inputElements());
        assertEquals(151_500, v3.elementOps(), "a compare a class score, two sigmoids a box");
        Node v2 = n.get("v2");
        assertEquals(13L * 13 * 125 * OperatorWork.TRANSCENDENTAL_OPS, v2.elementOps(), "a softmax's exp for every value");
    }
}
