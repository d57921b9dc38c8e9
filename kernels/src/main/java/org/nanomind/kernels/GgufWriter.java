package org.nanomind.kernels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: metadata in insertion order, tensors laid out in the order added, each at the
 * next multiple of the alignment. The file appears atomically (written beside, then moved).
 */
public final class GgufWriter {
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Entry> tensors = new ArrayList<>();
    private long dataSize;

    private record Entry(GgufTensor info, MemorySegment data) {
    }

    public GgufWriter put(String key, GgufValue value) {
        if (value.type() == GgufValue.Type.ARRAY && value.elementType() == null) {
            throw new IllegalArgumentException("array '" + key + "' needs an element type");
        }
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor; {@code data} must hold exactly its bytes in {@code type}'s layout. */
    public GgufWriter tensor(String name, GgmlType type, long[] dims, MemorySegment data) {
        long offset = GgufFile.align(dataSize, alignment());
        GgufTensor info = new GgufTensor(name, type, dims, offset);
        if (data.byteSize() != info.bytes()) {
            throw new IllegalArgumentException("tensor '" + name + "' needs " + info.bytes() + " bytes of " + type
                    + ", got " + data.byteSize());
        }
        for (Entry e : tensors) {
            if (e.info().name().equals(name)) {
                throw new IllegalArgumentException("duplicate tensor '" + name + "'");
            }
        }
        tensors.add(new Entry(info, data));
        dataSize = offset + info.bytes();
        return this;
    }

    private long alignment() {
        GgufValue al = metadata.get("general.alignment");
        return al == null ? GgufFile.DEFAULT_ALIGNMENT : al.asLong();
    }

    /** The whole file as bytes (small models and tests). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public void write(Path path) throws IOException {
        // A temporary name of its own: two writers of the same file (a sweep's workers) do not share one.
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName() + ".", ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            writeTo(out);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeTo(OutputStream out) throws IOException {
        Header h = new Header();
        h.i32(GgufFile.MAGIC);
        h.i32(3);
        h.i64(tensors.size());
        h.i64(metadata.size());
        for (Map.Entry<String, GgufValue> kv : metadata.entrySet()) {
            h.string(kv.getKey());
            h.i32(kv.getValue().type().id);
            h.value(kv.getValue().type(), kv.getValue().value(), kv.getValue().elementType());
        }
        for (Entry e : tensors) {
            GgufTensor t = e.info();
            h.string(t.name());
            long[] dims = t.dims();
            h.i32(dims.length);
            for (long d : dims) {
                h.i64(d);
            }
            h.i32(t.type().id());
            h.i64(t.offset());
        }
        long alignment = alignment();
        long pos = h.size();
        h.pad(GgufFile.align(pos, alignment) - pos);
        h.writeTo(out);
        long written = 0;
        byte[] chunk = new byte[1 << 16];
        for (Entry e : tensors) {
            long pad = e.info().offset() - written;
            out.write(new byte[(int) pad]);
            for (long off = 0; off < e.data().byteSize(); off += chunk.length) {
                int n = (int) Math.min(chunk.length, e.data().byteSize() - off);
                MemorySegment.copy(e.data(), ValueLayout.JAVA_BYTE, off, chunk, 0, n);
                out.write(chunk, 0, n);
            }
            written = e.info().offset() + e.info().bytes();
        }
    }

    /** Little-endian encoding of the header. */
    private static final class Header extends ByteArrayOutputStream {
        private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void i32(int v) {
            buf.clear();
            buf.putInt(v);
            write(buf.array(), 0, 4);
        }

        void i64(long v) {
            buf.clear();
            buf.putLong(v);
            write(buf.array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            write(b, 0, b.length);
        }

        void pad(long n) {
            for (long i = 0; i < n; i++) {
                write(0);
            }
        }

        void value(GgufValue.Type type, Object v, GgufValue.Type element) {
            switch (type) {
                case UINT8, INT8, BOOL -> write((int) ((Number) v).longValue());
                case UINT16, INT16 -> {
                    long x = ((Number) v).longValue();
                    write((int) (x & 0xff));
                    write((int) ((x >>> 8) & 0xff));
                }
                case UINT32, INT32 -> i32((int) ((Number) v).longValue());
                case UINT64, INT64 -> i64(((Number) v).longValue());
                case FLOAT32 -> i32(Float.floatToRawIntBits(((Number) v).floatValue()));
                case FLOAT64 -> i64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case STRING -> string((String) v);
                case ARRAY -> {
                    List<?> items = (List<?>) v;
                    i32(element.id);
                    i64(items.size());
                    for (Object item : items) {
                        if (item instanceof GgufValue nested) {
                            value(nested.type(), nested.value(), nested.elementType());
                        } else {
                            value(element, item, null);
                        }
                    }
                }
            }
        }
    }
}
