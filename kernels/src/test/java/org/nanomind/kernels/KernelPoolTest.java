package org.nanomind.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pool's workers poll, then park, for the next job: every row of every job is run exactly once whatever the
 * timing (a lost wake-up would hang a job, a stale one run a range twice), failures reach the caller, and
 * callers on two threads share one pool.
 */
class KernelPoolTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyRowOfEveryJobRunsOnce(int threads) {
        Random rnd = new Random(17 + threads);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (KernelPool pool = new KernelPool(threads)) {
                for (int job = 0; job < 3000; job++) {
                    int n = 1 + rnd.nextInt(300);
                    AtomicIntegerArray runs = new AtomicIntegerArray(n);
                    pool.forRows(n, (from, to) -> {
                        for (int r = from; r < to; r++) {
                            runs.incrementAndGet(r);
                        }
                    });
                    for (int r = 0; r < n; r++) {
                        assertEquals(1, runs.get(r), "job " + job + ", row " + r + " of " + n);
                    }
                    if (job % 500 == 0) {
                        Thread.sleep(2); // past the workers' polling: they park, and the next job must wake them
                    }
                }
            }
        });
    }

    @Test
    void aFailingRangeReachesTheCallerAndThePoolGoesOn() {
        try (KernelPool pool = new KernelPool(3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forRows(90, (from, to) -> {
                if (from > 0) {
                    throw new IllegalStateException("range " + from);
                }
            }));
            assertEquals("range", e.getMessage().split(" ")[0]);
            AtomicIntegerArray runs = new AtomicIntegerArray(90);
            pool.forRows(90, (from, to) -> {
                for (int r = from; r < to; r++) {
                    runs.incrementAndGet(r);
                }
            });
            for (int r = 0; r < 90; r++) {
                assertEquals(1, runs.get(r));
            }
        }
    }

    @Test
    void twoCallersShareOnePool() throws Exception {
        try (KernelPool pool = new KernelPool(2)) {
            long[] sums = new long[2];
            Thread[] callers = new Thread[2];
            for (int c = 0; c < 2; c++) {
                int caller = c;
                callers[c] = new Thread(() -> {
                    for (int job = 0; job < 500; job++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(64);
                        pool.forRows(64, (from, to) -> {
                            for (int r = from; r < to; r++) {
                                runs.incrementAndGet(r);
                            }
                        });
                        for (int r = 0; r < 64; r++) {
                            sums[caller] += runs.get(r);
                        }
                    }
                });
                callers[c].start();
            }
            for (Thread t : callers) {
                t.join(60_000);
            }
            assertEquals(500 * 64, sums[0]);
            assertEquals(500 * 64, sums[1]);
        }
    }

    @Test
    void aKernelInsideAKernelRunsOnItsWorker() {
        try (KernelPool pool = new KernelPool(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(16 * 16);
            pool.forRows(16, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int row = r;
                    pool.forRows(16, (f2, t2) -> {
                        for (int c = f2; c < t2; c++) {
                            runs.incrementAndGet(row * 16 + c);
                        }
                    });
                }
            });
            for (int i = 0; i < 256; i++) {
                assertEquals(1, runs.get(i));
            }
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        KernelPool pool = new KernelPool(2);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.forRows(100, (from, to) -> { }));
    }
}
