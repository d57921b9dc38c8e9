package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian accessors for GGUF data in memory segments, as ggml lays it out on x86 and ARM. */
final class Mem {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The open {@link LoadCount}, or null: every read below reports to it. A plain field, set before the work
     * it counts is handed to the pool's threads and cleared after they finish (the pool's hand-over orders it).
     */
    static LoadCount counting;

    private Mem() {
    }

    private static void read(MemorySegment s, long offset, long bytes) {
        LoadCount c = counting;
        if (c != null) {
            c.read(s, offset, bytes);
        }
    }

    static float f16(MemorySegment s, long offset) {
        read(s, offset, 2);
        return Float.float16ToFloat(s.get(SHORT, offset));
    }

    static float f32(MemorySegment s, long offset) {
        read(s, offset, 4);
        return s.get(FLOAT, offset);
    }

    static byte i8(MemorySegment s, long offset) {
        read(s, offset, 1);
        return s.get(ValueLayout.JAVA_BYTE, offset);
    }

    static jdk.incubator.vector.ByteVector bytes(jdk.incubator.vector.VectorSpecies<Byte> species, MemorySegment s, long offset) {
        read(s, offset, species.length());
        return jdk.incubator.vector.ByteVector.fromMemorySegment(species, s, offset, ByteOrder.LITTLE_ENDIAN);
    }

    static jdk.incubator.vector.FloatVector floats(jdk.incubator.vector.VectorSpecies<Float> species, MemorySegment s, long offset) {
        read(s, offset, 4L * species.length());
        return jdk.incubator.vector.FloatVector.fromMemorySegment(species, s, offset, ByteOrder.LITTLE_ENDIAN);
    }

    /** Reports multiply-accumulates performed and bytes written to the open count, if any. */
    static void did(long multiplyAccumulates, long bytesWritten) {
        LoadCount c = counting;
        if (c != null) {
            c.did(multiplyAccumulates, bytesWritten);
        }
    }

    static void wroteKv(long bytes) {
        LoadCount c = counting;
        if (c != null) {
            c.wroteKv(bytes);
        }
    }

    static void readArray(String name, long distinctBytes) {
        LoadCount c = counting;
        if (c != null) {
            c.readArray(name, distinctBytes);
        }
    }

    static void putF16(MemorySegment s, long offset, float v) {
        s.set(SHORT, offset, Float.floatToFloat16(v));
    }

    static int u8(MemorySegment s, long offset) {
        read(s, offset, 1);
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
    }

    static void putU8(MemorySegment s, long offset, int v) {
        s.set(ValueLayout.JAVA_BYTE, offset, (byte) v);
    }

    /** ggml's nearest_int: round half to even, as adding 1.5 * 2^23 in float arithmetic does. */
    static int nearestInt(float f) {
        return (int) Math.rint(f);
    }

    /** C's roundf: half away from zero (exact: |v| + 0.5 is exact in double for any float v). */
    static int roundAway(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }

    /**
     * The lanes' sum, added in lane order. The Vector API's floating-point ADD reduction may add in any
     * order, and the interpreter and compiled code do differ, so results would depend on when the JIT
     * compiled a kernel; this keeps every run bit for bit the same.
     */
    static float sum(jdk.incubator.vector.FloatVector v) {
        // Kept under C2's 35-byte inlining limit for call sites it does not see as hot: a vector that crosses a call
        // is boxed, and the boxed toArray took 70 % of a functional decode (issue 17). Lane by lane at constant
        // indices, not toArray (the array escapes C2's analysis: one a row was 1.8 GB allocated in a 48-token decode)
        // nor a loop over lane(i) (an index C2 does not see as a constant boxes the vector on every call).
        return v.length() == 16 ? sum16(v) : sum8(v);
    }

    private static float sum8(jdk.incubator.vector.FloatVector v) {
        return 0f + v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7);
    }

    private static float sum16(jdk.incubator.vector.FloatVector v) {
        return 0f + v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7)
                + v.lane(8) + v.lane(9) + v.lane(10) + v.lane(11) + v.lane(12) + v.lane(13) + v.lane(14) + v.lane(15);
    }
}
