package org.nanomind.cli.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nanomind.kernels.Activation;
import org.nanomind.kernels.Formats;
import org.nanomind.kernels.FusedDequantGemv;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.KernelPool;
import org.nanomind.kernels.OpenCl;
import org.nanomind.kernels.OpenClGemm;
import org.nanomind.kernels.Reference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the kernels against the memory roofline: a plain Java streaming read of a 1 GiB
 * array (the baseline) and the GEMVs, all with the same thread count. Scores are seconds per call;
 * {@link KernelBench} turns them into GB/s of weight bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmarks {
    static final int THREADS = 2;
    static final int STREAM_LONGS = 1 << 27; // 1 GiB

    @State(Scope.Benchmark)
    public static class Stream {
        long[] data;
        Arena arena;
        MemorySegment offHeap;
        KernelPool pool;

        @Setup(Level.Trial)
        public void setup() {
            data = new long[STREAM_LONGS];
            for (int i = 0; i < data.length; i++) {
                data[i] = i;
            }
            // The same gigabyte off the heap, where the kernels read weights from (a mapped GGUF).
            arena = Arena.ofShared();
            offHeap = arena.allocate((long) STREAM_LONGS * 8, 64);
            MemorySegment.copy(data, 0, offHeap, ValueLayout.JAVA_LONG, 0, STREAM_LONGS);
            pool = new KernelPool(THREADS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
            arena.close();
        }
    }

    /** A GEMV case: "TYPE:ROWS:COLS:ENGINE" with ENGINE vector, mixed (vector after other types ran), scalar or opencl. */
    @State(Scope.Benchmark)
    public static class Gemv {
        @Param({"Q4_0:4096:4096:vector"})
        public String spec;
        GgmlType type;
        int rows;
        int cols;
        String engine;
        Arena arena;
        MemorySegment w;
        MemorySegment x;
        float[] y;
        KernelPool pool;
        OpenCl cl;
        OpenClGemm gemm;
        OpenClGemm.Weights device;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            String[] p = spec.split(":");
            type = GgmlType.valueOf(p[0]);
            rows = Integer.parseInt(p[1]);
            cols = Integer.parseInt(p[2]);
            engine = p[3];
            arena = Arena.ofShared();
            w = randomWeights(arena, type, rows, cols);
            float[] xs = new float[cols];
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < cols; i++) {
                xs[i] = (float) r.nextGaussian();
            }
            x = Formats.quantize(GgmlType.F32, xs, arena);
            y = new float[rows];
            pool = new KernelPool(THREADS);
            if (engine.equals("mixed")) {
                otherTypesFirst(arena, pool, type);
            }
            if (engine.equals("opencl")) {
                cl = OpenCl.open();
                gemm = new OpenClGemm(cl);
                device = gemm.upload(w, rows, cols);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (device != null) {
                device.close();
                cl.close();
            }
            pool.close();
            arena.close();
        }
    }

    /**
     * GEMVs of F32 and Q8_0 (or Q4_0, when that is measured) weights, enough for C2 to compile them, before the measured
     * type runs: the profile a model mixing types leaves. Once, a per-row type switch compiled with every type seen
     * left the measured kernel's vectors boxed (issue 17: 4.8 against 7.1 GB/s); this row keeps that from coming back.
     */
    static void otherTypesFirst(Arena arena, KernelPool pool, GgmlType measured) {
        float[] y = new float[256];
        MemorySegment x = Formats.quantize(GgmlType.F32, new float[256], arena);
        for (GgmlType t : new GgmlType[] {GgmlType.F32, measured == GgmlType.Q8_0 ? GgmlType.Q4_0 : GgmlType.Q8_0}) {
            MemorySegment w = randomWeights(arena, t, 256, 256);
            for (int i = 0; i < 20_000; i++) {
                FusedDequantGemv.gemv(pool, t, w, 256, 256, x, GgmlType.F32, y);
            }
        }
    }

    /** Random quants with a small FP16 scale in every 32-weight block (Q4_0 and Q8_0 keep it first). */
    static MemorySegment randomWeights(Arena arena, GgmlType type, int rows, int cols) {
        MemorySegment w = arena.allocate(type.bytesFor((long) rows * cols), 64);
        SplittableRandom r = new SplittableRandom(42);
        for (long i = 0; i + 8 <= w.byteSize(); i += 8) {
            w.set(ValueLayout.JAVA_LONG_UNALIGNED, i, r.nextLong());
        }
        short scale = Float.floatToFloat16(0.01f);
        for (long b = 0; b < w.byteSize(); b += type.typeSize()) {
            w.set(ValueLayout.JAVA_SHORT_UNALIGNED, b, scale);
        }
        return w;
    }

    /** Each thread sums its half of the array with a plain loop. */
    @Benchmark
    public long streamRead(Stream s) {
        java.util.concurrent.atomic.LongAdder total = new java.util.concurrent.atomic.LongAdder();
        long[] a = s.data;
        s.pool.forRows(a.length, (from, to) -> {
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += a[i];
            }
            total.add(sum);
        });
        return total.sum();
    }

    /** A constant: C2 compiles Vector API calls to vector instructions only for a species it sees as constant. */
    static final jdk.incubator.vector.VectorSpecies<Long> LONGS = jdk.incubator.vector.LongVector.SPECIES_PREFERRED;

    /** Each thread sums its half of the off-heap gigabyte with the Vector API, as the kernels load weights. */
    @Benchmark
    public long streamReadVector(Stream s) {
        java.util.concurrent.atomic.LongAdder total = new java.util.concurrent.atomic.LongAdder();
        int lanes = LONGS.length();
        MemorySegment m = s.offHeap;
        s.pool.forRows(STREAM_LONGS / lanes, (from, to) -> {
            var acc = jdk.incubator.vector.LongVector.zero(LONGS);
            for (int i = from; i < to; i++) {
                acc = acc.add(jdk.incubator.vector.LongVector.fromMemorySegment(LONGS, m, (long) i * lanes * 8,
                        java.nio.ByteOrder.LITTLE_ENDIAN));
            }
            total.add(acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD));
        });
        return total.sum();
    }

    @Benchmark
    public float gemv(Gemv g) {
        switch (g.engine) {
            case "vector", "mixed" -> FusedDequantGemv.gemv(g.pool, g.type, g.w, g.rows, g.cols, g.x, GgmlType.F32, g.y);
            case "scalar" -> {
                return Reference.gemm(g.type, g.w, g.rows, g.cols, g.x, GgmlType.F32, 1, null, Activation.NONE, null)[0];
            }
            case "opencl" -> g.gemm.gemm(g.device, g.x, GgmlType.F32, 1, g.y, null, Activation.NONE);
            default -> throw new IllegalArgumentException("engine " + g.engine);
        }
        return g.y[0];
    }
}
