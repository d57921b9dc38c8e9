package org.nanomind.soc.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;

/**
 * Reads an ONNX model (opset 11 and later) into a {@link Graph}: operators in a topological order (sorted
 * here, so a cycle is found and named), shapes inferred from the inputs and checked against the file's
 * value_info where it has them, work from the shapes. Initializers are needed for their dims only, except
 * the small integer ones that shape arithmetic reads. Errors name the file and the node.
 */
public final class OnnxModel {
    /** Files above this are not models this reader can hold in memory whole. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxModel() {
    }

    /**
     * Loads {@code file}. {@code inputs} give the graph inputs' shapes in order, with the batch (e.g.
     * [1, 3, 224, 224]); an input not given takes its shape from the file, a symbolic batch as 1.
     */
    public static Graph load(Path file, List<List<Long>> inputs) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(file.toString(), 0, 0, "", "larger than " + MAX_BYTES + " bytes; store the weights externally");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), 0, 0, "", "no such ONNX file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read the ONNX file: " + e.getMessage());
        }
        return parse(file.toString(), bytes, inputs);
    }

    public static Graph parse(String file, byte[] bytes, List<List<Long>> given) {
        OnnxProto.Model m;
        try {
            m = OnnxProto.read(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, 0, 0, "", "not a readable ONNX model (truncated or corrupt protobuf): " + e.getMessage());
        }
        if (m.opset() != 0 && m.opset() < 11) {
            throw new InputException(file, 0, 0, "opset_import", "opset " + m.opset() + ": the twin reads opset 11 and later");
        }
        Map<String, OnnxOps.Val> values = new HashMap<>();
        m.initializers().forEach((name, t) -> values.put(name, new OnnxOps.Val(t.dims(), t.values(), true)));
        Map<String, Shape> inputs = new LinkedHashMap<>();
        boolean asDeclared = true; // value_info describes the input the file was exported for
        int k = 0;
        for (OnnxProto.Value v : m.inputs()) {
            if (values.containsKey(v.name())) {
                continue; // an initializer listed as an input (older exporters)
            }
            long[] dims = k < given.size() ? given.get(k).stream().mapToLong(Long::longValue).toArray() : v.dims();
            asDeclared &= v.dims() != null && Arrays.equals(dims, v.dims());
            k++;
            if (dims == null) {
                throw new InputException(file, 0, 0, v.name(), "the input has no shape in the file: give one (a brick's input: [1, 3, 224, 224])");
            }
            dims = dims.clone();
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0 && i == 0) {
                    dims[i] = 1; // a symbolic batch: one input at a time
                } else if (dims[i] < 0) {
                    throw new InputException(file, 0, 0, v.name(), "dimension " + i + " is symbolic: give the input's shape (input: [...])");
                }
            }
            try {
                inputs.put(v.name(), OnnxOps.shape(dims));
            } catch (IllegalArgumentException e) {
                throw new InputException(file, 0, 0, v.name(), e.getMessage());
            }
            values.put(v.name(), new OnnxOps.Val(dims, null));
        }
        return build(file, m, values, inputs, asDeclared ? m.shapes() : Map.of());
    }

    private static Graph build(String file, OnnxProto.Model m, Map<String, OnnxOps.Val> values, Map<String, Shape> inputs,
                               Map<String, OnnxProto.Value> hints) {
        List<OnnxProto.Node> pending = new ArrayList<>(m.nodes());
        Map<String, String> producer = new HashMap<>();
        for (OnnxProto.Node n : m.nodes()) {
            for (String o : n.outputs()) {
                if (!o.isEmpty() && producer.put(o, n.name()) != null) {
                    throw new InputException(file, 0, 0, n.name(), "output '" + o + "' is produced by two nodes");
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        while (!pending.isEmpty()) {
            OnnxProto.Node ready = pending.stream().filter(n -> n.inputs().stream().allMatch(i -> i.isEmpty() || values.containsKey(i)))
                    .findFirst().orElse(null);
            if (ready == null) {
                OnnxProto.Node stuck = pending.getFirst();
                String missing = stuck.inputs().stream().filter(i -> !i.isEmpty() && !values.containsKey(i)).findFirst().orElseThrow();
                throw new InputException(file, 0, 0, stuck.name(), stuck.opType() + " reads '" + missing + "', which "
                        + (producer.containsKey(missing) ? "depends on this node's own output (a cycle through '" + producer.get(missing) + "')"
                        : "no node, input or initializer produces"));
            }
            pending.remove(ready);
            nodes.add(node(file, ready, values, hints));
        }
        String name = Path.of(file).getFileName().toString().replaceFirst("\\.onnx$", "");
        return new Graph(name, file, inputs, nodes);
    }

    private static Node node(String file, OnnxProto.Node n, Map<String, OnnxOps.Val> values, Map<String, OnnxProto.Value> hints) {
        List<OnnxOps.Val> in = new ArrayList<>();
        long activations = 0;
        for (String i : n.inputs()) {
            OnnxOps.Val v = i.isEmpty() ? null : values.get(i);
            in.add(v);
            if (v != null && !v.initializer() && v.values() == null) {
                activations += v.elements();
            }
        }
        OnnxOps.Out out;
        List<Shape> shapes = new ArrayList<>();
        try {
            out = OnnxOps.infer(n, in);
            if (out.outputs().size() < n.outputs().stream().filter(o -> !o.isEmpty()).count()) {
                throw new IllegalArgumentException("has " + n.outputs().size() + " outputs; its type gives " + out.outputs().size());
            }
            for (int k = 0; k < n.outputs().size(); k++) {
                OnnxOps.Val v = out.outputs().get(k);
                OnnxProto.Value hint = hints.get(n.outputs().get(k));
                if (hint != null && hint.dims() != null && Arrays.stream(hint.dims()).allMatch(d -> d > 0)
                        && !Arrays.equals(hint.dims(), v.dims())) {
                    throw new IllegalArgumentException("inferred output '" + n.outputs().get(k) + "' as " + Arrays.toString(v.dims())
                            + ", but the file's value_info says " + Arrays.toString(hint.dims()));
                }
                values.put(n.outputs().get(k), v);
                shapes.add(OnnxOps.shape(v.dims()));
            }
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new InputException(file, 0, 0, n.name(), n.opType() + ": " + e.getMessage());
        }
        long outputs = out.free() ? 0 : shapes.stream().mapToLong(Shape::elements).sum();
        return new Node(n.name(), n.opType(), out.op().cls(), n.inputs().stream().filter(i -> !i.isEmpty()).toList(), n.outputs(), shapes,
                out.op().macs(), out.op().elementOps(), out.op().weights(), out.free() ? 0 : activations, outputs, out.op().narrowest(),
                out.int8(), 0);
    }
}
