package org.nanomind.scenarios.scheduler;

/**
 * Decides which events the device answers and when: the twin calls it as events arrive and as answers finish,
 * and it acts through the {@link Board} it is given (start an event, drop one, read the battery). Small on
 * purpose, like Caffeine's simulator's policies: a scheduler sees events, not the simulator. Built-in: {@code on-demand}
 * (one event at a time, in order of arrival, each loading and releasing the modules: the paper's cascade),
 * {@code resident} (the same order, the modules loaded once before the first event) and {@code three-state} (the
 * paper's battery policy over a camera pipeline, from PMU samples). A user's comes from a jar on the class path
 * ({@link SchedulerProvider}, found by java.util.ServiceLoader) and is named in the scenario,
 * {@code scheduler: {name: ..., params: {...}}}.
 */
public interface Scheduler {
    /**
     * The run begins, before any event: load what the scheduler keeps ({@link Board#preload}), then call
     * {@code ready}, after which events arrive. By default the device is ready at once and loads nothing.
     */
    default void begins(Board board, Runnable ready) {
        ready.run();
    }

    /** An event arrived (a wake word, or a camera frame in the critical state). */
    void arrived(Board board, Event e);

    /** An event's answer finished ({@code answered}) or failed; the device runs nothing now. */
    void finished(Board board, Event e, boolean answered);

    /** A PMU sample, every 1/pmu_rate seconds: what Linux's power-supply class and the PMU read, nothing of the model. */
    default void sampled(Board board, Sample s) {
    }

    /** The scheduler's state, for the run's series (series.csv's state column); the on-demand cascade is "critical". */
    default String state() {
        return "critical";
    }

    /** A brick on its unit; {@code offloadable}: a decoder on a CPU cluster, whose layers can go to the GPU. */
    record Placement(String brick, String unit, boolean offloadable) {
    }

    /** One PMU sample: its time, the battery's state of charge (0 to 1) and the board's power. */
    record Sample(double seconds, double stateOfCharge, double watts) {
    }

    /** A scenario's camera pipeline (its camera section), which the scheduler starts, paces and stops. */
    interface Camera {
        /** The frame rate the scenario gives, frames a second. */
        double maxFps();

        /** The scenario's battery thresholds and throttling floor. */
        org.nanomind.soc.Policies.BatteryPolicy battery();

        boolean running();

        /** Loads the vision and decoder modules and streams at {@code fps}. */
        void start(double fps);

        void setFps(double fps);

        /** Stops streaming, releases the modules when the frames in flight are answered, and puts the device in standby. */
        void stop();
    }

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

        /**
         * Loads every module not yet loaded, one after another, and keeps them loaded between events until
         * {@link #release()}; then calls {@code then}. A module that does not fit in memory ends the run, with the
         * reason among the summary's failures. An event neither loads nor releases a module kept loaded.
         */
        void preload(Runnable then);

        /** Releases every module kept loaded; refused (IllegalStateException) while {@link #busy()}. */
        void release();

        /** The scenario's camera pipeline; empty when it has no camera section. */
        java.util.Optional<Camera> camera();

        /**
         * Runs {@code unit} (a CPU cluster, gpu, npu or dram) at its highest OPP at or below {@code hz}, within the
         * scenario's clock caps: an OPP request, as a userspace governor or the paper's policies make it.
         */
        void requestOpp(String unit, double hz);

        /** The highest OPP of {@code unit} in the platform file, Hz. */
        double topHz(String unit);

        /** Where each brick runs, in the scenario's order. */
        java.util.List<Placement> placement();

        /**
         * Places {@code gpuLayers} of a decoder's layers on the GPU, the rest on its CPU cluster (llama.cpp's -ngl):
         * between events, for a decoder on a CPU cluster that is not kept loaded; IllegalArgumentException otherwise.
         */
        void offload(String brick, int gpuLayers);

        /** Calls {@code action} {@code seconds} from now (a batching window, a retry). */
        void after(double seconds, Runnable action);
    }
}
