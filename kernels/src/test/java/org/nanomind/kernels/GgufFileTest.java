package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
    private final Arena arena = Arena.ofAuto();

    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** A small model-like file with every metadata type and three tensor types. */
    static GgufWriter sample(Arena arena) {
        return new GgufWriter()
                .put("general.architecture", GgufValue.of("qwen2"))
                .put("general.alignment", GgufValue.uint32(64))
                .put("qwen2.block_count", GgufValue.uint32(24))
                .put("u8", new GgufValue(GgufValue.Type.UINT8, 200L, null))
                .put("i8", new GgufValue(GgufValue.Type.INT8, -5L, null))
                .put("u16", new GgufValue(GgufValue.Type.UINT16, 65535L, null))
                .put("i16", new GgufValue(GgufValue.Type.INT16, -300L, null))
                .put("i32", new GgufValue(GgufValue.Type.INT32, -70000L, null))
                .put("u64", new GgufValue(GgufValue.Type.UINT64, 1L << 40, null))
                .put("i64", new GgufValue(GgufValue.Type.INT64, -(1L << 40), null))
                .put("f32", GgufValue.float32(1e-6f))
                .put("f64", new GgufValue(GgufValue.Type.FLOAT64, Math.PI, null))
                .put("bool", new GgufValue(GgufValue.Type.BOOL, 1L, null))
                .put("tokens", GgufValue.array(GgufValue.Type.STRING, List.of("<s>", "héllo", "世界")))
                .put("scores", GgufValue.array(GgufValue.Type.FLOAT32, List.of(0.5f, -1.0f)))
                .put("nested", GgufValue.array(GgufValue.Type.ARRAY, List.of(
                        GgufValue.array(GgufValue.Type.INT32, List.of(1L, 2L)),
                        GgufValue.array(GgufValue.Type.INT32, List.of(3L)))))
                .tensor("blk.0.attn_q.weight", GgmlType.Q4_0, new long[] {64, 3},
                        Formats.quantize(GgmlType.Q4_0, gaussian(192, 1), arena))
                .tensor("output_norm.weight", GgmlType.F32, new long[] {64},
                        Formats.quantize(GgmlType.F32, gaussian(64, 2), arena))
                .tensor("blk.0.ffn_down.weight", GgmlType.Q4_K, new long[] {256, 2},
                        Formats.quantize(GgmlType.Q4_K, gaussian(512, 3), arena));
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack(@TempDir Path dir) throws Exception {
        GgufWriter w = sample(arena);
        Path file = dir.resolve("sample.gguf");
        w.write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertEquals(3, f.version());
            assertEquals(64, f.alignment());
            assertEquals("qwen2", f.metadata().get("general.architecture").asString());
            assertEquals(24, f.metadata().get("qwen2.block_count").asLong());
            assertEquals(200L, f.metadata().get("u8").value());
            assertEquals(-5L, f.metadata().get("i8").value());
            assertEquals(65535L, f.metadata().get("u16").value());
            assertEquals(-300L, f.metadata().get("i16").value());
            assertEquals(-70000L, f.metadata().get("i32").value());
            assertEquals(1L << 40, f.metadata().get("u64").value());
            assertEquals(1e-6f, f.metadata().get("f32").value());
            assertEquals(Math.PI, f.metadata().get("f64").asDouble());
            assertEquals(List.of("<s>", "héllo", "世界"), f.metadata().get("tokens").asList());
            assertEquals(List.of(1L, 2L), ((GgufValue) f.metadata().get("nested").asList().get(0)).asList());
            assertEquals(3, f.tensors().size());
            GgufTensor q = f.tensor("blk.0.attn_q.weight");
            assertEquals(GgmlType.Q4_0, q.type());
            assertArrayEquals(new long[] {64, 3}, q.dims());
            for (GgufTensor t : f.tensors()) {
                assertEquals(0, t.offset() % 64, t + " is aligned");
            }
            float[] back = Formats.dequantize(GgmlType.Q4_K, f.data(f.tensor("blk.0.ffn_down.weight")), 512);
            float[] expected = Formats.dequantize(GgmlType.Q4_K, Formats.quantize(GgmlType.Q4_K, gaussian(512, 3), arena), 512);
            assertArrayEquals(expected, back);
        }
        assertArrayEquals(w.toBytes(), Files.readAllBytes(file), "file and in-memory image agree");
    }

    private static MemorySegment image(byte[] b) {
        return MemorySegment.ofArray(b);
    }

    private static GgufFormatException bad(byte[] b) {
        return assertThrows(GgufFormatException.class, () -> GgufFile.parse(image(b), "bad.gguf"));
    }

    private byte[] valid() {
        return sample(arena).toBytes();
    }

    @Test
    void badMagicAndVersionAreNamed() {
        byte[] b = valid();
        b[0] = 'X';
        GgufFormatException e = bad(b);
        assertEquals("magic", e.field());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith("bad.gguf: magic at byte 0"), e.getMessage());
        b = valid();
        b[4] = 9;
        assertEquals("version", bad(b).field());
    }

    @Test
    void everyTruncationIsReportedNotCrashed() {
        byte[] b = valid();
        for (int len = 0; len < b.length; len += (len < 2000 ? 1 : 97)) {
            byte[] cut = java.util.Arrays.copyOf(b, len);
            GgufFormatException e = bad(cut);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("cannot fit")
                    || e.getMessage().contains("past the end") || e.getMessage().contains("before the data"),
                    "at " + len + ": " + e.getMessage());
        }
    }

    private static void putLong(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    }

    private static void putInt(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    }

    @Test
    void hugeCountsAndSizesFailBeforeAnyAllocation() {
        byte[] b = valid();
        putLong(b, 8, Long.MAX_VALUE);
        assertEquals("tensor_count", bad(b).field());
        b = valid();
        putLong(b, 16, 1L << 60);
        assertEquals("metadata_kv_count", bad(b).field());
        b = valid();
        putLong(b, 24, Long.MAX_VALUE - 3); // first key's length
        GgufFormatException e = bad(b);
        assertEquals("metadata key #0", e.field());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** Offset of the first byte after {@code marker} in the image. */
    private static int after(byte[] b, String marker) {
        byte[] m = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + m.length <= b.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i + m.length;
        }
        throw new AssertionError(marker + " not found");
    }

    @Test
    void unknownTypesMisalignedOffsetsAndOverrunsAreNamed() {
        byte[] b = valid();
        putInt(b, after(b, "general.architecture"), 77);
        GgufFormatException e = bad(b);
        assertTrue(e.getMessage().contains("unknown value type 77"), e.getMessage());

        b = valid();
        int t = after(b, "blk.0.attn_q.weight"); // n_dims, 2 dims, type, offset
        putInt(b, t + 4 + 16, 99);
        e = bad(b);
        assertEquals("tensor 'blk.0.attn_q.weight' type", e.field());
        assertTrue(e.getMessage().contains("unknown ggml type 99"), e.getMessage());

        b = valid();
        t = after(b, "output_norm.weight");
        putLong(b, t + 4 + 8 + 4, 65); // offset: not a multiple of 64
        e = bad(b);
        assertTrue(e.getMessage().contains("not a multiple of the alignment 64"), e.getMessage());

        b = valid();
        t = after(b, "output_norm.weight");
        putLong(b, t + 4 + 8 + 4, Long.MIN_VALUE + 32); // 2^63 + 32: aligned, but past any file
        e = bad(b);
        assertTrue(e.getMessage().contains("9223372036854775840 is above 2^63"), e.getMessage());

        b = valid();
        t = after(b, "output_norm.weight");
        putLong(b, t + 4 + 8 + 4, 1L << 40);
        e = bad(b);
        assertTrue(e.getMessage().contains("run past the end"), e.getMessage());

        b = valid();
        t = after(b, "blk.0.attn_q.weight");
        putLong(b, t + 4, 1L << 62);
        putLong(b, t + 12, 1L << 62);
        e = bad(b);
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());

        b = valid();
        t = after(b, "blk.0.attn_q.weight");
        putLong(b, t + 4, 48); // a Q4_0 row of 48 is not whole blocks
        e = bad(b);
        assertTrue(e.getMessage().contains("whole number of Q4_0 blocks"), e.getMessage());
    }

    @Test
    void duplicateKeysAndOverlappingTensorsAreRefused() {
        byte[] b = valid();
        int at = after(b, "u8") - 2;
        b[at] = 'i'; // "u8" -> "i8", which follows it
        assertTrue(bad(b).getMessage().contains("duplicate key 'i8'"));

        b = valid();
        int t = after(b, "blk.0.ffn_down.weight");
        putLong(b, t + 4 + 16 + 4, 0); // overlaps blk.0.attn_q.weight at 0
        assertTrue(bad(b).getMessage().contains("overlaps"));
    }

    @Test
    void tensorDataIsMappedNotCopied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.gguf");
        sample(arena).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            MemorySegment d = f.data(f.tensor("output_norm.weight"));
            assertTrue(d.isMapped() || d.isNative(), "a slice of the file mapping");
            assertEquals(64 * 4, d.byteSize());
            float[] expected = gaussian(64, 2);
            assertEquals(expected[5], d.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 20));
        }
    }
}
