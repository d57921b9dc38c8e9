package org.nanomind.scenarios.scheduler;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;

/**
 * Events answered one at a time in order of arrival, each as soon as the one before has finished, while the
 * battery lasts: the paper's cascade. {@code on-demand} loads and releases each module within every event (the
 * paper's low-power mode); {@code resident} loads them all once before the first event and keeps them (an
 * interactive runtime: no load time in the latency, the weights' memory held throughout).
 */
public final class Fifo implements Scheduler {
    private final boolean resident;
    private final ArrayDeque<Event> waiting = new ArrayDeque<>();

    Fifo(boolean resident) {
        this.resident = resident;
    }

    @Override
    public void begins(Board board, Runnable ready) {
        if (resident) {
            board.preload(ready); // a resident runtime answers only once it is up
        } else {
            ready.run();
        }
    }

    @Override
    public void arrived(Board board, Event e) {
        waiting.add(e);
        next(board);
    }

    @Override
    public void finished(Board board, Event e, boolean answered) {
        next(board);
    }

    private void next(Board board) {
        if (!board.busy() && !waiting.isEmpty() && !board.batteryEmpty()) {
            board.start(waiting.poll());
        }
    }

    /** {@code scheduler: on-demand} (the default) or {@code scheduler: resident}, no parameters. */
    public record Provider(String name, boolean resident) implements SchedulerProvider {
        public static final Provider ON_DEMAND = new Provider("on-demand", false);
        public static final Provider RESIDENT = new Provider("resident", true);

        @Override
        public Set<String> parameters() {
            return Set.of();
        }

        @Override
        public Scheduler create(Map<String, Double> params) {
            return new Fifo(resident);
        }
    }
}
