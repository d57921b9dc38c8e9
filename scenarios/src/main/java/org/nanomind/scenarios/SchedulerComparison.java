package org.nanomind.scenarios;

import java.util.List;
import java.util.Map;
import org.nanomind.scenarios.scheduler.Schedulers;

/**
 * A scenario as variants under schedulers, for `nanomind compare --schedulers`: each variant is the scenario with
 * only its scheduler replaced (by name, with its defaults), so the seed, the arrivals and the clocks are the same.
 */
public final class SchedulerComparison {
    private SchedulerComparison() {
    }

    /** {@code sc} with one variant per scheduler in {@code names}; an unknown name lists the schedulers there are. */
    public static Scenario of(Scenario sc, List<String> names) {
        return sc.withVariants(names.stream().map(n -> {
            Schedulers.named(n);
            return new Scenario.Variant(n, null, null, null, null, new Scenario.SchedulerSpec(n, Map.of()));
        }).toList());
    }
}
