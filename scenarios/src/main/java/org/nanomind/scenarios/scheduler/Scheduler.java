package org.nanomind.scenarios.scheduler;

/**
 * Decides which events the device answers and when: the twin calls it as events arrive and as answers finish,
 * and it acts through the {@link Board} it is given (start an event, drop one, read the battery). Small on
 * purpose, like Caffeine's simulator's policies: a scheduler sees events, not the simulator. Built-in: {@code fifo}
 * (one event at a time, in order of arrival: the paper's cascade). A user's comes from a jar on the class path
 * ({@link SchedulerProvider}, found by java.util.ServiceLoader) and is named in the scenario,
 * {@code scheduler: {name: ..., params: {...}}}.
 */
public interface Scheduler {
    /** An event arrived (a wake word, or a camera frame in the critical state). */
    void arrived(Board board, Event e);

    /** An event's answer finished ({@code answered}) or failed; the device runs nothing now. */
    void finished(Board board, Event e, boolean answered);

    /** One event: its number in order of arrival and its arrival time, in simulated seconds. */
    record Event(int id, double arrivedSeconds) {
    }

    /** What a scheduler may see and do. */
    interface Board {
        /** Simulated seconds. */
        double now();

        /** Whether an event is being answered (the modules run one event at a time). */
        boolean busy();

        /** The battery's state of charge, 0 to 1. */
        double stateOfCharge();

        /** Whether the battery is empty (the run is ending): nothing more can start. */
        boolean batteryEmpty();

        /** Starts answering {@code e} now; refused (IllegalStateException) while {@link #busy()}. */
        void start(Event e);

        /** Drops {@code e} unanswered, with the reason the summary's failures list gives. */
        void drop(Event e, String reason);

        /** Calls {@code action} {@code seconds} from now (a batching window, a retry). */
        void after(double seconds, Runnable action);
    }
}
