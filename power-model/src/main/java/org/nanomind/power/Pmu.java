package org.nanomind.power;

import java.util.function.Consumer;
import org.nanomind.sim.Event;
import org.nanomind.sim.Simulation;

/**
 * The board's power management unit: it samples the battery and the power rails at a fixed rate, as the
 * RK817 fuel gauge and a power monitor do. Policies read its latest sample, never the model's internals.
 */
public final class Pmu {
    private final Simulation sim;
    private final EnergyLedger ledger;
    private final double period;
    private final Consumer<PmuSample> sink;
    private PmuSample latest;
    private Event next;

    /** Starts sampling every {@code 1 / rateHz} seconds; each sample goes to {@code sink} too. */
    public Pmu(Simulation sim, EnergyLedger ledger, double rateHz, Consumer<PmuSample> sink) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("PMU sampling rate must be > 0 Hz, got " + rateHz);
        }
        this.sim = sim;
        this.ledger = ledger;
        this.period = 1.0 / rateHz;
        this.sink = sink;
        sample();
    }

    public PmuSample latest() {
        return latest;
    }

    public void stop() {
        if (next != null) {
            sim.cancel(next);
        }
    }

    private void sample() {
        ledger.advance(sim.now());
        Battery b = ledger.battery();
        double load = ledger.totalWatts();
        latest = new PmuSample(sim.now(), b.soc(), b.terminalVolts(load), Double.isNaN(b.current(load)) ? 0 : b.current(load),
                load, ledger.watts());
        sink.accept(latest);
        if (!b.isEmpty()) {
            if (next == null) {
                next = sim.schedule(period, this::sample);
            } else {
                sim.reschedule(next, sim.now() + period);
            }
        }
    }
}
