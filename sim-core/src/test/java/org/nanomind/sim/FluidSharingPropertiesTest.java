package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of max-min sharing on random systems of resources and activities. */
class FluidSharingPropertiesTest {
    /**
     * The cases of a property: the first takes every parameter's lower end, the second its upper end, the
     * rest are drawn from {@link #CASE_SEED}. Each case's parameters are its test's name, so a failure
     * names what reproduces it.
     */
    static final long CASE_SEED = 20261202L;

    private static long draw(SplittableRandom r, int i, long lo, long hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextLong(lo, hi); // hi itself is the second case's
    }

    private static int draw(SplittableRandom r, int i, int lo, int hi) {
        return i == 0 ? lo : i == 1 ? hi : r.nextInt(lo, hi + 1);
    }

    static Stream<Arguments> ratesAreFeasibleAndEveryActivityHasABottleneckCases() {
        SplittableRandom r = new SplittableRandom(CASE_SEED);
        return IntStream.range(0, 200).mapToObj(i -> Arguments.of(draw(r, i, 1L, 1_000_000L), draw(r, i, 1, 5), draw(r, i, 1, 12)));
    }

    @ParameterizedTest(name = "seed={0}, resourceCount={1}, activityCount={2}")
    @MethodSource("ratesAreFeasibleAndEveryActivityHasABottleneckCases")
    void ratesAreFeasibleAndEveryActivityHasABottleneck(long seed, int resourceCount, int activityCount) {
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
