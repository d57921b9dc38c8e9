package org.nanomind.scenarios;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress of a run that takes more than a couple of seconds: how far it is toward its end condition
 * (simulated time against the duration, events against their count, or else the battery drained against
 * empty), the events done, their rate and the time left. On a terminal a bar
 * redrawn in place twice a second; otherwise a line every five seconds. A daemon thread prints, so a run
 * whose events are slow (functional mode) shows progress too; the run only publishes its state.
 */
final class Progress implements AutoCloseable {
    /** The end condition: a duration in simulated seconds (infinite: none), an event count (0: none). */
    record End(double seconds, int events) {
    }

    private static final long FIRST_NS = 2_000_000_000L;

    private final PrintWriter out;
    private final End end;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService printer;
    private volatile double simulated;
    private volatile long events;
    private volatile int finished;
    private volatile double soc = 1;
    private boolean drew;

    Progress(PrintWriter out, End end, boolean terminal) {
        this.out = out;
        this.end = end;
        this.terminal = terminal;
        if (out == null) {
            printer = null;
            return;
        }
        printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nanomind-progress");
            t.setDaemon(true);
            return t;
        });
        long period = terminal ? 500 : 5_000;
        printer.scheduleAtFixedRate(this::print, FIRST_NS / 1_000_000, period, TimeUnit.MILLISECONDS);
    }

    /** Whether this JVM writes to a terminal (a bar), or to a file or a pipe (lines). */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** The run's state, after each event (plain volatile writes: the printer reads them when it wakes). */
    void update(double simulatedSeconds, long eventsDone, int eventsFinished, double stateOfCharge) {
        simulated = simulatedSeconds;
        events = eventsDone;
        finished = eventsFinished;
        soc = stateOfCharge;
    }

    /**
     * How far the run is toward its end, in [0, 1]: the duration or the event count it was given (whichever
     * is nearer), or with neither, the battery drained (such a run ends when it is empty).
     */
    double fraction() {
        double f = -1;
        if (Double.isFinite(end.seconds()) && end.seconds() > 0) {
            f = simulated / end.seconds();
        }
        if (end.events() > 0) {
            f = Math.max(f, (double) finished / end.events());
        }
        return Math.min(1, Math.max(0, f < 0 ? 1 - soc : f));
    }

    /** The progress as one line: a bar on a terminal, words otherwise. */
    String line() {
        double wall = (System.nanoTime() - start) / 1e9;
        double f = fraction();
        long n = events;
        String eta = f > 0 ? String.format(Locale.ROOT, "ETA %s", duration(wall * (1 - f) / f)) : "ETA -";
        String state = String.format(Locale.ROOT, "%5.1f %%  simulated %s  battery %.0f %%  %,d events (%,.0f/s)  %s", 100 * f,
                duration(simulated), 100 * soc, n, n / Math.max(wall, 1e-9), eta);
        if (!terminal) {
            return "  " + state.strip();
        }
        int width = 24;
        int full = (int) Math.round(f * width);
        return "\r[" + "#".repeat(full) + ".".repeat(width - full) + "] " + state;
    }

    private void print() {
        synchronized (out) {
            out.print(terminal ? line() : line() + System.lineSeparator());
            out.flush();
            drew = true;
        }
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    @Override
    public void close() {
        if (printer == null) {
            return;
        }
        printer.shutdownNow();
        try {
            printer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (out) {
            if (drew && terminal) {
                out.println(); // leave the finished bar on its own line
                out.flush();
            }
        }
    }
}
