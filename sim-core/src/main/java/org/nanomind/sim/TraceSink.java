package org.nanomind.sim;

/**
 * Where a run's timeline goes: slices that begin and end on named tracks (a unit, a core) and counters
 * sampled over time (power, bandwidth, memory). Times are simulated seconds.
 */
public interface TraceSink extends AutoCloseable {

    /** A sink that drops everything; the default, so tracing costs nothing when off. */
    TraceSink NONE = new TraceSink() {
        @Override public void begin(String track, String name, double time) { }
        @Override public void end(String track, String name, double time) { }
        @Override public void counter(String track, double value, double time) { }
    };

    void begin(String track, String name, double time);

    void end(String track, String name, double time);

    void counter(String track, double value, double time);

    /** A fact about the trace as a whole (how it was sampled, what it shows); kept with it where it can be. */
    default void note(String key, String value) {
    }

    @Override
    default void close() {
    }

    /** Sends every record to both sinks, first to this one. */
    default TraceSink and(TraceSink other) {
        TraceSink first = this;
        return new TraceSink() {
            @Override public void begin(String track, String name, double time) {
                first.begin(track, name, time);
                other.begin(track, name, time);
            }
            @Override public void end(String track, String name, double time) {
                first.end(track, name, time);
                other.end(track, name, time);
            }
            @Override public void counter(String track, double value, double time) {
                first.counter(track, value, time);
                other.counter(track, value, time);
            }
            @Override public void note(String key, String value) {
                first.note(key, value);
                other.note(key, value);
            }
            @Override public void close() {
                try {
                    first.close();
                } finally {
                    other.close();
                }
            }
        };
    }
}
