package org.nanomind.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads for the kernels: work is split by rows into one contiguous range per thread. Each output row
 * is computed by one thread in a fixed order, so results do not depend on the thread count. With more
 * than one thread, tensors must live in shared or global memory (Arena.ofShared, a mapped GGUF file),
 * not in a confined arena.
 */
public final class KernelPool implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    public KernelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public int threads() {
        return threads;
    }

    /** Rows [from, to) of a range. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over rows 0..n split into one range per thread, and waits. */
    public void forRows(int n, RowRange body) {
        if (pool == null || n < 2 * threads) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            tasks.add(pool.submit(() -> body.run(from, to)));
        }
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
