package org.nanomind.kernels;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a piece of code actually loaded and computed, counted as it ran: the distinct bytes read from each
 * watched segment, the multiply-accumulates performed and the bytes written, as reported by the code that
 * did them. Every read of the kernels and the reference path goes through {@link Mem}, which reports to the
 * open count; with none open a read costs one null test.
 *
 * <p>Tests and functional mode's work check hold the timing model's charge ({@link Work}) to these counts, so
 * a kernel that reads a wrong offset (some bytes never, others twice) or a charge that restates a wrong
 * formula fails. One count is open at a time in a JVM; a second {@link #open} waits for the first to close.
 * Reads of watched segments count from any thread (the kernels' pool); what the reference path reports of
 * its arrays, computations and writes counts only from the thread that opened the count, so that other
 * work running meanwhile (a parallel sweep's other points) is not counted with it.
 */
public final class LoadCount implements AutoCloseable {
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

    /** A watched segment and a bit per byte of it, set when the byte is read (a plain bitmap: set() is the hot path). */
    private record Region(String name, MemorySegment segment, long[] read) {
        boolean contains(MemorySegment s, long offset) {
            if (s.heapBase().orElse(null) != segment.heapBase().orElse(null)) {
                return false;
            }
            long at = s.address() + offset - segment.address();
            return at >= 0 && at < segment.byteSize();
        }
    }

    private final List<Region> regions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Long> counted = new LinkedHashMap<>();
    private long macs;
    private long written;
    private long kvWritten;
    private final Thread owner = Thread.currentThread();

    private LoadCount() {
    }

    /** Starts counting (waiting while another thread counts); close it to stop. */
    public static LoadCount open() {
        ONE_AT_A_TIME.lock();
        LoadCount c = new LoadCount();
        Mem.counting = c;
        return c;
    }

    /** Counts the distinct bytes read from {@code segment} (and any slice of it) under {@code name}. */
    public synchronized LoadCount watch(String name, MemorySegment segment) {
        if (segment.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": a count watches segments up to 2 GiB, got " + segment.byteSize() + " bytes");
        }
        regions.add(new Region(name, segment, new long[(int) ((segment.byteSize() + 63) >>> 6)]));
        return this;
    }

    /**
     * Marks the bytes read; called from the kernels' pool threads at once, so without a lock: each word of the
     * bitmap takes its new bits with an atomic OR (only when they are not set yet, the common case of a byte
     * read again). The regions are all watched before the work starts.
     */
    void read(MemorySegment s, long offset, long bytes) {
        for (Region r : regions) {
            if (r.contains(s, offset)) {
                long from = s.address() + offset - r.segment().address();
                long to = Math.min(from + bytes, r.segment().byteSize());
                long[] words = r.read();
                for (long i = from; i < to; ) {
                    int w = (int) (i >>> 6);
                    long end = Math.min(to, ((long) w + 1) << 6);
                    long mask = (end - i == 64 ? -1L : ((1L << (end - i)) - 1)) << i; // bits i .. end-1 of word w
                    if ((words[w] & mask) != mask) {
                        WORDS.getAndBitwiseOr(words, w, mask);
                    }
                    i = end;
                }
                return;
            }
        }
    }

    private static final java.lang.invoke.VarHandle WORDS = java.lang.invoke.MethodHandles.arrayElementVarHandle(long[].class);

    /** Bytes read from arrays that are not segments (the reference attention's K and V), under {@code name}. */
    synchronized void readArray(String name, long distinctBytes) {
        if (Thread.currentThread() == owner) {
            counted.merge(name, distinctBytes, Long::sum);
        }
    }

    synchronized void did(long multiplyAccumulates, long bytesWritten) {
        if (Thread.currentThread() == owner) {
            macs += multiplyAccumulates;
            written += bytesWritten;
        }
    }

    synchronized void wroteKv(long bytes) {
        if (Thread.currentThread() == owner) {
            kvWritten += bytes;
        }
    }

    /** The distinct bytes read under {@code name} (0 for null or a name nothing was read under). */
    public synchronized long bytes(String name) {
        if (name == null) {
            return 0;
        }
        long n = counted.getOrDefault(name, 0L);
        for (Region r : regions) {
            if (r.name().equals(name)) {
                for (long w : r.read()) {
                    n += Long.bitCount(w);
                }
            }
        }
        return n;
    }

    public synchronized long macs() {
        return macs;
    }

    public synchronized long written() {
        return written;
    }

    /** The counts as a {@link Work}: weights, activations and KV cache read under the names given. */
    public synchronized Work work(String weights, String activations, String kv) {
        return new Work(macs, bytes(weights), bytes(activations), written, bytes(kv), kvWritten);
    }

    @Override
    public void close() {
        if (Mem.counting == this) {
            Mem.counting = null;
            ONE_AT_A_TIME.unlock();
        }
    }
}
