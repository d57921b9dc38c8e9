package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void theFluidWorkloadCountsStartsAndFinishes() {
        assertEquals(10_000, Workloads.fluid(5, 100, 10_000));
    }
}
