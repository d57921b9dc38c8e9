package org.nanomind.soc.graph;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX ModelProto the twin needs, read from the protobuf wire format with protobuf-java's
 * CodedInputStream and the field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto): the opset, the nodes with their attributes, the initializers' dims (and the
 * values of small integer or float ones, which shape computations read), the graph inputs and the shapes
 * of value_info. Weights are never needed: a model whose weights are external or stripped loads the same.
 */
final class OnnxProto {
    /** Values of initializers and constants up to this many elements are kept (shape arithmetic); larger ones are dims only. */
    static final int SMALL = 4096;
    /** Bounds of a sane file: a corrupt length or count is refused before it allocates. */
    static final int MAX_NODES = 1_000_000;

    /** A tensor: dims, element type, and its values when it is small and numeric (else null). */
    record Tensor(String name, long[] dims, int dataType, double[] values) {
    }

    /** An attribute: which of its fields is set depends on its type; unset ones are 0, null or empty. */
    record Attr(String name, long i, float f, String s, long[] ints, float[] floats, Tensor t) {
    }

    /** A node in file order. */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs, Map<String, Attr> attrs,
                int index) {
    }

    /** A named value's shape: dims, -1 where the file gives a symbol (a batch size, a sequence length). */
    record Value(String name, long[] dims) {
    }

    record Model(long opset, List<Node> nodes, Map<String, Tensor> initializers, List<Value> inputs, Map<String, Value> shapes) {
    }

    private OnnxProto() {
    }

    static Model read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(64);
        long opset = 0;
        byte[] graph = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 7 -> graph = in.readByteArray();
                case 8 -> {
                    CodedInputStream o = CodedInputStream.newInstance(in.readByteArray());
                    String domain = "";
                    long version = 0;
                    for (int t; (t = o.readTag()) != 0; ) {
                        switch (t >>> 3) {
                            case 1 -> domain = o.readString();
                            case 2 -> version = o.readInt64();
                            default -> o.skipField(t);
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("no graph (ModelProto field 7)");
        }
        return graph(graph, opset);
    }

    private static Model graph(byte[] bytes, long opset) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> init = new HashMap<>();
        List<Value> inputs = new ArrayList<>();
        Map<String, Value> shapes = new HashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> {
                    if (nodes.size() >= MAX_NODES) {
                        throw new IOException("more than " + MAX_NODES + " nodes");
                    }
                    nodes.add(node(in.readByteArray(), nodes.size()));
                }
                case 5 -> {
                    Tensor t = tensor(in.readByteArray());
                    init.put(t.name(), t);
                }
                case 11 -> inputs.add(value(in.readByteArray()));
                case 12, 13 -> {
                    Value v = value(in.readByteArray());
                    shapes.put(v.name(), v);
                }
                default -> in.skipField(tag);
            }
        }
        return new Model(opset, nodes, init, inputs, shapes);
    }

    private static Node node(byte[] bytes, int index) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attr> attrs = new LinkedHashMap<>();
        String name = "";
        String op = "";
        String domain = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> op = in.readString();
                case 7 -> domain = in.readString();
                case 5 -> {
                    Attr a = attr(in.readByteArray());
                    attrs.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        return new Node(name.isEmpty() ? op + "_" + index : name, op, domain, inputs, outputs, attrs, index);
    }

    private static Attr attr(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "";
        long i = 0;
        float f = 0;
        String s = "";
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        Tensor t = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes().toStringUtf8();
                case 5 -> t = tensor(in.readByteArray());
                case 7 -> readFloats(in, wire, floats);
                case 8 -> readInts(in, wire, ints);
                default -> in.skipField(tag);
            }
        }
        float[] fs = new float[floats.size()];
        for (int k = 0; k < fs.length; k++) {
            fs[k] = floats.get(k);
        }
        return new Attr(name, i, f, s, ints.stream().mapToLong(Long::longValue).toArray(), fs, t);
    }

    private static void readInts(CodedInputStream in, int wire, List<Long> out) throws IOException {
        if (wire == 2) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readInt64());
        }
    }

    /** A repeated float field, packed or not; past {@link #SMALL} values the rest is skipped (weights, not shapes). */
    private static void readFloats(CodedInputStream in, int wire, List<Float> out) throws IOException {
        if (wire != 2) {
            out.add(in.readFloat());
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0 && out.size() <= SMALL) {
            out.add(in.readFloat());
        }
        in.skipRawBytes(in.getBytesUntilLimit());
        in.popLimit(limit);
    }

    static Tensor tensor(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> dims = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> readInts(in, wire, dims);
                case 2 -> type = in.readInt32();
                case 4 -> readFloats(in, wire, floats);
                case 5, 7 -> readInts(in, wire, ints);
                case 8 -> name = in.readString();
                case 9 -> raw = in.readByteArray();
                default -> in.skipField(tag);
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long x : d) {
            n = x < 0 || n > SMALL ? SMALL + 1 : n * x;
        }
        double[] values = null;
        if (n <= SMALL) {
            if (raw != null) {
                values = decode(raw, type, (int) n);
            } else if (!ints.isEmpty() && ints.size() == n) {
                values = ints.stream().mapToDouble(Long::doubleValue).toArray();
            } else if (!floats.isEmpty() && floats.size() == n) {
                values = floats.stream().mapToDouble(Float::doubleValue).toArray();
            }
        }
        return new Tensor(name, d, type, values);
    }

    /** Little-endian raw_data of the numeric types shapes are computed with (float, int32, int64, double). */
    private static double[] decode(byte[] raw, int type, int n) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (type) {
            case 1, 6 -> 4;
            case 7, 11 -> 8;
            default -> 0;
        };
        if (width == 0 || raw.length != (long) n * width) {
            return null;
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = switch (type) {
                case 1 -> b.getFloat();
                case 6 -> b.getInt();
                case 7 -> b.getLong();
                default -> b.getDouble();
            };
        }
        return v;
    }

    private static Value value(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "";
        long[] dims = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> name = in.readString();
                case 2 -> dims = type(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return new Value(name, dims);
    }

    /** TypeProto.tensor_type.shape as dims (-1 for a symbolic dimension); null without a shape. */
    private static long[] type(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long[] dims = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag >>> 3 == 1) {
                CodedInputStream t = CodedInputStream.newInstance(in.readByteArray());
                for (int tt; (tt = t.readTag()) != 0; ) {
                    if (tt >>> 3 == 2) {
                        CodedInputStream s = CodedInputStream.newInstance(t.readByteArray());
                        List<Long> d = new ArrayList<>();
                        for (int st; (st = s.readTag()) != 0; ) {
                            if (st >>> 3 == 1) {
                                CodedInputStream dim = CodedInputStream.newInstance(s.readByteArray());
                                long v = -1;
                                for (int dt; (dt = dim.readTag()) != 0; ) {
                                    if (dt >>> 3 == 1) {
                                        v = dim.readInt64();
                                    } else {
                                        dim.skipField(dt);
                                    }
                                }
                                d.add(v);
                            } else {
                                s.skipField(st);
                            }
                        }
                        dims = d.stream().mapToLong(Long::longValue).toArray();
                    } else {
                        t.skipField(tt);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return dims;
    }
}
