package org.nanomind.soc.graph;

import static org.nanomind.soc.graph.YoloBlocks.backbone;
import static org.nanomind.soc.graph.YoloBlocks.c2f;
import static org.nanomind.soc.graph.YoloBlocks.c3;
import static org.nanomind.soc.graph.YoloBlocks.divisible;
import static org.nanomind.soc.graph.YoloBlocks.repeats;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nanomind.soc.graph.GraphBuilder.Act;

/**
 * Built-in graphs of public model families, written from their published architectures for models whose
 * files a user may not have (rknn_model_zoo fetches its ONNX files at run time): YOLOv5 (v6.0 layout, as
 * Ultralytics' yolov5*.yaml: a 6x6 stem, C3 blocks, SPPF, a PAN neck, the detection head without its
 * decoding; -seg adds the mask prototypes), YOLOv8 (yolov8.yaml: C2f blocks, SPPF, the decoupled head with
 * DFL; -seg adds prototypes and mask coefficients) and MobileNetV2 (Sandler et al. 2018, the ONNX model zoo's
 * mobilenetv2-12). Sizes n/s/m/l take the depth and width multiples of those files. The later detectors are in
 * {@link Detectors}, RetinaFace and LPRNet in {@link CompactNets}. Post-processing (box decoding, NMS) is outside
 * the graphs, as rknn_model_zoo measures "model inference only".
 */
public final class Families {
    private static final Pattern YOLO = Pattern.compile("yolov([58])([nsml])(-seg)?(-relu|-silu)?");

    /** A named family: the names it answers to (lower case), its canonical name and how it is built. */
    private record Kind(Pattern names, java.util.function.Function<Matcher, String> canonical, Builder builder) {
    }

    private interface Builder {
        Graph build(String name, Shape input, Matcher m, Act act);
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("mobilenetv2(-12)?"), m -> "mobilenetv2-12", (n, in, m, act) -> mobilenetV2(n, in)),
            new Kind(YOLO, m -> "yolov" + m.group(1) + m.group(2), Families::ultralytics),
            new Kind(Pattern.compile("yolo_?x_?([sm])(-relu|-silu)?"), m -> "yolox_" + m.group(1),
                    (n, in, m, act) -> m.group(1).equals("s") ? Detectors.yolox(n, in, 0.33, 0.50, act) : Detectors.yolox(n, in, 0.67, 0.75, act)),
            new Kind(Pattern.compile("yolov7(-relu|-silu)?"), m -> "yolov7", (n, in, m, act) -> Detectors.yolov7(n, in, act)),
            new Kind(Pattern.compile("yolov6([nsm])"), m -> "yolov6" + m.group(1), (n, in, m, act) -> switch (m.group(1)) {
                case "n" -> Detectors.yolov6(n, in, 0.33, 0.25, false);
                case "s" -> Detectors.yolov6(n, in, 0.33, 0.50, false);
                default -> Detectors.yolov6(n, in, 0.60, 0.75, true);
            }),
            new Kind(Pattern.compile("yolov10([ns])"), m -> "yolov10" + m.group(1),
                    (n, in, m, act) -> Detectors.yolov10(n, in, m.group(1).equals("n") ? 0.25 : 0.50, m.group(1).equals("s"))),
            new Kind(Pattern.compile("retinaface[_-]mobile(net)?(0\\.?25)?\\d*"), m -> "retinaface_mobile",
                    (n, in, m, act) -> CompactNets.retinaFaceMobile(n, in)),
            new Kind(Pattern.compile("lprnet"), m -> "lprnet", (n, in, m, act) -> CompactNets.lprnet(n, in)),
            new Kind(Pattern.compile("pp-?ocr-?v4_det"), m -> "ppocrv4_det", (n, in, m, act) -> CompactNets.ppocrV4Det(n, in)));

    private Families() {
    }

    /**
     * The names this class builds, for listings (YOLOv5 and v8 also with -seg; YOLOv5, v7 and YOLOX with -relu or
     * -silu, the activation rknn_model_zoo's older tables compare).
     */
    public static final List<String> NAMES = List.of("yolov5n", "yolov5s", "yolov5m", "yolov5l", "yolov8n", "yolov8s", "yolov8m",
            "yolov8l", "yolox_s", "yolox_m", "yolov7", "yolov6n", "yolov6s", "yolov6m", "yolov10n", "yolov10s", "retinaface_mobile320",
            "lprnet", "ppocrv4_det", "mobilenetv2-12");

    private static Optional<Matcher> match(String model, Kind kind) {
        Matcher m = kind.names().matcher(model.toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    /** Whether {@code model} names a family this class builds (without building it). */
    public static boolean knows(String model) {
        return KINDS.stream().anyMatch(k -> match(model, k).isPresent());
    }

    /** The built-in graph called {@code model} at input [c, h, w], if the family is known. */
    public static Optional<Graph> named(String model, Shape input) {
        Act act = model.toLowerCase(Locale.ROOT).endsWith("-relu") ? Act.RELU : Act.SILU;
        for (Kind k : KINDS) {
            Optional<Matcher> m = match(model, k);
            if (m.isPresent()) {
                return Optional.of(k.builder().build(model, input, m.get(), act));
            }
        }
        return Optional.empty();
    }

    private static Graph ultralytics(String model, Shape input, Matcher y, Act act) {
        int size = "nsml".indexOf(y.group(2));
        double depth = new double[] {0.33, 0.33, 0.67, 1.0}[size];
        double width = new double[] {0.25, 0.50, 0.75, 1.0}[size];
        boolean seg = y.group(3) != null;
        return y.group(1).equals("5") ? yolov5(model, input, depth, width, seg, act)
                : yolov8(model, input, depth, width, new int[] {1024, 1024, 768, 512}[size], seg, act);
    }

    /**
     * The family a model belongs to for cross-validation: its architecture and size, whatever its head (-seg),
     * activation (-relu, -silu) or spelling (YoloXs and yolox_s), which share every backbone layer.
     */
    public static String family(String model) {
        for (Kind k : KINDS) {
            Optional<Matcher> m = match(model, k);
            if (m.isPresent()) {
                return k.canonical().apply(m.get());
            }
        }
        return model.toLowerCase(Locale.ROOT).replaceAll("(-seg|-relu|-silu|_int8)+$", "");
    }

    /** The input of a model as the measurements write it: "[1,3,640,640]" -> [3, 640, 640]. */
    public static Optional<Shape> input(String text) {
        Matcher m = Pattern.compile("\\[1,\\s*(\\d+),\\s*(\\d+),\\s*(\\d+)\\]").matcher(text);
        return m.find() ? Optional.of(Shape.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))))
                : Optional.empty();
    }

    private static Graph yolov5(String name, Shape in, double depth, double width, boolean seg, Act act) {
        GraphBuilder b = new GraphBuilder(name);
        java.util.function.IntUnaryOperator ch = c -> divisible(c * width);
        String stem = b.conv(b.input(in.c(), in.h(), in.w()), ch.applyAsInt(64), 6, 2, 2, 1, act);
        String[] p = backbone(b, stem, ch, depth, new int[] {3, 6, 9, 3}, YoloBlocks::c3, act);
        String p3 = p[0];
        String p4 = p[1];
        String p5 = p[2];
        String x;
        String h10 = b.conv(p5, ch.applyAsInt(512), 1, 1, 1, act);
        x = c3(b, b.concat(List.of(b.upsample(h10, 2), p4)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String h14 = b.conv(x, ch.applyAsInt(256), 1, 1, 1, act);
        String o17 = c3(b, b.concat(List.of(b.upsample(h14, 2), p3)), ch.applyAsInt(256), repeats(3, depth), false, act);
        String o20 = c3(b, b.concat(List.of(b.conv(o17, ch.applyAsInt(256), 3, 2, 1, act), h14)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String o23 = c3(b, b.concat(List.of(b.conv(o20, ch.applyAsInt(512), 3, 2, 1, act), h10)), ch.applyAsInt(1024), repeats(3, depth), false, act);
        for (String o : List.of(o17, o20, o23)) {
            b.conv(o, 3 * (85 + (seg ? 32 : 0)), 1, 1, 1, Act.NONE); // three anchors x (box, objectness, 80 classes[, 32 masks])
        }
        if (seg) {
            proto(b, o17, ch.applyAsInt(256), act);
        }
        return b.build();
    }

    private static Graph yolov8(String name, Shape in, double depth, double width, int maxChannels, boolean seg, Act act) {
        GraphBuilder b = new GraphBuilder(name);
        java.util.function.IntUnaryOperator ch = c -> divisible(Math.min(c, maxChannels) * width);
        String stem = b.conv(b.input(in.c(), in.h(), in.w()), ch.applyAsInt(64), 3, 2, 1, act);
        String[] p = backbone(b, stem, ch, depth, new int[] {3, 6, 6, 3}, YoloBlocks::c2f, act);
        String p3 = p[0];
        String p4 = p[1];
        String p5 = p[2];
        String h12 = c2f(b, b.concat(List.of(b.upsample(p5, 2), p4)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String o15 = c2f(b, b.concat(List.of(b.upsample(h12, 2), p3)), ch.applyAsInt(256), repeats(3, depth), false, act);
        String o18 = c2f(b, b.concat(List.of(b.conv(o15, ch.applyAsInt(256), 3, 2, 1, act), h12)), ch.applyAsInt(512), repeats(3, depth), false, act);
        String o21 = c2f(b, b.concat(List.of(b.conv(o18, ch.applyAsInt(512), 3, 2, 1, act), p5)), ch.applyAsInt(1024), repeats(3, depth), false, act);
        int c0 = b.shape(o15).c();
        int boxes = Math.max(Math.max(16, c0 / 4), 64);
        int classes = Math.max(c0, 80);
        int masks = Math.max(c0 / 4, 32);
        for (String o : List.of(o15, o18, o21)) {
            String box = b.conv(b.conv(b.conv(o, boxes, 3, 1, 1, act), boxes, 3, 1, 1, act), 64, 1, 1, 1, Act.NONE);
            b.conv(b.function("Softmax", box), 4, 1, 1, 1, Act.NONE); // DFL: a softmax over 16 bins, then their expectation
            b.function("Sigmoid", b.conv(b.conv(b.conv(o, classes, 3, 1, 1, act), classes, 3, 1, 1, act), 80, 1, 1, 1, Act.NONE));
            if (seg) {
                b.conv(b.conv(b.conv(o, masks, 3, 1, 1, act), masks, 3, 1, 1, act), 32, 1, 1, 1, Act.NONE);
            }
        }
        if (seg) {
            proto(b, o15, ch.applyAsInt(256), act);
        }
        return b.build();
    }

    /** The segmentation models' mask prototypes: 32 masks at twice the finest level's resolution. */
    private static void proto(GraphBuilder b, String p3, int c, Act act) {
        b.conv(b.conv(b.upsample(b.conv(p3, c, 3, 1, 1, act), 2), c, 3, 1, 1, act), 32, 1, 1, 1, act);
    }

    private static Graph mobilenetV2(String name, Shape in) {
        GraphBuilder b = new GraphBuilder(name);
        String x = b.conv(b.input(in.c(), in.h(), in.w()), 32, 3, 2, 1, 1, Act.RELU6);
        int[][] cfg = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        int cin = 32;
        for (int[] s : cfg) {
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                int hidden = cin * s[0];
                String y = s[0] == 1 ? x : b.conv(x, hidden, 1, 1, 0, 1, Act.RELU6);
                y = b.conv(y, hidden, 3, stride, 1, hidden, Act.RELU6);
                y = b.conv(y, s[1], 1, 1, 0, 1, Act.NONE);
                x = stride == 1 && cin == s[1] ? b.add(x, y) : y;
                cin = s[1];
            }
        }
        b.dense(b.globalPool(b.conv(x, 1280, 1, 1, 0, 1, Act.RELU6)), 1000);
        return b.build();
    }
}
