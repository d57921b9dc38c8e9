package org.nanomind.scenarios.scheduler;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;

/**
 * The paper's cascade as a scheduler: events are answered one at a time in order of arrival, each as soon as
 * the one before has finished, while the battery lasts.
 */
public final class Fifo implements Scheduler {
    private final ArrayDeque<Event> waiting = new ArrayDeque<>();

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

    /** Its provider: {@code scheduler: fifo}, no parameters. */
    public static final class Provider implements SchedulerProvider {
        @Override
        public String name() {
            return "fifo";
        }

        @Override
        public Set<String> parameters() {
            return Set.of();
        }

        @Override
        public Scheduler create(Map<String, Double> params) {
            return new Fifo();
        }
    }
}
