package org.nanomind.kernels;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (versions 2 and 3): header, metadata, tensor infos, and the tensor data mapped, not copied.
 * Every count and size is checked against the bytes that remain before anything is allocated, so a
 * malformed file fails with a {@link GgufFormatException} naming the field and offset, never with an
 * OutOfMemoryError or a hang.
 */
public final class GgufFile implements AutoCloseable {
    static final int MAGIC = 0x46554747; // "GGUF" little-endian
    static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    private static final int MAX_ARRAY_NESTING = 4;

    private final Arena arena;
    private final int version;
    private final long alignment;
    private final Map<String, GgufValue> metadata;
    private final Map<String, GgufTensor> tensors;
    private final MemorySegment data;

    private GgufFile(Arena arena, int version, long alignment, Map<String, GgufValue> metadata,
                     Map<String, GgufTensor> tensors, MemorySegment data) {
        this.arena = arena;
        this.version = version;
        this.alignment = alignment;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = Collections.unmodifiableMap(tensors);
        this.data = data;
    }

    /** Maps and parses {@code path}; the mapping lives until {@link #close()}. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return parse(file, path.toString(), arena);
        } catch (RuntimeException | IOException e) {
            arena.close();
            throw e;
        }
    }

    /** Parses a GGUF image already in memory ({@code source} names it in errors). */
    public static GgufFile parse(MemorySegment file, String source) {
        return parse(file, source, null);
    }

    private static GgufFile parse(MemorySegment file, String source, Arena arena) {
        Reader r = new Reader(file, source);
        int magic = r.i32("magic");
        if (magic != MAGIC) {
            throw r.error("magic", 0, String.format("expected \"GGUF\" (0x%08x), found 0x%08x", MAGIC, magic));
        }
        int version = r.i32("version");
        if (version != 2 && version != 3) {
            throw r.error("version", 4, "unsupported GGUF version " + Integer.toUnsignedString(version)
                    + " (2 and 3 are supported)");
        }
        long tensorCount = r.count("tensor_count", 24);
        long kvCount = r.count("metadata_kv_count", 13);

        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = r.pos;
            String key = r.string("metadata key #" + i);
            GgufValue.Type type = r.type("metadata '" + key + "' type");
            GgufValue value = r.value("metadata '" + key + "'", type, 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw r.error("metadata key #" + i, at, "duplicate key '" + key + "'");
            }
        }
        long alignment = DEFAULT_ALIGNMENT;
        GgufValue al = metadata.get("general.alignment");
        if (al != null) {
            if (al.type() != GgufValue.Type.UINT32 || al.asLong() == 0 || Long.bitCount(al.asLong()) != 1) {
                throw r.error("metadata 'general.alignment'", 0, "must be a UINT32 power of two, got " + al.type()
                        + " " + al.value());
            }
            alignment = al.asLong();
        }

        Map<String, GgufTensor> tensors = new LinkedHashMap<>();
        // Where each tensor's offset field sits in the file, so data errors point at the field to fix.
        Map<String, Long> offsetFields = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            long at = r.pos;
            String name = r.string("tensor #" + i + " name");
            String field = "tensor '" + name + "'";
            long nDims = Integer.toUnsignedLong(r.i32(field + " n_dims"));
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw r.error(field + " n_dims", r.pos - 4, "must be 1.." + MAX_DIMS + ", got " + nDims);
            }
            long[] dims = new long[(int) nDims];
            for (int d = 0; d < nDims; d++) {
                dims[d] = r.i64(field + " dim " + d);
                if (dims[d] < 0) {
                    throw r.error(field + " dim " + d, r.pos - 8, "negative or above 2^63: " + Long.toUnsignedString(dims[d]));
                }
            }
            long typeId = Integer.toUnsignedLong(r.i32(field + " type"));
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw r.error(field + " type", r.pos - 4, "unknown ggml type " + typeId);
            }
            long offset = r.i64(field + " offset");
            GgufTensor t = new GgufTensor(name, type, dims, offset);
            try {
                if (dims[0] % type.blockSize() != 0) {
                    throw r.error(field + " dim 0", at, "row of " + dims[0] + " is not a whole number of " + type
                            + " blocks of " + type.blockSize());
                }
                t.bytes();
            } catch (ArithmeticException e) {
                throw r.error(field + " dims", at, "element count or size overflows 64 bits");
            }
            if (offset < 0) {
                throw r.error(field + " offset", r.pos - 8, "offset " + Long.toUnsignedString(offset) + " is above 2^63, past the end"
                        + " of any file");
            }
            if (offset % alignment != 0) {
                throw r.error(field + " offset", r.pos - 8, "offset " + offset + " is not a multiple of the alignment " + alignment);
            }
            if (tensors.putIfAbsent(name, t) != null) {
                throw r.error("tensor #" + i + " name", at, "duplicate tensor '" + name + "'");
            }
            offsetFields.put(name, r.pos - 8);
        }

        long dataStart = tensorCount == 0 ? Math.min(file.byteSize(), align(r.pos, alignment)) : align(r.pos, alignment);
        if (dataStart > file.byteSize()) {
            throw r.error("tensor data", r.pos, "file ends at byte " + file.byteSize()
                    + " before the data section starts at " + dataStart);
        }
        long dataSize = file.byteSize() - dataStart;
        List<GgufTensor> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(GgufTensor::offset));
        long end = 0;
        for (GgufTensor t : byOffset) {
            long field = offsetFields.get(t.name());
            if (t.offset() < end) {
                throw r.error("tensor '" + t.name() + "' offset", field, "overlaps the previous tensor, which ends at data byte " + end);
            }
            end = t.offset() + t.bytes();
            if (t.bytes() > dataSize || t.offset() > dataSize - t.bytes()) {
                throw r.error("tensor '" + t.name() + "' offset", field, t.bytes() + " bytes at data offset " + t.offset()
                        + " run past the end of the file (" + dataSize + " data bytes)");
            }
        }
        return new GgufFile(arena, version, alignment, metadata, tensors, file.asSlice(dataStart));
    }

    static long align(long pos, long alignment) {
        return (pos + alignment - 1) / alignment * alignment;
    }

    public int version() {
        return version;
    }

    public long alignment() {
        return alignment;
    }

    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    /** Tensors in file order. */
    public List<GgufTensor> tensors() {
        return List.copyOf(tensors.values());
    }

    /** The tensor called {@code name}, or null. */
    public GgufTensor tensor(String name) {
        return tensors.get(name);
    }

    /** The tensor's bytes: a slice of the mapping, not a copy. */
    public MemorySegment data(GgufTensor t) {
        return data.asSlice(t.offset(), t.bytes());
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    /** A bounds-checked cursor over the file. */
    private static final class Reader {
        private final MemorySegment file;
        private final String source;
        long pos;

        Reader(MemorySegment file, String source) {
            this.file = file;
            this.source = source;
        }

        GgufFormatException error(String field, long offset, String problem) {
            return new GgufFormatException(source, field, offset, problem);
        }

        private void need(String field, long n) {
            if (n < 0 || n > file.byteSize() - pos) {
                throw error(field, pos, "file is truncated: " + Long.toUnsignedString(n) + " bytes needed, "
                        + (file.byteSize() - pos) + " left");
            }
        }

        int i32(String field) {
            need(field, 4);
            int v = file.get(Mem.INT, pos);
            pos += 4;
            return v;
        }

        long i64(String field) {
            need(field, 8);
            long v = file.get(Mem.LONG, pos);
            pos += 8;
            return v;
        }

        /** A count whose items take at least {@code minItemBytes} each: it must fit in what is left. */
        long count(String field, long minItemBytes) {
            long at = pos;
            long n = i64(field);
            if (n < 0 || n > (file.byteSize() - pos) / minItemBytes) {
                throw error(field, at, Long.toUnsignedString(n) + " items cannot fit in the " + (file.byteSize() - pos)
                        + " bytes left");
            }
            return n;
        }

        String string(String field) {
            long at = pos;
            long len = i64(field + " length");
            need(field, len);
            if (len > Integer.MAX_VALUE - 8) {
                throw error(field, at, "string of " + len + " bytes is too long");
            }
            ByteBuffer bytes = file.asSlice(pos, len).asByteBuffer();
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
                pos += len;
                return s;
            } catch (CharacterCodingException e) {
                throw error(field, at, "not valid UTF-8");
            }
        }

        GgufValue.Type type(String field) {
            long at = pos;
            long id = Integer.toUnsignedLong(i32(field));
            GgufValue.Type t = GgufValue.Type.byId(id);
            if (t == null) {
                throw error(field, at, "unknown value type " + id + " (0..12 are defined)");
            }
            return t;
        }

        GgufValue value(String field, GgufValue.Type type, int depth) {
            return switch (type) {
                case UINT8 -> new GgufValue(type, (long) u8(field), null);
                case INT8 -> new GgufValue(type, (long) (byte) u8(field), null);
                case UINT16 -> new GgufValue(type, (long) (u16(field) & 0xffff), null);
                case INT16 -> new GgufValue(type, (long) (short) u16(field), null);
                case UINT32 -> new GgufValue(type, Integer.toUnsignedLong(i32(field)), null);
                case INT32 -> new GgufValue(type, (long) i32(field), null);
                case UINT64, INT64 -> new GgufValue(type, i64(field), null);
                case FLOAT32 -> new GgufValue(type, Float.intBitsToFloat(i32(field)), null);
                case FLOAT64 -> new GgufValue(type, Double.longBitsToDouble(i64(field)), null);
                case BOOL -> {
                    long at = pos;
                    int b = u8(field);
                    if (b > 1) {
                        throw error(field, at, "a BOOL must be 0 or 1, got " + b);
                    }
                    yield new GgufValue(type, b == 1 ? 1L : 0L, null);
                }
                case STRING -> new GgufValue(type, string(field), null);
                case ARRAY -> {
                    if (depth >= MAX_ARRAY_NESTING) {
                        throw error(field, pos, "arrays nested deeper than " + MAX_ARRAY_NESTING);
                    }
                    GgufValue.Type element = type(field + " element type");
                    long n = count(field + " count", element.minBytes);
                    List<Object> items = new ArrayList<>((int) Math.min(n, 1 << 16));
                    for (long i = 0; i < n; i++) {
                        GgufValue v = value(field + "[" + i + "]", element, depth + 1);
                        items.add(element == GgufValue.Type.ARRAY ? v : v.value());
                    }
                    yield new GgufValue(type, Collections.unmodifiableList(items), element);
                }
            };
        }

        private int u8(String field) {
            need(field, 1);
            return file.get(ValueLayout.JAVA_BYTE, pos++) & 0xff;
        }

        private short u16(String field) {
            need(field, 2);
            short v = file.get(Mem.SHORT, pos);
            pos += 2;
            return v;
        }
    }
}
