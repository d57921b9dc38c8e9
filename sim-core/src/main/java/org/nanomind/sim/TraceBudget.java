package org.nanomind.sim;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a long run's trace to a size a viewer opens: each track is exact until it has used its budget
 * (slices, or counter values), then aggregated into buckets of simulated time. Slices past the budget
 * that fall in one bucket become one slice saying how many operations it holds; counter values become
 * the time-weighted mean of each bucket. A counter value is written only when it changes, so an idle hour
 * costs nothing. What was aggregated, and from when, is noted in the trace's metadata.
 */
public final class TraceBudget implements TraceSink {
    private final TraceSink out;
    private final int budget;
    private final double bucket;
    private final Map<String, Slices> slices = new HashMap<>();
    private final Map<String, Counter> counters = new HashMap<>();

    /**
     * @param budget exact records per track (slices or counter values) before aggregation starts
     * @param bucket seconds of simulated time per aggregated record
     */
    public TraceBudget(TraceSink out, int budget, double bucket) {
        if (budget < 0 || !(bucket > 0)) {
            throw new IllegalArgumentException("budget must be >= 0 and bucket > 0, got " + budget + " and " + bucket);
        }
        this.out = out;
        this.budget = budget;
        this.bucket = bucket;
        out.note("aggregation", "each track exact for its first " + budget + " records, then aggregated per " + bucket
                + " s of simulated time: slices into one 'N operations, aggregated' slice, counters into time-weighted means");
    }

    private static final class Slices {
        long count;
        final ArrayDeque<Boolean> open = new ArrayDeque<>();
        int aggCount;
        int aggDepth;
        double aggStart;
        double aggEnd;
        double aggBucketEnd;
    }

    private static final class Counter {
        long count;
        double value;
        double lastTime;
        double bucketStart = Double.NaN;
        double integral;
        double emitted = Double.NaN;
    }

    @Override
    public void begin(String track, String name, double time) {
        Slices s = slices.computeIfAbsent(track, k -> new Slices());
        boolean exact = ++s.count <= budget;
        s.open.push(exact);
        if (exact) {
            out.begin(track, name, time);
            return;
        }
        if (s.count == budget + 1L) {
            out.note("aggregated " + track, "slices from t=" + time + " s");
        }
        if (s.aggCount > 0 && s.aggDepth == 0 && time >= s.aggBucketEnd) {
            flush(track, s);
        }
        if (s.aggCount == 0) {
            s.aggStart = time;
            s.aggBucketEnd = (Math.floor(time / bucket) + 1) * bucket;
        }
        s.aggCount++;
        s.aggDepth++;
    }

    @Override
    public void end(String track, String name, double time) {
        Slices s = slices.get(track);
        if (s == null || s.open.isEmpty()) {
            throw new IllegalStateException("end of '" + name + "' on track '" + track + "' that has no open slice");
        }
        if (s.open.pop()) {
            out.end(track, name, time);
            return;
        }
        s.aggDepth--;
        s.aggEnd = time;
    }

    private void flush(String track, Slices s) {
        String name = s.aggCount + (s.aggCount == 1 ? " operation" : " operations") + ", aggregated";
        out.begin(track, name, s.aggStart);
        out.end(track, name, s.aggEnd);
        s.aggCount = 0;
    }

    @Override
    public void counter(String track, double value, double time) {
        Counter c = counters.computeIfAbsent(track, k -> new Counter());
        if (c.count < budget) {
            // A value equal to the last one written adds nothing to a counter track.
            if (value != c.emitted) {
                c.count++;
                out.counter(track, value, time);
                c.emitted = value;
            }
            c.value = value;
            c.lastTime = time;
            return;
        }
        c.count++;
        if (c.count == budget + 1L) {
            out.note("aggregated " + track, "counter from t=" + time + " s");
            c.bucketStart = Math.floor(time / bucket) * bucket;
            c.lastTime = c.bucketStart;
        }
        advance(track, c, time);
        c.value = value;
    }

    /** Closes every bucket that ends by {@code time}, then accumulates up to it. */
    private void advance(String track, Counter c, double time) {
        while (time >= c.bucketStart + bucket) {
            double end = c.bucketStart + bucket;
            c.integral += c.value * (end - c.lastTime);
            emit(track, c, c.integral / bucket, c.bucketStart);
            c.integral = 0;
            c.lastTime = end;
            // A run of whole buckets at one value needs one record, at its first bucket.
            double skip = Math.floor((time - end) / bucket);
            c.bucketStart = end + skip * bucket;
            if (skip > 0) {
                emit(track, c, c.value, end);
                c.lastTime = c.bucketStart;
            }
        }
        c.integral += c.value * (time - c.lastTime);
        c.lastTime = time;
    }

    private void emit(String track, Counter c, double mean, double at) {
        if (mean != c.emitted) {
            out.counter(track, mean, at);
            c.emitted = mean;
        }
    }

    @Override
    public void note(String key, String value) {
        out.note(key, value);
    }

    /** Writes what is still aggregating (the last bucket of each track), then closes the sink. */
    @Override
    public void close() {
        slices.forEach((track, s) -> {
            if (s.aggCount > 0 && s.aggDepth == 0) {
                flush(track, s);
            }
        });
        counters.forEach((track, c) -> {
            if (!Double.isNaN(c.bucketStart) && c.lastTime > c.bucketStart) {
                emit(track, c, c.integral / (c.lastTime - c.bucketStart), c.bucketStart);
            }
        });
        out.close();
    }
}
