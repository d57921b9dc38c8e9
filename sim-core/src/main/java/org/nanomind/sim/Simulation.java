package org.nanomind.sim;

import java.util.function.BooleanSupplier;

/**
 * The discrete-event kernel: a clock in seconds and the events scheduled on it.
 *
 * <p>Events at equal times run in the order they were scheduled. The loop is synchronous and runs
 * on the caller's thread, so an exception thrown by an event reaches the caller of {@code run*}.
 * DSOL's DevsSimulator follows the same semantics (a conformance test compares the two traces) but
 * hands every run to a polling worker thread and formats every event for its log; this loop keeps
 * the hot path free of both.
 */
public final class Simulation {
    private final EventQueue queue = new EventQueue();
    private double now;
    private long nextSeq;
    private long executed;
    private boolean stopRequested;

    /** The current simulated time in seconds. */
    public double now() {
        return now;
    }

    /** Number of events run so far. */
    public long eventsExecuted() {
        return executed;
    }

    /** Number of events waiting. */
    public int pending() {
        return queue.size();
    }

    /** Schedules {@code action} after {@code delay} seconds (zero runs it after those already due now). */
    public Event schedule(double delay, Runnable action) {
        if (!(delay >= 0) || delay == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("delay must be a finite number of seconds >= 0, got " + delay);
        }
        return scheduleAt(now + delay, action);
    }

    /** Schedules {@code action} at absolute time {@code time} in seconds, which must not be in the past. */
    public Event scheduleAt(double time, Runnable action) {
        checkTime(time);
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        Event e = new Event(time, nextSeq++, action);
        queue.add(e);
        return e;
    }

    /**
     * Moves a pending event to {@code time}, or schedules it again if it already ran or was cancelled.
     * It then runs after the events already scheduled for that same time, as if newly scheduled.
     */
    public void reschedule(Event event, double time) {
        checkTime(time);
        event.time = time;
        event.seq = nextSeq++;
        if (event.isPending()) {
            queue.changed(event);
        } else {
            queue.add(event);
        }
    }

    /** Cancels a pending event; returns false if it had already run or been cancelled. */
    public boolean cancel(Event event) {
        return queue.remove(event);
    }

    /** Asks the running loop to return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs every event due at or before {@code time}, then sets the clock to {@code time}. */
    public long runUntil(double time) {
        if (Double.isNaN(time) || time < now) {
            throw new IllegalArgumentException("cannot run until t=" + time + " s: the clock is already at " + now + " s");
        }
        long before = executed;
        stopRequested = false;
        Event next;
        while (!stopRequested && (next = queue.peek()) != null && next.time <= time) {
            step();
        }
        if (!stopRequested && time != Double.POSITIVE_INFINITY) {
            now = time;
        }
        return executed - before;
    }

    /** Runs events until {@code condition} holds (checked before each event) or none are left. */
    public long runUntil(BooleanSupplier condition) {
        long before = executed;
        stopRequested = false;
        while (!stopRequested && queue.size() > 0 && !condition.getAsBoolean()) {
            step();
        }
        return executed - before;
    }

    /** Runs until no event is left or {@link #stop()} is called. */
    public long run() {
        return runUntil(Double.POSITIVE_INFINITY);
    }

    private void step() {
        Event e = queue.poll();
        now = e.time;
        executed++;
        e.action.run();
    }

    private void checkTime(double time) {
        if (Double.isNaN(time) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("event time must be a finite number of seconds, got " + time);
        }
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at t=" + time + " s: that is in the past (the clock is at " + now + " s)");
        }
    }
}
