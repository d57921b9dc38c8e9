package org.nanomind.sim;

/**
 * A scheduled action: the handle that {@link Simulation#schedule} returns, so the caller can cancel
 * or move it. Its fields are package-private because only the event queue may change them.
 */
public final class Event {
    double time;
    /** Scheduling order: breaks ties so that events at equal times run in the order scheduled. */
    long seq;
    /** Position in the event queue's heap, or -1 when the event is not pending. */
    int index = -1;
    final Runnable action;

    Event(double time, long seq, Runnable action) {
        this.time = time;
        this.seq = seq;
        this.action = action;
    }

    /** The absolute time, in seconds, at which the event runs (or would have run). */
    public double time() {
        return time;
    }

    /** True while the event waits in the queue: neither run nor cancelled. */
    public boolean isPending() {
        return index >= 0;
    }
}
