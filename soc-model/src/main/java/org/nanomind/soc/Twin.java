package org.nanomind.soc;

import org.nanomind.power.Battery;
import org.nanomind.power.EnergyLedger;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.TraceSink;

/**
 * The twin of a platform at t = 0, its battery full: the event loop, the energy ledger of the platform's battery
 * over the SoC's components, and the SoC that charges it. The runner, the example command and the tests build it
 * this one way, then put a cascade, schedulers and governors on it.
 */
public record Twin(Simulation sim, EnergyLedger ledger, Soc soc) {
    /** A fresh twin of {@code platform}, its operations traced to {@code trace}. */
    public static Twin of(Platform platform, TraceSink trace) {
        Simulation sim = new Simulation();
        EnergyLedger ledger = new EnergyLedger(new Battery(platform.battery()), 0.0, Soc.COMPONENTS);
        return new Twin(sim, ledger, new Soc(sim, platform, ledger, trace));
    }

    /** A fresh twin of {@code platform}, untraced. */
    public static Twin of(Platform platform) {
        return of(platform, TraceSink.NONE);
    }
}
