package org.nanomind.scenarios.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The schedulers by name: the built-in ones, then every {@link SchedulerProvider} that java.util.ServiceLoader
 * finds through the thread's context class loader (a jar on the class path). A name given twice is an error,
 * so a user's scheduler never silently replaces another.
 */
public final class Schedulers {
    private Schedulers() {
    }

    /** Every scheduler the twin knows now, by name. */
    public static Map<String, SchedulerProvider> all() {
        Map<String, SchedulerProvider> m = new LinkedHashMap<>();
        m.put(Fifo.Provider.ON_DEMAND.name(), Fifo.Provider.ON_DEMAND);
        m.put(Fifo.Provider.RESIDENT.name(), Fifo.Provider.RESIDENT);
        m.put("three-state", new ThreeState.Provider());
        m.put("layer-offload", new LayerOffloadScheduler.Provider());
        for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class, Thread.currentThread().getContextClassLoader())) {
            SchedulerProvider before = m.putIfAbsent(p.name(), p);
            if (before != null && before.getClass() != p.getClass()) {
                throw new IllegalStateException("two schedulers are named '" + p.name() + "': " + before.getClass().getName() + " and "
                        + p.getClass().getName());
            }
        }
        return m;
    }

    /** The provider called {@code name}; an IllegalArgumentException lists the names there are. */
    public static SchedulerProvider named(String name) {
        Map<String, SchedulerProvider> all = all();
        SchedulerProvider p = all.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown scheduler '" + name + "'; the schedulers here: " + String.join(", ",
                    new TreeSet<>(all.keySet())) + " (a scheduler of your own: a jar on the class path, docs/schedulers.md)");
        }
        return p;
    }
}
