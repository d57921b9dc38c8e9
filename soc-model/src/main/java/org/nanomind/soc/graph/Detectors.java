package org.nanomind.soc.graph;

import static org.nanomind.soc.graph.YoloBlocks.c2f;
import static org.nanomind.soc.graph.YoloBlocks.c3;
import static org.nanomind.soc.graph.YoloBlocks.cspSpp;
import static org.nanomind.soc.graph.YoloBlocks.divisible;
import static org.nanomind.soc.graph.YoloBlocks.repeats;
import static org.nanomind.soc.graph.YoloBlocks.sppf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.nanomind.soc.graph.GraphBuilder.Act;

/**
 * The YOLO detectors after v5 and v8 that rknn_model_zoo benchmarks, each from its authors' definition as
 * deployed (re-parameterised branches fused into one convolution, BN folded, post-processing outside):
 * YOLOX (Megvii's yolox/models: Focus, CSPDarknet, PAFPN, decoupled head), YOLOv7 (yolov7.yaml: ELAN blocks,
 * MP down-sampling, SPPCSPC, RepConv fused), YOLOv6 v3 (EfficientRep or CSPBep backbone, the Bi-directional
 * RepBiFPAN neck with transposed-convolution up-sampling, EffiDeHead) and YOLOv10 (yolov10*.yaml: SCDown,
 * PSA, C2fCIB and the one-to-one head).
 */
final class Detectors {
    private Detectors() {
    }

    /** YOLOX at depth and width multiples (s: 0.33, 0.50; m: 0.67, 0.75). */
    static Graph yolox(String name, Shape in, double depth, double width, Act act) {
        GraphBuilder b = new GraphBuilder(name);
        IntUnaryOperator ch = c -> (int) (c * width);
        int base = Math.max((int) Math.round(depth * 3), 1);
        String x = b.conv(b.spaceToDepth(b.input(in)), ch.applyAsInt(64), 3, 1, 1, act);
        x = c3(b, b.conv(x, ch.applyAsInt(128), 3, 2, 1, act), ch.applyAsInt(128), base, true, act);
        String d3 = c3(b, b.conv(x, ch.applyAsInt(256), 3, 2, 1, act), ch.applyAsInt(256), 3 * base, true, act);
        String d4 = c3(b, b.conv(d3, ch.applyAsInt(512), 3, 2, 1, act), ch.applyAsInt(512), 3 * base, true, act);
        String d5 = b.conv(d4, ch.applyAsInt(1024), 3, 2, 1, act);
        String spp = spp(b, d5, ch.applyAsInt(1024), act);
        d5 = c3(b, spp, ch.applyAsInt(1024), base, false, act);
        String lateral = b.conv(d5, ch.applyAsInt(512), 1, 1, 1, act);
        String p4 = c3(b, b.concat(List.of(b.upsample(lateral, 2), d4)), ch.applyAsInt(512), base, false, act);
        String reduce = b.conv(p4, ch.applyAsInt(256), 1, 1, 1, act);
        String o3 = c3(b, b.concat(List.of(b.upsample(reduce, 2), d3)), ch.applyAsInt(256), base, false, act);
        String o4 = c3(b, b.concat(List.of(b.conv(o3, ch.applyAsInt(256), 3, 2, 1, act), reduce)), ch.applyAsInt(512), base, false, act);
        String o5 = c3(b, b.concat(List.of(b.conv(o4, ch.applyAsInt(512), 3, 2, 1, act), lateral)), ch.applyAsInt(1024), base, false, act);
        int head = ch.applyAsInt(256);
        for (String o : List.of(o3, o4, o5)) {
            String stem = b.conv(o, head, 1, 1, 1, act);
            String cls = b.conv(b.conv(stem, head, 3, 1, 1, act), head, 3, 1, 1, act);
            String reg = b.conv(b.conv(stem, head, 3, 1, 1, act), head, 3, 1, 1, act);
            b.function("Sigmoid", b.conv(cls, 80, 1, 1, 1, Act.NONE));
            b.conv(reg, 4, 1, 1, 1, Act.NONE);
            b.function("Sigmoid", b.conv(reg, 1, 1, 1, 1, Act.NONE)); // objectness
        }
        return b.build();
    }

    /** YOLOX's SPP bottleneck: halve, pools of 5, 9 and 13 side by side, concatenate, 1x1. */
    private static String spp(GraphBuilder b, String x, int c2, Act act) {
        String a = b.conv(x, b.shape(x).c() / 2, 1, 1, 1, act);
        List<String> parts = new ArrayList<>(List.of(a));
        for (int k : new int[] {5, 9, 13}) {
            parts.add(b.maxPool(a, k, 1, k / 2));
        }
        return b.conv(b.concat(parts), c2, 1, 1, 1, act);
    }

    /** YOLOv7 (the base model of yolov7.yaml, RepConv fused as deployed). */
    static Graph yolov7(String name, Shape in, Act act) {
        GraphBuilder b = new GraphBuilder(name);
        String x = b.conv(b.input(in), 32, 3, 1, 1, act);
        x = b.conv(b.conv(x, 64, 3, 2, 1, act), 64, 3, 1, 1, act);
        x = elan(b, b.conv(x, 128, 3, 2, 1, act), 64, 64, 2, 256, act);
        String p3 = elan(b, mp(b, x, 128, act), 128, 128, 2, 512, act);
        String p4 = elan(b, mp(b, p3, 256, act), 256, 256, 2, 1024, act);
        String p5 = elan(b, mp(b, p4, 512, act), 256, 256, 2, 1024, act);
        String sppcspc = cspSpp(b, p5, 512, 512, false, act);
        String u4 = b.conv(sppcspc, 256, 1, 1, 1, act);
        String h4 = elan(b, b.concat(List.of(b.conv(p4, 256, 1, 1, 1, act), b.upsample(u4, 2))), 256, 128, 4, 256, act);
        String u3 = b.conv(h4, 128, 1, 1, 1, act);
        String o3 = elan(b, b.concat(List.of(b.conv(p3, 128, 1, 1, 1, act), b.upsample(u3, 2))), 128, 64, 4, 128, act);
        String o4 = elan(b, b.concat(List.of(mp(b, o3, 128, act), h4)), 256, 128, 4, 256, act);
        String o5 = elan(b, b.concat(List.of(mp(b, o4, 256, act), sppcspc)), 512, 256, 4, 512, act);
        int[] widths = {256, 512, 1024};
        List<String> outs = List.of(o3, o4, o5);
        for (int i = 0; i < 3; i++) {
            b.conv(b.conv(outs.get(i), widths[i], 3, 1, 1, act), 255, 1, 1, 1, Act.NONE); // RepConv, then 3 anchors x 85
        }
        return b.build();
    }

    /**
     * An ELAN block of YOLOv7: two 1x1 branches of {@code c1}, then a chain of 3x3 convolutions of {@code c2};
     * the backbone's ELAN ({@code taps} = 2) concatenates every second link of the chain, the head's ELAN-H
     * ({@code taps} = 4) every link; a 1x1 to {@code out} closes it.
     */
    private static String elan(GraphBuilder b, String x, int c1, int c2, int taps, int out, Act act) {
        List<String> parts = new ArrayList<>();
        String a = b.conv(x, c1, 1, 1, 1, act);
        String chain = b.conv(x, c1, 1, 1, 1, act);
        parts.add(a);
        parts.add(chain);
        for (int i = 0; i < 4; i++) {
            chain = b.conv(chain, c2, 3, 1, 1, act);
            if (taps == 4 || i % 2 == 1) {
                parts.add(chain);
            }
        }
        return b.conv(b.concat(parts.reversed()), out, 1, 1, 1, act);
    }

    /** YOLOv7's MP down-sampling: a max-pool branch and a stride-2 3x3 branch, each {@code c} wide, side by side. */
    private static String mp(GraphBuilder b, String x, int c, Act act) {
        String pooled = b.conv(b.maxPool(x, 2, 2, 0), c, 1, 1, 1, act);
        String strided = b.conv(b.conv(x, c, 1, 1, 1, act), c, 3, 2, 1, act);
        return b.concat(List.of(strided, pooled));
    }

    /**
     * YOLOv6 v3 at depth and width multiples (n: 0.33, 0.25; s: 0.33, 0.50; m: 0.60, 0.75 with CSP blocks of
     * two-thirds width, BepC3). RepVGG blocks and SimConv use ReLU; the head SiLU.
     */
    static Graph yolov6(String name, Shape in, double depth, double width, boolean csp) {
        GraphBuilder b = new GraphBuilder(name);
        int[] c = java.util.Arrays.stream(new int[] {64, 128, 256, 512, 1024, 256, 128, 128, 256, 256, 512})
                .map(v -> divisible(v * width)).toArray();
        int[] n = java.util.Arrays.stream(new int[] {1, 6, 12, 18, 6, 12, 12, 12, 12}).map(v -> repeats(v, depth)).toArray();
        Act relu = Act.RELU;
        YoloBlocks.Block block = csp ? Detectors::bepC3 : Detectors::repBlock;
        String x = b.conv(b.input(in), c[0], 3, 2, 1, relu);
        String[] p = new String[4];
        for (int i = 1; i <= 4; i++) {
            x = block.apply(b, b.conv(x, c[i], 3, 2, 1, relu), c[i], n[i], true, relu);
            p[i - 1] = x;
        }
        String p5 = cspSpp(b, p[3], c[4] / 2, c[4], true, relu);
        String fpn0 = b.conv(p5, c[5], 1, 1, 1, relu);
        String f4 = block.apply(b, biFusion(b, fpn0, p[2], p[1], c[5]), c[5], n[5], true, relu);
        String fpn1 = b.conv(f4, c[6], 1, 1, 1, relu);
        String o3 = block.apply(b, biFusion(b, fpn1, p[1], p[0], c[6]), c[6], n[6], true, relu);
        String o4 = block.apply(b, b.concat(List.of(b.conv(o3, c[7], 3, 2, 1, relu), fpn1)), c[8], n[7], true, relu);
        String o5 = block.apply(b, b.concat(List.of(b.conv(o4, c[9], 3, 2, 1, relu), fpn0)), c[10], n[8], true, relu);
        int box = csp ? 4 * 17 : 4; // m regresses a distribution of 17 bins per side (DFL); n and s the four distances
        for (String o : List.of(o3, o4, o5)) {
            int w = b.shape(o).c();
            String stem = b.conv(o, w, 1, 1, 1, Act.SILU);
            b.function("Sigmoid", b.conv(b.conv(stem, w, 3, 1, 1, Act.SILU), 80, 1, 1, 1, Act.NONE));
            b.conv(b.conv(stem, w, 3, 1, 1, Act.SILU), box, 1, 1, 1, Act.NONE);
        }
        return b.build();
    }

    /** YOLOv6's BiFusion: the coarser map up-sampled by a 2x2 transposed convolution, this level, the finer one down-sampled. */
    private static String biFusion(GraphBuilder b, String coarse, String same, String finer, int c) {
        String up = b.deconv(coarse, c, 2);
        String mid = b.conv(same, c, 1, 1, 1, Act.RELU);
        String down = b.conv(b.conv(finer, c, 1, 1, 1, Act.RELU), c, 3, 2, 1, Act.RELU);
        return b.conv(b.concat(List.of(up, mid, down)), c, 1, 1, 1, Act.RELU);
    }

    /** n fused RepVGG blocks (3x3 + ReLU), the first changing the width. */
    private static String repBlock(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act) {
        String y = x;
        for (int i = 0; i < n; i++) {
            y = b.conv(y, c2, 3, 1, 1, act);
        }
        return y;
    }

    /** YOLOv6's BepC3 at two-thirds width: n / 2 residual pairs of RepVGG blocks on one branch, a 1x1 on the other. */
    private static String bepC3(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act) {
        int c = (int) (c2 * 2.0 / 3);
        String y = b.conv(x, c, 1, 1, 1, act);
        for (int i = 0; i < Math.max(n / 2, 1); i++) {
            String z = b.conv(b.conv(y, c, 3, 1, 1, act), c, 3, 1, 1, act);
            y = i == 0 && b.shape(y).c() != c ? z : b.add(y, z);
        }
        return b.conv(b.concat(List.of(y, b.conv(x, c, 1, 1, 1, act))), c2, 1, 1, 1, act);
    }

    /** YOLOv10 n or s (depth 0.33, width 0.25 or 0.50); s puts a C2fCIB at the end of the backbone as well. */
    static Graph yolov10(String name, Shape in, double width, boolean cibInBackbone) {
        GraphBuilder b = new GraphBuilder(name);
        Act act = Act.SILU;
        IntUnaryOperator ch = c -> divisible(Math.min(c, 1024) * width);
        double depth = 0.33;
        String x = b.conv(b.conv(b.input(in), ch.applyAsInt(64), 3, 2, 1, act), ch.applyAsInt(128), 3, 2, 1, act);
        x = c2f(b, x, ch.applyAsInt(128), repeats(3, depth), true, act);
        String p3 = c2f(b, b.conv(x, ch.applyAsInt(256), 3, 2, 1, act), ch.applyAsInt(256), repeats(6, depth), true, act);
        String p4 = c2f(b, scDown(b, p3, ch.applyAsInt(512)), ch.applyAsInt(512), repeats(6, depth), true, act);
        x = scDown(b, p4, ch.applyAsInt(1024));
        x = cibInBackbone ? c2fCib(b, x, ch.applyAsInt(1024), repeats(3, depth)) : c2f(b, x, ch.applyAsInt(1024), repeats(3, depth), true, act);
        String p5 = psa(b, sppf(b, x, ch.applyAsInt(1024), act));
        String h4 = c2f(b, b.concat(List.of(b.upsample(p5, 2), p4)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String o3 = c2f(b, b.concat(List.of(b.upsample(h4, 2), p3)), ch.applyAsInt(256), repeats(3, depth), false, act);
        String o4 = c2f(b, b.concat(List.of(b.conv(o3, ch.applyAsInt(256), 3, 2, 1, act), h4)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String o5 = c2fCib(b, b.concat(List.of(scDown(b, o4, ch.applyAsInt(512)), p5)), ch.applyAsInt(1024), repeats(3, depth));
        int c0 = b.shape(o3).c();
        int boxes = Math.max(Math.max(16, c0 / 4), 64);
        int classes = Math.max(c0, 80);
        for (String o : List.of(o3, o4, o5)) {
            int w = b.shape(o).c();
            b.conv(b.conv(b.conv(o, boxes, 3, 1, 1, act), boxes, 3, 1, 1, act), 64, 1, 1, 1, Act.NONE);
            String cls = b.conv(b.conv(o, w, 3, 1, w, act), classes, 1, 1, 1, act);
            cls = b.conv(b.conv(cls, classes, 3, 1, classes, act), classes, 1, 1, 1, act);
            b.function("Sigmoid", b.conv(cls, 80, 1, 1, 1, Act.NONE));
        }
        return b.build();
    }

    /** SCDown: a 1x1 to the new width, then a stride-2 depthwise 3x3 without activation. */
    private static String scDown(GraphBuilder b, String x, int c2) {
        return b.conv(b.conv(x, c2, 1, 1, 1, Act.SILU), c2, 3, 2, c2, Act.NONE);
    }

    /** C2fCIB with a large-kernel CIB (deployed RepVGGDW: one 7x7 depthwise) and residuals. */
    private static String c2fCib(GraphBuilder b, String x, int c2, int n) {
        return c2f(b, x, c2, n, true, Act.SILU, (bb, y) -> {
            int c = bb.shape(y).c();
            String z = bb.conv(bb.conv(y, c, 3, 1, c, Act.SILU), 2 * c, 1, 1, 1, Act.SILU);
            z = bb.conv(z, 2 * c, 7, 1, 2 * c, Act.SILU);
            return bb.conv(bb.conv(z, c, 1, 1, 1, Act.SILU), c, 3, 1, c, Act.SILU);
        });
    }

    /**
     * PSA: half the channels pass, the other half get self-attention over every position (heads of 64 channels,
     * keys half as wide, a depthwise 3x3 positional term on the values) and a feed-forward 1x1 pair, each residual.
     */
    private static String psa(GraphBuilder b, String x) {
        int c1 = b.shape(x).c();
        int c = c1 / 2;
        int heads = Math.max(c / 64, 1);
        int keyDim = c / heads / 2;
        String a = b.conv(x, 2 * c, 1, 1, 1, Act.SILU);
        String pass = b.channels(a, 0, c);
        String y = b.channels(a, c, c);
        String qkv = b.conv(y, c + 2 * heads * keyDim, 1, 1, 1, Act.NONE);
        String attended = b.mapAttention(qkv, heads, keyDim, c / heads);
        String v = b.channels(qkv, 2 * heads * keyDim, c);
        String att = b.conv(b.add(attended, b.conv(v, c, 3, 1, c, Act.NONE)), c, 1, 1, 1, Act.NONE);
        y = b.add(y, att);
        y = b.add(y, b.conv(b.conv(y, 2 * c, 1, 1, 1, Act.SILU), c, 1, 1, 1, Act.NONE));
        return b.conv(b.concat(List.of(pass, y)), c1, 1, 1, 1, Act.SILU);
    }
}
