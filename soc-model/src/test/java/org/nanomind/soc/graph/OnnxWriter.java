package org.nanomind.soc.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models for tests, field by field on the protobuf wire (onnx.proto's numbers): inputs
 * with shapes, initializers with dims only (as a stripped model has them) or with int64 data, nodes with
 * attributes, value_info.
 */
final class OnnxWriter {
    private final long opset;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> inits = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> infos = new ArrayList<>();

    OnnxWriter(long opset) {
        this.opset = opset;
    }

    interface Body {
        void write(CodedOutputStream o) throws IOException;
    }

    static byte[] message(Body b) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            b.write(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] valueInfo(String name, long... dims) {
        byte[] shape = message(o -> {
            for (long d : dims) {
                o.writeByteArray(1, message(x -> x.writeInt64(1, d)));
            }
        });
        byte[] tensorType = message(o -> {
            o.writeInt32(1, 1);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensorType));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }

    OnnxWriter input(String name, long... dims) {
        inputs.add(valueInfo(name, dims));
        return this;
    }

    /** A shape the file states for an intermediate value. */
    OnnxWriter info(String name, long... dims) {
        infos.add(valueInfo(name, dims));
        return this;
    }

    /** A float initializer with dims and no data: weights stored elsewhere. */
    OnnxWriter weights(String name, long... dims) {
        inits.add(message(o -> {
            for (long d : dims) {
                o.writeInt64(1, d);
            }
            o.writeInt32(2, 1);
            o.writeString(8, name);
            o.writeInt32(14, 1); // data_location EXTERNAL
        }));
        return this;
    }

    /** A scalar int64 initializer (no dims). */
    OnnxWriter scalar(String name, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        inits.add(message(o -> {
            o.writeInt32(2, 7);
            o.writeString(8, name);
            o.writeBytes(9, ByteString.copyFrom(b.array()));
        }));
        return this;
    }

    /** A 1-D int64 initializer with its data in raw_data. */
    OnnxWriter ints(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        inits.add(message(o -> {
            o.writeInt64(1, values.length);
            o.writeInt32(2, 7);
            o.writeString(8, name);
            o.writeBytes(9, ByteString.copyFrom(b.array()));
        }));
        return this;
    }

    /** An attribute: a long[] is INTS, a Long INT, a String STRING, a Float FLOAT. */
    record A(String name, Object value) {
    }

    static A a(String name, Object value) {
        return new A(name, value);
    }

    OnnxWriter node(String op, String name, List<String> in, List<String> out, A... attrs) {
        nodes.add(message(o -> {
            for (String i : in) {
                o.writeString(1, i);
            }
            for (String x : out) {
                o.writeString(2, x);
            }
            o.writeString(3, name);
            o.writeString(4, op);
            for (A a : attrs) {
                o.writeByteArray(5, message(x -> {
                    x.writeString(1, a.name());
                    switch (a.value()) {
                        case long[] v -> {
                            for (long e : v) {
                                x.writeInt64(8, e);
                            }
                            x.writeInt32(20, 7);
                        }
                        case Long v -> {
                            x.writeInt64(3, v);
                            x.writeInt32(20, 2);
                        }
                        case Float v -> {
                            x.writeFloat(2, v);
                            x.writeInt32(20, 1);
                        }
                        default -> {
                            x.writeBytes(4, ByteString.copyFromUtf8(a.value().toString()));
                            x.writeInt32(20, 3);
                        }
                    }
                }));
            }
        }));
        return this;
    }

    byte[] bytes() {
        byte[] graph = message(o -> {
            for (byte[] n : nodes) {
                o.writeByteArray(1, n);
            }
            o.writeString(2, "test");
            for (byte[] i : inits) {
                o.writeByteArray(5, i);
            }
            for (byte[] i : inputs) {
                o.writeByteArray(11, i);
            }
            for (byte[] i : infos) {
                o.writeByteArray(13, i);
            }
        });
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(x -> x.writeInt64(2, opset)));
        });
    }
}
