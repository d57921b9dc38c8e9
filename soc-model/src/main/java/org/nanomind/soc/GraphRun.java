package org.nanomind.soc;

import java.util.List;
import org.nanomind.sim.Simulation;
import org.nanomind.soc.cost.Lowering;

/**
 * Executes a lowered graph on the board: each placed step, in order, with the demands the cost model gives
 * it under the Soc's platform, on the unit it was placed on. Operators and handovers share the DRAM with
 * whatever else runs, as everything does.
 */
public final class GraphRun {
    private GraphRun() {
    }

    /** Runs {@code steps} one after another on {@code soc}, then calls {@code done}. */
    public static void run(Soc soc, List<Lowering.Placed> steps, Runnable done) {
        from(soc, steps, 0, done);
    }

    private static void from(Soc soc, List<Lowering.Placed> steps, int k, Runnable done) {
        if (k == steps.size()) {
            done.run();
            return;
        }
        Lowering.Placed st = steps.get(k);
        soc.execute(st.unit(), st.name(), st.cost(soc.platform()), () -> from(soc, steps, k + 1, done));
    }

    /** Seconds of one inference on an idle board at its top clocks, from a fresh simulation. */
    public static double singleInference(Platform p, List<Lowering.Placed> steps) {
        return alone(p, (soc, done) -> run(soc, steps, done));
    }

    /**
     * Seconds that {@code work} (given the Soc and what to call when it has finished) takes alone on an idle
     * board at its top clocks, from a fresh simulation.
     */
    public static double alone(Platform p, java.util.function.BiConsumer<Soc, Runnable> work) {
        Twin twin = Twin.of(p);
        Simulation sim = twin.sim();
        Soc soc = twin.soc();
        double[] end = {Double.NaN};
        work.accept(soc, () -> end[0] = sim.now());
        sim.run();
        return end[0];
    }
}
