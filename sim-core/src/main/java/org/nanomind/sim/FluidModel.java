package org.nanomind.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fluid sharing of capacities, the way SimGrid shares links and CPUs: activities demand amounts on
 * resources and progress continuously; whenever an activity starts or ends, or a capacity changes,
 * every rate is recomputed by max-min fair sharing (progressive filling) and the single pending
 * completion event is moved to the earliest finish.
 *
 * <p>Progressive filling raises the rate of every unfrozen activity together. A resource saturates when
 * the rates times the activities' weights on it reach its capacity; its activities freeze at that
 * level. An activity's own rate cap freezes it earlier. Weights are demands relative to the first
 * demand, so two activities whose first demand is on the same resource share it equally in its units.
 */
public final class FluidModel {
    private final Simulation sim;
    private final TraceSink trace;
    private final List<Resource> resources = new ArrayList<>();
    private Activity[] active = new Activity[16];
    private int activeCount;
    private double lastUpdate;
    private Event completion;
    /** While completion callbacks run, starts only mark the rates stale; one solve follows them. */
    private boolean inCallbacks;
    private boolean stale;
    private final List<Activity> finished = new ArrayList<>();
    private final List<Runnable> rateListeners = new ArrayList<>();

    public FluidModel(Simulation sim) {
        this(sim, TraceSink.NONE);
    }

    public FluidModel(Simulation sim, TraceSink trace) {
        this.sim = sim;
        this.trace = trace;
        this.lastUpdate = sim.now();
    }

    /** Adds a resource with {@code capacity} units per second (zero stalls its activities). */
    public Resource resource(String name, double capacity) {
        checkCapacity(name, capacity);
        Resource r = new Resource(this, name, capacity);
        resources.add(r);
        return r;
    }

    /** Starts an uncapped activity drawn on the track of its first resource. */
    public Activity start(String name, List<Demand> demands, Consumer<Activity> onComplete) {
        String track = demands.isEmpty() ? name : demands.getFirst().resource().name();
        return start(track, name, demands, Double.POSITIVE_INFINITY, onComplete);
    }

    /**
     * Starts an activity now.
     *
     * @param rateCap    the most it may progress per second, in units of its first demand
     * @param onComplete called once, when every demand has been served
     */
    public Activity start(String track, String name, List<Demand> demands, double rateCap,
                          Consumer<Activity> onComplete) {
        if (!(rateCap > 0)) {
            throw new IllegalArgumentException("rate cap of '" + name + "' must be > 0, got " + rateCap);
        }
        Map<Resource, Double> merged = new LinkedHashMap<>();
        for (Demand d : demands) {
            if (d.resource().model != this) {
                throw new IllegalArgumentException("resource '" + d.resource().name() + "' belongs to another model");
            }
            if (d.amount() > 0) {
                merged.merge(d.resource(), d.amount(), Double::sum);
            }
        }
        Resource[] rs = merged.keySet().toArray(new Resource[0]);
        double amount = rs.length == 0 ? 0.0 : merged.get(rs[0]);
        double[] weights = new double[rs.length];
        for (int j = 0; j < rs.length; j++) {
            weights[j] = merged.get(rs[j]) / amount;
        }
        Activity a = new Activity(this, track, name, rs, weights, amount, rateCap, onComplete, sim.now());
        advance();
        trace.begin(track, name, sim.now());
        if (rs.length == 0) {
            // Nothing to serve: it completes now, after what is already due now.
            sim.schedule(0.0, () -> finish(List.of(a)));
            return a;
        }
        add(a);
        ratesChanged();
        return a;
    }

    /** Stops an activity without calling its completion callback; false if it was not active. */
    public boolean abort(Activity a) {
        if (a.model != this || a.slot < 0) {
            return false;
        }
        advance();
        removeActive(a);
        trace.end(a.track(), a.name(), sim.now());
        ratesChanged();
        return true;
    }

    /**
     * Calls {@code listener} after every recomputation of the rates, at the simulated time it happens, so
     * that what depends on them (power follows each unit's load) can follow at that instant.
     */
    public void onRatesChanged(Runnable listener) {
        rateListeners.add(listener);
    }

    /** Number of activities in progress. */
    public int activeCount() {
        return activeCount;
    }

    void setCapacity(Resource r, double capacity) {
        checkCapacity(r.name(), capacity);
        advance();
        r.capacity = capacity;
        ratesChanged();
    }

    double sinceLastUpdate() {
        return sim.now() - lastUpdate;
    }

    /** Brings remaining work and delivered totals up to now at the rates in force since the last update. */
    private void advance() {
        double dt = sim.now() - lastUpdate;
        if (dt > 0) {
            for (int i = 0; i < activeCount; i++) {
                Activity a = active[i];
                a.remaining -= a.rate * dt;
            }
            for (Resource r : resources) {
                r.delivered += r.load * dt;
            }
        }
        lastUpdate = sim.now();
    }

    private void ratesChanged() {
        if (inCallbacks) {
            stale = true;
        } else {
            solve();
            scheduleCompletion();
        }
    }

    /** Max-min fair rates by progressive filling. */
    private void solve() {
        for (Resource r : resources) {
            r.unallocated = r.capacity;
            r.unfrozenWeight = 0;
            r.unfrozenUsers = 0;
        }
        for (int i = 0; i < activeCount; i++) {
            Activity a = active[i];
            a.frozen = false;
            a.rate = 0;
            for (int j = 0; j < a.resources.length; j++) {
                Resource r = a.resources[j];
                r.unfrozenWeight += a.weights[j];
                r.unfrozenUsers++;
            }
        }
        int unfrozen = activeCount;
        while (unfrozen > 0) {
            double level = Double.POSITIVE_INFINITY;
            Resource bottleneck = null;
            for (Resource r : resources) {
                if (r.unfrozenUsers > 0) {
                    double l = Math.max(0.0, r.unallocated) / r.unfrozenWeight;
                    if (l < level) {
                        level = l;
                        bottleneck = r;
                    }
                }
            }
            Activity capped = null;
            for (int i = 0; i < activeCount; i++) {
                Activity a = active[i];
                if (!a.frozen && a.rateCap < level) {
                    level = a.rateCap;
                    capped = a;
                }
            }
            if (capped != null) {
                freeze(capped, level);
                unfrozen--;
                continue;
            }
            for (int i = 0; i < activeCount; i++) {
                Activity a = active[i];
                if (!a.frozen && uses(a, bottleneck)) {
                    freeze(a, level);
                    unfrozen--;
                }
            }
        }
        for (Resource r : resources) {
            double load = Math.min(r.capacity, Math.max(0.0, r.capacity - r.unallocated));
            if (load != r.load) {
                r.load = load;
                trace.counter(r.name(), load, sim.now());
            }
        }
        for (Runnable listener : rateListeners) {
            listener.run();
        }
    }

    private static boolean uses(Activity a, Resource r) {
        for (Resource x : a.resources) {
            if (x == r) {
                return true;
            }
        }
        return false;
    }

    private static void freeze(Activity a, double rate) {
        a.rate = rate;
        a.frozen = true;
        for (int j = 0; j < a.resources.length; j++) {
            Resource r = a.resources[j];
            r.unallocated -= rate * a.weights[j];
            r.unfrozenWeight -= a.weights[j];
            r.unfrozenUsers--;
        }
    }

    private void scheduleCompletion() {
        double next = Double.POSITIVE_INFINITY;
        for (int i = 0; i < activeCount; i++) {
            Activity a = active[i];
            if (a.rate > 0) {
                next = Math.min(next, Math.max(0.0, a.remaining) / a.rate);
            }
        }
        if (next == Double.POSITIVE_INFINITY) {
            if (completion != null) {
                sim.cancel(completion);
            }
            return;
        }
        double at = sim.now() + next;
        if (completion == null) {
            completion = sim.scheduleAt(at, this::complete);
        } else {
            sim.reschedule(completion, at);
        }
    }

    /** The completion event: ends every activity whose finish rounds to now. */
    private void complete() {
        advance();
        // A finish time t = now + remaining/rate loses precision when now is large: treat as done what
        // would finish within a few ulps of now, and at least the earliest one.
        double timeTolerance = 4 * Math.ulp(sim.now());
        Activity earliest = null;
        double earliestTime = Double.POSITIVE_INFINITY;
        finished.clear();
        for (int i = 0; i < activeCount; i++) {
            Activity a = active[i];
            if (a.rate <= 0) {
                continue;
            }
            double left = a.remaining / a.rate;
            if (a.remaining <= 1e-12 * a.amount() || left <= timeTolerance) {
                finished.add(a);
            } else if (left < earliestTime) {
                earliestTime = left;
                earliest = a;
            }
        }
        if (finished.isEmpty() && earliest != null) {
            finished.add(earliest);
        }
        for (Activity a : finished) {
            removeActive(a);
        }
        finish(new ArrayList<>(finished));
    }

    /**
     * Ends {@code done} and calls their callbacks, then solves once: what the callbacks start joins the
     * same solve. Inside a callback, rates of other activities are those before the completion.
     */
    private void finish(List<Activity> done) {
        inCallbacks = true;
        stale = true;
        try {
            for (Activity a : done) {
                a.remaining = 0;
                a.rate = 0;
                a.endTime = sim.now();
                trace.end(a.track(), a.name(), sim.now());
            }
            for (Activity a : done) {
                if (a.onComplete != null) {
                    a.onComplete.accept(a);
                }
            }
        } finally {
            inCallbacks = false;
        }
        if (stale) {
            stale = false;
            solve();
        }
        scheduleCompletion();
    }

    private void add(Activity a) {
        if (activeCount == active.length) {
            active = Arrays.copyOf(active, activeCount * 2);
        }
        a.slot = activeCount;
        active[activeCount++] = a;
    }

    private void removeActive(Activity a) {
        int i = a.slot;
        Activity last = active[--activeCount];
        active[i] = last;
        last.slot = i;
        active[activeCount] = null;
        a.slot = -1;
        a.rate = 0;
        a.endTime = sim.now();
    }

    private static void checkCapacity(String name, double capacity) {
        if (!(capacity >= 0) || capacity == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "capacity of '" + name + "' must be a finite rate >= 0 units/s, got " + capacity);
        }
    }
}
