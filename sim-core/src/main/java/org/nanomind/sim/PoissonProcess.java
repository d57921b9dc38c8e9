package org.nanomind.sim;

import java.util.function.DoubleSupplier;

/**
 * Arrivals of a Poisson process: exponential gaps at a fixed rate, each arrival running an action on the
 * simulation. Stops when {@link #stop()} is called.
 */
public final class PoissonProcess {
    private final Simulation sim;
    private final DoubleSupplier gap;
    private final Runnable onArrival;
    private Event next;
    private long arrivals;

    private PoissonProcess(Simulation sim, DoubleSupplier gap, Runnable onArrival) {
        this.sim = sim;
        this.gap = gap;
        this.onArrival = onArrival;
    }

    /** Starts arrivals at {@code ratePerSecond}, the first one an exponential gap from now. */
    public static PoissonProcess start(Simulation sim, RandomStream stream, double ratePerSecond, Runnable onArrival) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("arrival rate must be finite and > 0 per second, got " + ratePerSecond);
        }
        PoissonProcess p = new PoissonProcess(sim, stream.exponential(1.0 / ratePerSecond), onArrival);
        p.next = sim.schedule(p.gap.getAsDouble(), p::arrive);
        return p;
    }

    public long arrivals() {
        return arrivals;
    }

    public void stop() {
        sim.cancel(next);
    }

    private void arrive() {
        arrivals++;
        sim.reschedule(next, sim.now() + gap.getAsDouble());
        onArrival.run();
    }
}
