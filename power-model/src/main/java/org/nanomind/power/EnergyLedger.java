package org.nanomind.power;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nanomind.sim.TimeWeighted;

/**
 * Power by component over time, and the energy each used. Every change of a component's power also
 * draws the battery for the interval that just ended, so the battery sees exactly the sum of the
 * components; {@link #checkConservation} proves it.
 */
public final class EnergyLedger {
    private final Map<String, TimeWeighted> components = new LinkedHashMap<>();
    private final Map<String, Double> watts = new LinkedHashMap<>();
    private final Battery battery;
    private double lastTime;
    private double emptyAt = Double.NaN;

    public EnergyLedger(Battery battery, double startTime, Iterable<String> componentNames) {
        this.battery = battery;
        this.lastTime = startTime;
        for (String c : componentNames) {
            components.put(c, new TimeWeighted(c + " power", startTime, 0.0));
            watts.put(c, 0.0);
        }
    }

    public Battery battery() {
        return battery;
    }

    /**
     * Sets component powers from {@code time} on, after drawing the battery up to {@code time}. Once the
     * battery is empty the ledger is frozen at that instant: what happens later drew nothing from it.
     */
    public void set(double time, Map<String, Double> componentWatts) {
        advance(time);
        if (battery.isEmpty()) {
            return;
        }
        componentWatts.forEach((c, w) -> {
            TimeWeighted tw = components.get(c);
            if (tw == null) {
                throw new IllegalArgumentException("unknown power component '" + c + "'; known: " + components.keySet());
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("power of '" + c + "' must be finite and >= 0 W, got " + w);
            }
            tw.set(time, w);
            watts.put(c, w);
        });
    }

    /** Draws the battery at the current powers up to {@code time}. */
    public void advance(double time) {
        if (time < lastTime) {
            throw new IllegalArgumentException("the ledger is at t=" + lastTime + " s, cannot go back to " + time);
        }
        if (time > lastTime && !battery.isEmpty()) {
            double lasted = battery.draw(totalWatts(), time - lastTime);
            if (battery.isEmpty()) {
                emptyAt = lastTime + lasted;
            }
        }
        lastTime = time;
    }

    public double totalWatts() {
        double sum = 0;
        for (double w : watts.values()) {
            sum += w;
        }
        return sum;
    }

    public Map<String, Double> watts() {
        return Map.copyOf(watts);
    }

    /** Energy of one component from the start to {@code time}, in joules. */
    public double energy(String component, double time) {
        return components.get(component).integral(time);
    }

    /** Energy of all components to {@code time}. */
    public double totalEnergy(double time) {
        double e = 0;
        for (TimeWeighted tw : components.values()) {
            e += tw.integral(time);
        }
        return e;
    }

    public Iterable<String> componentNames() {
        return components.keySet();
    }

    /** When the battery emptied; NaN while it has charge. */
    public double emptyAt() {
        return emptyAt;
    }

    /**
     * Energy drawn from the battery must equal the components' energy over the converter's efficiency, to
     * 1e-6 relative; a run that breaks it has lost or invented energy somewhere, and fails.
     */
    public void checkConservation() {
        double end = Double.isNaN(emptyAt) ? lastTime : emptyAt;
        double expected = totalEnergy(end) / battery.spec().converterEfficiency();
        double drawn = battery.terminalJoules();
        if (Math.abs(drawn - expected) > 1e-6 * Math.max(1e-9, Math.abs(expected))) {
            throw new IllegalStateException(String.format(
                    "energy not conserved: the battery delivered %.9g J, the components used %.9g J / efficiency = %.9g J",
                    drawn, totalEnergy(end), expected));
        }
    }
}
