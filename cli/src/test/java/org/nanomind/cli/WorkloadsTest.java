package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanomind.cli.bench.Workloads;

/** The benchmark compares like with like: its two hold models are the same model. */
class WorkloadsTest {

    @Test
    void bothHoldModelsEndAtTheSameSimulatedTime() {
        double sim = Workloads.holdSimulation(5, 1000, 200_000);
        double queue = Workloads.holdPriorityQueue(5, 1000, 200_000);
        assertEquals(queue, sim, 0.0, "same seed, same delays, same events: bit-identical clocks");
    }

    /**
     * The fluid workload measures what it claims, a link kept busy: a finished flow is replaced at once, so the
     * link never idles and delivers its full rate over the run, and it delivers no byte that was not asked for.
     */
    @Test
    void theFluidWorkloadKeepsItsLinkBusyAndConservesBytes() {
        Workloads.FluidRun r = Workloads.fluid(5, 100, 10_000);
        assertTrue(r.seconds() > 0, r.toString());
        assertEquals(1e9 * r.seconds(), r.delivered(), 1e-9 * r.delivered(), "a saturated link delivers capacity x time");
        assertTrue(r.delivered() <= r.requested() * (1 + 1e-12), "no byte delivered that no flow asked for: " + r);
        // About 5,000 finishes of flows averaging 1 MB at 1 GB/s: 5 s, less what the 100 flows still running hold.
        assertEquals(5.0, r.seconds(), 0.2, r.toString());
    }
}
