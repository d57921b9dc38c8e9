package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Every quantizer against ggml's own: ggml-quants.c's reference quantizers ran on the same inputs
 * (bench/ggml-reference/build.sh wrote their bytes, and a CRC-32 of what ggml's dequantizers made of them, into
 * ggml-reference/quants.txt). The bytes must be identical, and so must the dequantized floats, bit for bit.
 */
class GgmlReferenceTest {
    static final int N = 4096;

    /** The inputs the C harness makes: xorshift32 values at a scale per group of 32, zero groups and outliers. */
    static float[] inputs(int seed) {
        float[] x = new float[N];
        int s = seed;
        for (int i = 0; i < N; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            float u = (float) (s >>> 8) * (1.0f / 16777216.0f);
            int group = i / 32;
            float v = (2.0f * u - 1.0f) * (0.01f * (1 + group % 7));
            if (group % 11 == 10) {
                v = 0.0f;
            }
            if (i % 97 == 0) {
                v *= 8.0f;
            }
            x[i] = v;
        }
        return x;
    }

    @Test
    void quantizedBytesAndDequantizedFloatsAreGgmls() throws IOException {
        List<String> lines;
        try (InputStream in = GgmlReferenceTest.class.getResourceAsStream("/ggml-reference/quants.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("#")).toList();
        }
        assertEquals(6 * 3, lines.size(), "Q4_0, Q8_0, Q2_K, Q4_K, Q5_K and Q6_K, three inputs each");
        for (String line : lines) {
            String[] f = line.split(" ");
            GgmlType type = GgmlType.valueOf(f[0]);
            int seed = (int) (Long.parseLong(f[1]) * 2654435761L);
            byte[] want = HexFormat.of().parseHex(f[4]);
            assertEquals(type.bytesFor(N), want.length, type + ": the reference's size");
            float[] x = inputs(seed);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment q = arena.allocate(want.length);
                Formats.quantize(type, x, 0, N, q, 0);
                byte[] got = q.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                int first = java.util.Arrays.mismatch(want, got);
                assertEquals(-1, first, type + " seed " + f[1] + ": first differing byte at " + first);
                float[] y = Formats.dequantize(type, q, N);
                ByteBuffer b = ByteBuffer.allocate(4 * N).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : y) {
                    b.putFloat(v);
                }
                CRC32 crc = new CRC32();
                crc.update(b.array());
                assertEquals(f[3], String.format("%08x", crc.getValue()), type + " seed " + f[1] + ": dequantized floats");
                // The inputs reach every branch: all-zero sub-blocks and outliers both occur in each super-block set.
                assertTrue(java.util.stream.IntStream.range(0, N).anyMatch(i -> x[i] == 0) && x[0] != 0);
            }
        }
    }
}
