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
 * feature maps).
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
}
