package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * A DVFS governor as Linux runs one for a CPU policy (cpufreq) or a device (devfreq): every so often it looks
 * at the load of the last window and asks for an OPP. It sees only what the kernel sees: the fraction of the
 * window the unit was busy (for a CPU policy, its busiest CPU), at the OPP it ran. A governor instance holds the
 * state of one unit (conservative remembers the frequency it asked for), so each unit gets its own.
 *
 * <p>The kernel's documentation is the specification: Documentation/admin-guide/pm/cpufreq.rst (performance,
 * powersave, ondemand, conservative, schedutil) and Documentation/ABI/testing/sysfs-class-devfreq with
 * drivers/devfreq/governor_simpleondemand.c (simple_ondemand).
 */
public interface Governor {
    /** Its name in sysfs (scaling_governor, devfreq's governor). */
    String name();

    /** Seconds until it next samples, running at {@code current} (ondemand waits longer at the top). */
    double periodSeconds(Opp current, OppTable table);

    /**
     * The OPP it asks for after a window in which the unit was busy {@code busy} (0 to 1) of the time, running
     * at {@code current}; the caller clamps it to the unit's caps and applies it after the switching latency.
     */
    Opp next(double busy, Opp current, OppTable table);

    /**
     * Whether, on a unit that stays idle, it would ask for nothing new: the driver's timer then sleeps until work
     * comes (cpufreq's and devfreq's timers are deferrable). A governor with state (conservative) says so itself.
     */
    default boolean idleSettled(Opp current, OppTable table) {
        return next(0, current, table).equals(current);
    }
}
