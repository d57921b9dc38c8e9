package org.nanomind.kernels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads for the kernels: work is split by rows into one contiguous range per thread. Each output row
 * is computed by one thread in a fixed order, so results do not depend on the thread count. With more
 * than one thread, tensors must live in shared or global memory (Arena.ofShared, a mapped GGUF file),
 * not in a confined arena.
 *
 * <p>The caller computes the first range and {@code threads - 1} workers of the pool's own the others. A worker
 * that finishes spins for {@link #SPIN_NANOS} on the next job before it parks, as ggml's threads poll before they
 * sleep: a decode step hands the pool some 170 matrices, most a few tens of microseconds long, one after another,
 * and waking a parked thread costs about as much as such a matrix. Measured (issue 17, a Qwen2-0.5B-shaped decode,
 * 2 threads): with a ForkJoinPool's submit and join, the 24 layers' 128x896 key projection took 50 us a call
 * (1.3 GB/s of weights); see the README for the figures with this pool.
 */
public final class KernelPool implements AutoCloseable {
    /** How long an idle worker polls for the next job before it parks. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final int threads;
    private final Thread[] workers;
    /** Each worker while it parks (volatile slots: a job's publisher either sees it here or the worker sees the job). */
    private final AtomicReferenceArray<Thread> parked;
    /** Bumped once a job is published (a volatile write: the job's fields are visible to a worker that sees it). */
    private volatile long generation;
    private volatile boolean closed;
    private RowRange body;
    private int rows;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waiting;
    private volatile Throwable failure;

    public KernelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        this.parked = new AtomicReferenceArray<>(threads - 1);
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("nanomind-kernel-" + index).unstarted(() -> work(index));
            workers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Rows [from, to) of a range. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over rows 0..n split into one range per thread, and waits. One job at a time: a second
     * caller waits for the first; a call from inside a job (a kernel inside a kernel) runs on its thread alone.
     */
    public void forRows(int n, RowRange body) {
        if (workers.length == 0 || n < 2 * threads || waiting == Thread.currentThread() || isWorker(Thread.currentThread())) {
            body.run(0, n);
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the kernel pool is closed");
            }
            this.body = body;
            this.rows = n;
            this.failure = null;
            pending.set(workers.length);
            waiting = Thread.currentThread();
            generation = generation + 1;
            for (int i = 0; i < parked.length(); i++) {
                Thread p = parked.get(i);
                if (p != null) {
                    LockSupport.unpark(p);
                }
            }
            try {
                body.run(0, bound(1, n));
            } finally {
                awaitWorkers();
                this.body = null;
                waiting = null;
            }
            Throwable f = failure;
            if (f instanceof RuntimeException e) {
                throw e;
            } else if (f instanceof Error e) {
                throw e;
            }
        }
    }

    /** Where range {@code index} starts (and range index - 1 ends) among {@code n} rows. */
    private int bound(int index, int n) {
        return (int) ((long) n * index / threads);
    }

    private boolean isWorker(Thread t) {
        for (Thread w : workers) {
            if (w == t) {
                return true;
            }
        }
        return false;
    }

    /** The caller waits for the workers' ranges: spins as they do, then parks until the last one unparks it. */
    private void awaitWorkers() {
        long start = System.nanoTime();
        while (pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(100));
            }
        }
    }

    private void work(int index) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (generation == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked.set(index - 1, Thread.currentThread());
                    if (generation == seen && !closed) { // re-checked once visible as parked: no wake-up is lost
                        LockSupport.park(this);
                    }
                    parked.set(index - 1, null);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                body.run(bound(index, rows), bound(index + 1, rows));
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(waiting);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
