package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of max-min sharing on random systems of resources and activities. */
class FluidSharingPropertiesTest {

    @Property(tries = 200)
    void ratesAreFeasibleAndEveryActivityHasABottleneck(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                        @ForAll @IntRange(min = 1, max = 5) int resourceCount,
                                                        @ForAll @IntRange(min = 1, max = 12) int activityCount) {
        Simulation sim = new Simulation();
        FluidModel fluid = new FluidModel(sim);
        RandomStream rnd = new RandomStreams(seed).stream("system");
        List<Resource> resources = new ArrayList<>();
        for (int i = 0; i < resourceCount; i++) {
            resources.add(fluid.resource("r" + i, 1 + 99 * rnd.uniform()));
        }
        List<Activity> activities = new ArrayList<>();
        double[] amounts = new double[resourceCount];
        for (int k = 0; k < activityCount; k++) {
            List<Demand> demands = new ArrayList<>();
            for (int i = 0; i < resourceCount; i++) {
                if (demands.isEmpty() && i == resourceCount - 1 || rnd.uniform() < 0.5) {
                    double amount = 1 + 999 * rnd.uniform();
                    amounts[i] += amount;
                    demands.add(new Demand(resources.get(i), amount));
                }
            }
            double cap = rnd.uniform() < 0.3 ? 1 + 20 * rnd.uniform() : Double.POSITIVE_INFINITY;
            activities.add(fluid.start("t", "a" + k, demands, cap, null));
        }

        for (Resource r : resources) {
            assertTrue(r.load() <= r.capacity() * (1 + 1e-9), r + " overloaded: " + r.load());
        }
        // Max-min optimality: each activity is at its cap or uses a saturated resource on which no other
        // activity has a higher rate (in the first-demand units all share here, it is a bottleneck).
        for (Activity a : activities) {
            boolean atCap = a.rate() >= a.rateCap * (1 - 1e-9);
            boolean bottlenecked = false;
            for (Resource r : a.resources) {
                boolean saturated = r.load() >= r.capacity() * (1 - 1e-9);
                if (saturated) {
                    bottlenecked = true;
                }
            }
            assertTrue(atCap || bottlenecked, a + " could go faster: rate " + a.rate());
        }

        sim.run();
        for (int i = 0; i < resourceCount; i++) {
            assertEquals(amounts[i], resources.get(i).delivered(), 1e-9 * Math.max(1, amounts[i]),
                    "work is conserved on r" + i);
        }
        for (Activity a : activities) {
            assertTrue(!a.isActive() && a.endTime() >= a.startTime(), a + " finished");
        }
    }
}
