package org.nanomind.soc.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;

/**
 * Reads an ncnn {@code .param} file (plain text: the magic 7767517, the layer and blob counts, then one
 * layer a line) into a {@link Graph}. Shapes are inferred layer by layer from the input shapes; where the
 * file carries ncnn's shape hints ({@code -23330=}) and the input is the one it was exported for, every
 * inferred shape is checked against them. Weights are not needed: the graph and its input give every
 * layer's work. Errors name the file, the line and the layer.
 */
public final class NcnnParam {
    static final int MAGIC = 7767517;
    /** Far above any real network (the largest of the benchmark set has 257 layers); bounds a corrupt count. */
    static final int MAX_LAYERS = 100_000;
    private static final int HINTS = 30;

    private NcnnParam() {
    }

    /** Loads {@code file} with each Input layer's shape taken from the file's own Input parameters. */
    public static Graph load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file} with {@code inputs} as the shapes of its Input layers in file order ([c, h, w]);
     * Input layers beyond the list take their shape from their own parameters.
     */
    public static Graph load(Path file, List<Shape> inputs) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), 0, 0, "", "no such ncnn .param file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read the ncnn .param file: " + e.getMessage());
        }
        return parse(file.toString(), text, inputs);
    }

    public static Graph parse(String file, String text, List<Shape> inputs) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length < 2 || !lines[0].strip().equals(String.valueOf(MAGIC))) {
            throw new InputException(file, 1, 1, "", "not an ncnn .param file: the first line must be the magic "
                    + MAGIC + (lines.length > 0 ? ", got '" + abbreviate(lines[0]) + "'" : ""));
        }
        String[] counts = lines[1].strip().split("\\s+");
        int layerCount = count(file, counts, 0, "layer count");
        count(file, counts, 1, "blob count");
        List<NcnnLayer> layers = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                layers.add(layer(file, i + 1, lines[i]));
            }
        }
        if (layers.size() != layerCount) {
            throw new InputException(file, 2, 1, "", "the header says " + layerCount + " layers, the file has " + layers.size());
        }
        return build(file, layers, inputs);
    }

    private static Graph build(String file, List<NcnnLayer> layers, List<Shape> given) {
        Map<String, Shape> blobs = new HashMap<>();
        Map<String, Integer> producedAt = new HashMap<>();
        Map<String, Shape> inputs = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        boolean checkHints = true;
        int inputIndex = 0;
        for (NcnnLayer l : layers) {
            for (String t : l.tops()) {
                Integer before = producedAt.putIfAbsent(t, l.line());
                if (before != null) {
                    throw l.error("blob '" + t + "' is already written by the layer on line " + before + " (a blob has one producer)");
                }
            }
        }
        for (NcnnLayer l : layers) {
            List<Shape> in = new ArrayList<>();
            for (String b : l.bottoms()) {
                Shape s = blobs.get(b);
                if (s == null) {
                    Integer at = producedAt.get(b);
                    throw l.error(at == null ? "reads blob '" + b + "', which no layer writes"
                            : "reads blob '" + b + "' before the layer on line " + at + " writes it (a cycle, or layers out of order)");
                }
                in.add(s);
            }
            NcnnShapes.Result r;
            try {
                if (l.type().equals("Input")) {
                    if (l.tops().size() != 1 || !l.bottoms().isEmpty()) {
                        throw l.error("an Input layer reads nothing and writes one blob");
                    }
                    boolean declared = l.integer(0, 0) > 0;
                    if (inputIndex >= given.size() && !declared) {
                        throw l.error("the file gives this input no shape: give one (a brick's input: [c, h, w])");
                    }
                    Shape s = inputIndex < given.size() ? given.get(inputIndex) : NcnnShapes.inputShape(l);
                    if (declared && !s.equals(NcnnShapes.inputShape(l))) {
                        checkHints = false; // the hints describe the input the file was exported for
                    }
                    inputIndex++;
                    inputs.put(l.tops().getFirst(), s);
                    r = new NcnnShapes.Result(List.of(s), OperatorWork.data(), false, false);
                } else {
                    r = NcnnShapes.infer(l, in);
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                // Shapes out of range, and products of dimensions that overflow, are the file's fault.
                throw l.error(e instanceof ArithmeticException ? "a shape's size overflows: " + e.getMessage() : e.getMessage());
            }
            if (r.outputs().size() != l.tops().size()) {
                throw l.error("writes " + l.tops().size() + " blobs but its type gives " + r.outputs().size());
            }
            if (checkHints) {
                checkHints(l, r.outputs());
            }
            for (int i = 0; i < l.tops().size(); i++) {
                blobs.put(l.tops().get(i), r.outputs().get(i));
            }
            boolean moves = !r.free();
            nodes.add(new Node(l.name(), l.type(), r.op().cls(), l.bottoms(), l.tops(), r.outputs(), r.op().macs(),
                    r.op().elementOps(), r.op().weights(), moves ? OperatorWork.elements(in) : 0,
                    moves ? OperatorWork.elements(r.outputs()) : 0, r.op().narrowest(), r.int8(), l.line()));
        }
        String name = Path.of(file).getFileName().toString().replaceFirst("\\.param$", "");
        return new Graph(name, file, inputs, nodes);
    }

    /** Checks inferred shapes against the file's {@code -23330} hints: per blob dims, w, h, c. */
    private static void checkHints(NcnnLayer l, List<Shape> inferred) {
        int[] h = l.ints(HINTS);
        for (int i = 0; i < inferred.size() && 4 * i + 3 < h.length; i++) {
            int dims = h[4 * i];
            if (dims == 0) {
                continue; // the exporter did not know this shape
            }
            Shape s = inferred.get(i);
            Shape want = NcnnShapes.hint(h, i);
            if (!s.equals(want)) {
                throw l.error("inferred output shape " + s + " for blob '" + l.tops().get(i) + "', but the file's shape hint says "
                        + want + " ([c, h, w])");
            }
        }
    }

    private static NcnnLayer layer(String file, int line, String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length < 4) {
            throw new InputException(file, line, 1, "", "a layer line needs: type name inputs outputs [blobs] [k=v ...], got '"
                    + abbreviate(text) + "'");
        }
        int nIn = count(file, f, 2, "input count", line);
        int nOut = count(file, f, 3, "output count", line);
        if (f.length < 4 + nIn + nOut) {
            throw new InputException(file, line, 1, f[1], "declares " + nIn + " inputs and " + nOut + " outputs but names "
                    + (f.length - 4) + " blobs");
        }
        List<String> bottoms = List.of(f).subList(4, 4 + nIn);
        List<String> tops = List.of(f).subList(4 + nIn, 4 + nIn + nOut);
        Map<Integer, String> values = new HashMap<>();
        Map<Integer, List<String>> arrays = new HashMap<>();
        for (int i = 4 + nIn + nOut; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            int key;
            try {
                key = Integer.parseInt(f[i].substring(0, Math.max(eq, 0)));
            } catch (NumberFormatException e) {
                throw new InputException(file, line, 1, f[1], "a parameter is key=value with an integer key, got '" + f[i] + "'");
            }
            String v = f[i].substring(eq + 1);
            if (key <= -23300) {
                List<String> parts = List.of(v.split(","));
                int n = count(file, parts.toArray(String[]::new), 0, "array length", line);
                if (parts.size() != n + 1) {
                    throw new InputException(file, line, 1, f[1], "array parameter " + key + " says " + n + " values and has "
                            + (parts.size() - 1));
                }
                arrays.put(-23300 - key, parts.subList(1, parts.size()));
            } else {
                values.put(key, v);
            }
        }
        return new NcnnLayer(file, line, f[0], f[1], bottoms, tops, values, arrays);
    }

    private static int count(String file, String[] f, int i, String what) {
        return count(file, f, i, what, 2);
    }

    private static int count(String file, String[] f, int i, String what, int line) {
        try {
            int n = Integer.parseInt(f[i]);
            if (n < 0 || n > MAX_LAYERS) {
                throw new InputException(file, line, 1, "", what + " must be within 0.." + MAX_LAYERS + ", got " + n);
            }
            return n;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new InputException(file, line, 1, "", what + " must be an integer" + (i < f.length ? ", got '" + abbreviate(f[i]) + "'" : ""));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
