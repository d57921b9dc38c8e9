package org.nanomind.scenarios;

import java.util.OptionalDouble;

/**
 * The rate at which this process completes work items, for a time-left estimate. The first item is left out of
 * the rate: it carries the JVM's warm-up (class loading, JIT) and, with several workers, it finishes while the
 * others are still running, so one item over its time says little about the steady rate. A resumed sweep counts
 * only the points done since it resumed (those found in results.csv took no time here).
 */
final class Throughput {
    private long first = -1;
    private long last;
    private int done;

    /** One item finished at {@code nanos} (System.nanoTime). */
    void done(long nanos) {
        if (done == 0) {
            first = nanos;
        }
        last = nanos;
        done++;
    }

    /** Items a second after the first, or empty until two have finished (and time has passed between them). */
    OptionalDouble rate() {
        return done < 2 || last == first ? OptionalDouble.empty() : OptionalDouble.of((done - 1) / ((last - first) / 1e9));
    }

    /** Seconds to finish {@code remaining} more items at the rate so far; empty while there is no rate. */
    OptionalDouble secondsLeft(int remaining) {
        OptionalDouble r = rate();
        return r.isEmpty() ? r : OptionalDouble.of(remaining / r.getAsDouble());
    }
}
