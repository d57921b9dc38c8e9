package org.nanomind.soc.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.nanomind.soc.graph.GraphBuilder.Act;

/**
 * The blocks the YOLO families share, each as its authors' code defines it (BN folded, as exported): the CSP
 * blocks C3 (YOLOv5, and YOLOX's CSPLayer) and C2f (YOLOv8, YOLOv10), SPPF and the CSP spatial pyramid (YOLOv7's
 * SPPCSPC, YOLOv6's SimCSPSPPF), and the stride-2 backbone of Ultralytics' files.
 */
final class YoloBlocks {
    private YoloBlocks() {
    }

    /** A CSP block: input, output channels, repeats, residual or not. */
    interface Block {
        String apply(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act);
    }

    /** Channels rounded up to a multiple of 8, as Ultralytics' make_divisible. */
    static int divisible(double c) {
        return (int) Math.ceil(c / 8) * 8;
    }

    /** A repeat count scaled by the depth multiple; single blocks stay single. */
    static int repeats(int n, double depth) {
        return n > 1 ? Math.max((int) Math.round(n * depth), 1) : n;
    }

    /**
     * The Ultralytics backbone after its stem: four stride-2 convolutions to 128, 256, 512 and 1024 channels (before
     * the width multiple), each followed by {@code repeats[i]} (before the depth multiple) of the family's block, then
     * SPPF. Returns P3, P4 and P5.
     */
    static String[] backbone(GraphBuilder b, String stem, IntUnaryOperator ch, double depth, int[] repeats, Block block, Act act) {
        String[] levels = new String[4];
        String x = stem;
        for (int i = 0; i < 4; i++) {
            int c = ch.applyAsInt(128 << i);
            x = block.apply(b, b.conv(x, c, 3, 2, 1, act), c, repeats(repeats[i], depth), true, act);
            levels[i] = x;
        }
        return new String[] {levels[1], levels[2], sppf(b, levels[3], ch.applyAsInt(1024), act)};
    }

    static String c3(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act) {
        int c = c2 / 2;
        String a = b.conv(x, c, 1, 1, 1, act);
        for (int i = 0; i < n; i++) {
            String y = b.conv(b.conv(a, c, 1, 1, 1, act), c, 3, 1, 1, act);
            a = shortcut ? b.add(a, y) : y;
        }
        return b.conv(b.concat(List.of(a, b.conv(x, c, 1, 1, 1, act))), c2, 1, 1, 1, act);
    }

    static String c2f(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act) {
        return c2f(b, x, c2, n, shortcut, act, (bb, y) -> bb.conv(bb.conv(y, bb.shape(y).c(), 3, 1, 1, act), bb.shape(y).c(), 3, 1, 1, act));
    }

    /** C2f with its bottleneck given (YOLOv10's C2fCIB puts a compact inverted block there). */
    static String c2f(GraphBuilder b, String x, int c2, int n, boolean shortcut, Act act, java.util.function.BiFunction<GraphBuilder, String, String> bottleneck) {
        int c = c2 / 2;
        String a = b.conv(x, 2 * c, 1, 1, 1, act);
        List<String> parts = new ArrayList<>(List.of(b.channels(a, 0, c), b.channels(a, c, c)));
        String cur = parts.getLast();
        for (int i = 0; i < n; i++) {
            String y = bottleneck.apply(b, cur);
            cur = shortcut ? b.add(cur, y) : y;
            parts.add(cur);
        }
        return b.conv(b.concat(parts), c2, 1, 1, 1, act);
    }

    /**
     * The CSP spatial pyramid of YOLOv7 (SPPCSPC: pools of 5, 9 and 13) and YOLOv6 v3 (SimCSPSPPF: three chained
     * pools of 5, the same receptive fields): one branch a 1x1 convolution, the other 1x1, 3x3, 1x1, the pools,
     * 1x1 and 3x3; both {@code c} wide, joined by a 1x1 to {@code c2}.
     */
    static String cspSpp(GraphBuilder b, String x, int c, int c2, boolean chained, Act act) {
        String x1 = b.conv(b.conv(b.conv(x, c, 1, 1, 1, act), c, 3, 1, 1, act), c, 1, 1, 1, act);
        List<String> pools = new ArrayList<>(List.of(x1));
        for (int k : new int[] {5, 9, 13}) {
            pools.add(chained ? b.maxPool(pools.getLast(), 5, 1, 2) : b.maxPool(x1, k, 1, k / 2));
        }
        String y1 = b.conv(b.conv(b.concat(pools), c, 1, 1, 1, act), c, 3, 1, 1, act);
        return b.conv(b.concat(List.of(y1, b.conv(x, c, 1, 1, 1, act))), c2, 1, 1, 1, act);
    }

    static String sppf(GraphBuilder b, String x, int c2, Act act) {
        String a = b.conv(x, b.shape(x).c() / 2, 1, 1, 1, act);
        String y1 = b.maxPool(a, 5, 1, 2);
        String y2 = b.maxPool(y1, 5, 1, 2);
        String y3 = b.maxPool(y2, 5, 1, 2);
        return b.conv(b.concat(List.of(a, y1, y2, y3)), c2, 1, 1, 1, act);
    }
}
