package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.List;
import org.nanomind.soc.graph.GraphBuilder.Act;
import org.nanomind.soc.graph.GraphBuilder.Window;

/**
 * Two small networks rknn_model_zoo runs, from their reference implementations: RetinaFace with the MobileNet-0.25
 * backbone (biubug6/Pytorch_Retinaface, the zoo's source: MobileNetV1 at a quarter width with leaky ReLU, a
 * three-level FPN, SSH context modules, class, box and landmark heads of two anchors) and LPRNet (Zherzdev and
 * Gruzdev 2018, as sirius-ai/LPRNet_Pytorch builds it for 94 x 24 plates: small basic blocks of 3x1 and 1x3
 * convolutions, channel-striding max-pools, a 13x1 character convolution and the global context of four pooled
 * feature maps), and PP-OCRv4's mobile text detector (PaddleOCR's ch_PP-OCRv4_det: the PPLCNetV3 backbone at
 * scale 0.75 with its re-parameterised depthwise and pointwise layers, the RSEFPN neck of 96 channels, the DB
 * head's probability map).
 */
final class CompactNets {
    private CompactNets() {
    }

    static Graph retinaFaceMobile(String name, Shape in) {
        GraphBuilder b = new GraphBuilder(name);
        Act leaky = Act.LEAKY;
        String x = b.conv(b.input(in), 8, 3, 2, 1, leaky);
        int[][] stages = {{16, 1}, {32, 2}, {32, 1}, {64, 2}, {64, 1}, {128, 2}, {128, 1}, {128, 1}, {128, 1}, {128, 1}, {128, 1},
            {256, 2}, {256, 1}};
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            int c = b.shape(x).c();
            x = b.conv(b.conv(x, c, 3, stages[i][1], c, leaky), stages[i][0], 1, 1, 1, leaky); // depthwise, then pointwise
            if (i == 4 || i == 10 || i == 12) {
                levels.add(x); // strides 8, 16 and 32
            }
        }
        String o3 = b.conv(levels.get(2), 64, 1, 1, 1, leaky);
        String o2 = b.conv(b.add(b.conv(levels.get(1), 64, 1, 1, 1, leaky), b.upsample(o3, 2)), 64, 3, 1, 1, leaky);
        String o1 = b.conv(b.add(b.conv(levels.get(0), 64, 1, 1, 1, leaky), b.upsample(o2, 2)), 64, 3, 1, 1, leaky);
        for (String o : List.of(o1, o2, o3)) {
            String s = ssh(b, o);
            b.conv(s, 2 * 2, 1, 1, 1, Act.NONE); // two anchors x (face, background)
            b.conv(s, 2 * 4, 1, 1, 1, Act.NONE);
            b.conv(s, 2 * 10, 1, 1, 1, Act.NONE);
        }
        return b.build();
    }

    /** The SSH context module at 64 channels: a 3x3 branch of 32 and stacked 3x3s standing for 5x5 and 7x7, of 16 each. */
    private static String ssh(GraphBuilder b, String x) {
        String c3 = b.conv(x, 32, 3, 1, 1, Act.NONE);
        String c5a = b.conv(x, 16, 3, 1, 1, Act.LEAKY);
        String c5 = b.conv(c5a, 16, 3, 1, 1, Act.NONE);
        String c7 = b.conv(b.conv(c5a, 16, 3, 1, 1, Act.LEAKY), 16, 3, 1, 1, Act.NONE);
        return b.function("Relu", b.concat(List.of(c3, c5, c7)));
    }

    /** LPRNet for 68 classes (31 provinces, 10 digits, 24 letters, 3 extra and the CTC blank). */
    static Graph lprnet(String name, Shape in) {
        int classes = 68;
        GraphBuilder b = new GraphBuilder(name);
        Act relu = Act.RELU;
        String f1 = b.conv(b.input(in), 64, 3, 1, 0, 1, relu);
        String x = b.pool("MaxPool", f1, new Window(3, 3, 1, 1, 0, 0), 1);
        String f2 = smallBasicBlock(b, x, 128);
        x = b.pool("MaxPool", f2, new Window(3, 3, 1, 2, 0, 0), 2);
        x = smallBasicBlock(b, x, 256);
        String f3 = smallBasicBlock(b, x, 256);
        x = b.pool("MaxPool", f3, new Window(3, 3, 1, 2, 0, 0), 4);
        x = b.conv(x, 256, new Window(1, 4, 1, 1, 0, 0), 1, relu);
        String f4 = b.conv(x, classes, new Window(13, 1, 1, 1, 0, 0), 1, relu);
        // The global context: the earlier maps average-pooled to the last one's 4 x 18 (5x5 by 5 twice, then
        // 4x10 by (4, 2), as the reference), each divided by the mean of its squares so no level dominates.
        List<String> context = new ArrayList<>();
        context.add(b.function("Normalize", b.pool("AveragePool", f1, new Window(5, 5, 5, 5, 0, 0), 1)));
        context.add(b.function("Normalize", b.pool("AveragePool", f2, new Window(5, 5, 5, 5, 0, 0), 1)));
        context.add(b.function("Normalize", b.pool("AveragePool", f3, new Window(4, 10, 4, 2, 0, 0), 1)));
        context.add(b.function("Normalize", f4));
        String logits = b.conv(b.concat(context), classes, 1, 1, 1, Act.NONE);
        b.function("ReduceMean", logits);
        return b.build();
    }

    /** 1x1 to a quarter, 3x1, 1x3, 1x1 back out, ReLU between and after (the BN that follows folded). */
    private static String smallBasicBlock(GraphBuilder b, String x, int out) {
        int q = out / 4;
        String y = b.conv(x, q, 1, 1, 1, Act.RELU);
        y = b.conv(y, q, new Window(3, 1, 1, 1, 1, 0), 1, Act.RELU);
        y = b.conv(y, q, new Window(1, 3, 1, 1, 0, 1), 1, Act.RELU);
        return b.conv(y, out, 1, 1, 1, Act.RELU);
    }

    /** PP-OCRv4 mobile text detection: PPLCNetV3 (det, scale 0.75), RSEFPN (96, shortcut), DBHead (the shrink map). */
    static Graph ppocrV4Det(String name, Shape in) {
        GraphBuilder b = new GraphBuilder(name);
        double scale = 0.75;
        // k, in, out, stride, SE: NET_CONFIG_det of rec_lcnetv3.py
        int[][][] stages = {
            {{3, 16, 32, 1, 0}},
            {{3, 32, 64, 2, 0}, {3, 64, 64, 1, 0}},
            {{3, 64, 128, 2, 0}, {3, 128, 128, 1, 0}},
            {{3, 128, 256, 2, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0}, {5, 256, 256, 1, 0}},
            {{5, 256, 512, 2, 1}, {5, 512, 512, 1, 1}, {5, 512, 512, 1, 0}, {5, 512, 512, 1, 0}}};
        String x = b.conv(b.input(in), divisible16(16 * scale), 3, 2, 1, Act.NONE);
        int[] project = {16, 24, 56, 480};
        List<String> levels = new ArrayList<>();
        for (int s = 0; s < stages.length; s++) {
            for (int[] blk : stages[s]) {
                int c = b.shape(x).c();
                // The re-parameterised depthwise layer keeps its activation only where it does not stride. Exported,
                // a LearnableRepLayer is conv, affine, then (unless it strides) hard-swish and a second affine: the
                // first folds into the convolution's bias and scale, the second stays a pass over the map.
                x = b.conv(x, c, blk[0], blk[3], c, blk[3] == 2 ? Act.NONE : Act.HARDSWISH);
                if (blk[3] != 2) {
                    x = b.affine(x);
                }
                if (blk[4] == 1) {
                    x = squeezeExcite(b, x);
                }
                x = b.affine(b.conv(x, divisible16(blk[2] * scale), 1, 1, 1, Act.HARDSWISH));
            }
            if (s >= 1) {
                levels.add(b.conv(x, (int) (project[s - 1] * scale), 1, 1, 1, Act.NONE));
            }
        }
        int width = 96;
        List<String> lateral = new ArrayList<>();
        for (String level : levels) {
            lateral.add(rse(b, level, width, 1));
        }
        String out4 = b.add(lateral.get(2), b.upsample(lateral.get(3), 2));
        String out3 = b.add(lateral.get(1), b.upsample(out4, 2));
        String out2 = b.add(lateral.get(0), b.upsample(out3, 2));
        String p5 = b.upsample(rse(b, lateral.get(3), width / 4, 3), 8);
        String p4 = b.upsample(rse(b, out4, width / 4, 3), 4);
        String p3 = b.upsample(rse(b, out3, width / 4, 3), 2);
        String fuse = b.concat(List.of(p5, p4, p3, rse(b, out2, width / 4, 3)));
        String head = b.conv(fuse, width / 4, 3, 1, 1, Act.RELU);
        b.function("Sigmoid", b.deconv(b.deconv(head, width / 4, 2), 1, 2));
        return b.build();
    }

    /** PaddleOCR's make_divisible to 16: the nearest multiple, at least 16, never below 90 % of the value. */
    private static int divisible16(double v) {
        int n = Math.max(16, (int) (v + 8) / 16 * 16);
        return n < 0.9 * v ? n + 16 : n;
    }

    /** Squeeze-and-excitation at a quarter: pool, 1x1 down with ReLU, 1x1 up, hard-sigmoid, scale the map. */
    private static String squeezeExcite(GraphBuilder b, String x) {
        int c = b.shape(x).c();
        String g = b.conv(b.conv(b.globalPool(x), c / 4, 1, 1, 1, Act.RELU), c, 1, 1, 1, Act.NONE);
        return b.mul(x, b.function("HardSigmoid", g));
    }

    /** RSEFPN's RSELayer: a k x k convolution to {@code c}, plus its squeeze-and-excitation (the shortcut). */
    private static String rse(GraphBuilder b, String x, int c, int k) {
        String y = b.conv(x, c, k, 1, 1, Act.NONE);
        return b.add(y, squeezeExcite(b, y));
    }
}
