package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Same seed, same trace, bit for bit; another seed, another trace. */
class DeterminismTest {

    /** Poisson jobs that each read memory and compute on one of two units, traced. */
    static String run(long seed) {
        Simulation sim = new Simulation();
        TraceDigest digest = new TraceDigest();
        FluidModel fluid = new FluidModel(sim, digest);
        Resource dram = fluid.resource("dram", 5e9);
        Resource[] units = {fluid.resource("unit0", 2e10), fluid.resource("unit1", 8e10)};
        RandomStreams streams = new RandomStreams(seed);
        DoubleSupplier bytes = streams.stream("bytes").exponential(4e8);
        RandomStream pick = streams.stream("pick");
        PoissonProcess.start(sim, streams.stream("arrivals"), 20.0, () -> {
            Resource unit = units[pick.uniform() < 0.5 ? 0 : 1];
            double b = bytes.getAsDouble();
            fluid.start(unit.name(), "job", List.of(new Demand(dram, b), new Demand(unit, 3 * b)),
                    Double.POSITIVE_INFINITY, null);
        });
        sim.scheduleAt(30.0, () -> dram.setCapacity(2.5e9));
        sim.runUntil(60.0);
        assertTrue(digest.records() > 1000, "the run traced something: " + digest.records());
        return digest.hex();
    }

    @Test
    void theSameSeedGivesAnIdenticalTrace() {
        assertEquals(run(1234), run(1234));
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        assertNotEquals(run(1234), run(1235));
    }
}
