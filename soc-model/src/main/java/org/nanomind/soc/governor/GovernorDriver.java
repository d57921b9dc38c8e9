package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.soc.Soc;

/**
 * Runs a governor on one unit of a running Soc, as the kernel does: every period it reads the unit's load over
 * the window since the last sample (for a CPU cluster, its busiest core's, as cpufreq's load is its busiest
 * CPU's), asks the governor for an OPP, and applies a change after the unit's switching latency. Its timer is
 * deferrable, as cpufreq's and devfreq's are: while the unit idles at the OPP the governor wants, no sample
 * wakes it; the next operation on the unit starts a fresh window.
 */
public final class GovernorDriver {
    private final Soc soc;
    private final String unit;
    private final Governor governor;
    private final OppTable table;
    private final double switchSeconds;
    private double windowStart;
    private double[] busyAtStart;
    private boolean asleep;
    private int samples;
    private int switches;

    private GovernorDriver(Soc soc, String unit, Governor governor, double switchSeconds) {
        this.soc = soc;
        this.unit = unit;
        this.governor = governor;
        this.table = soc.platform().opps(unit);
        this.switchSeconds = switchSeconds;
    }

    /** Hands {@code unit}'s clock to {@code governor}, switching OPPs in {@code switchSeconds}; samples at once. */
    public static GovernorDriver attach(Soc soc, String unit, Governor governor, double switchSeconds) {
        if (unit.equals("dram")) {
            throw new IllegalArgumentException("the DMC's governor is not modelled: the schedule sets its OPP");
        }
        GovernorDriver d = new GovernorDriver(soc, unit, governor, switchSeconds);
        soc.govern(unit, d::wake);
        d.restartWindow();
        d.sample();
        return d;
    }

    public String unit() {
        return unit;
    }

    public Governor governor() {
        return governor;
    }

    /** Samples taken and OPP switches made so far. */
    public int samples() {
        return samples;
    }

    public int switches() {
        return switches;
    }

    private void restartWindow() {
        windowStart = soc.sim().now();
        busyAtStart = soc.coreBusySeconds(unit);
    }

    /** The busy fraction of the window: its busiest core's share of the window's time. */
    private double load() {
        double window = soc.sim().now() - windowStart;
        if (window <= 0) {
            return 0;
        }
        double[] busy = soc.coreBusySeconds(unit);
        double most = 0;
        for (int i = 0; i < Math.min(busy.length, busyAtStart.length); i++) {
            most = Math.max(most, busy[i] - busyAtStart[i]);
        }
        return Math.min(1, most / window);
    }

    private void sample() {
        samples++;
        double busy = load();
        restartWindow();
        Opp current = soc.opp(unit);
        Opp next = governor.next(busy, current, table);
        if (!next.equals(current)) {
            switches++;
            if (switchSeconds > 0) {
                soc.sim().schedule(switchSeconds, () -> soc.governorOpp(unit, next));
            } else {
                soc.governorOpp(unit, next);
            }
        }
        double period = governor.periodSeconds(next, table);
        if (!Double.isFinite(period) || busy == 0 && next.equals(current) && governor.idleSettled(next, table)) {
            asleep = true; // settled on an idle unit (or a governor that never looks again): no timer until work comes
            return;
        }
        soc.sim().schedule(period, this::sample);
    }

    private void wake() {
        double period = asleep ? governor.periodSeconds(soc.opp(unit), table) : Double.NaN;
        if (Double.isFinite(period)) {
            asleep = false;
            restartWindow();
            soc.sim().schedule(period, this::sample);
        }
    }
}
