package org.nanomind.scenarios.scheduler;

import java.util.Map;
import java.util.Set;

/**
 * A scheduler by name, for java.util.ServiceLoader: a jar lists its providers in
 * META-INF/services/org.nanomind.scenarios.scheduler.SchedulerProvider.
 */
public interface SchedulerProvider {
    /** The name a scenario gives in {@code scheduler: {name: ...}}. */
    String name();

    /** The parameters it takes, for the scenario's checks (an unknown one is an error at its line). */
    Set<String> parameters();

    /** A new scheduler for one run, with the scenario's {@code params}. */
    Scheduler create(Map<String, Double> params);
}
