package org.nanomind.power;

/**
 * The state of a {@link BatterySpec} as the board draws from it. The board's load P passes the converter,
 * so the cell delivers P / efficiency at its terminals; the current I solves (OCV - I R) I = P / eff; charge
 * is used at the Peukert-effective current. The open-circuit voltage follows the charge: long draws are
 * split into steps of at most {@link #MAX_STEP_S}.
 */
public final class Battery {
    /** Longest step at one OCV; at 1 W a 2 Ah pack loses well under 0.1 % of its charge in it. */
    public static final double MAX_STEP_S = 30.0;

    private final BatterySpec spec;
    private double usedCoulombs;
    private double terminalJoules;
    private double lossJoules;
    private boolean empty;
    private String emptyReason = "";

    public Battery(BatterySpec spec) {
        this.spec = spec;
    }

    public BatterySpec spec() {
        return spec;
    }

    /** State of charge, 0..1. */
    public double soc() {
        return Math.max(0, 1 - usedCoulombs / spec.capacityCoulombs());
    }

    public boolean isEmpty() {
        return empty;
    }

    /** Why the pack is empty: charge exhausted, or voltage below cut-off, or it cannot deliver the load. */
    public String emptyReason() {
        return emptyReason;
    }

    /** Energy delivered at the cell's terminals so far (the converter's input), in joules. */
    public double terminalJoules() {
        return terminalJoules;
    }

    /** Energy lost in the internal resistance so far, in joules. */
    public double resistiveLossJoules() {
        return lossJoules;
    }

    /** Cell current for a board load of {@code loadWatts} at the present charge; NaN if it cannot deliver it. */
    public double current(double loadWatts) {
        double p = loadWatts / spec.converterEfficiency();
        double ocv = spec.ocv(soc());
        double r = spec.resistanceOhm();
        if (r == 0) {
            return p / ocv;
        }
        double disc = ocv * ocv - 4 * r * p;
        return disc < 0 ? Double.NaN : (ocv - Math.sqrt(disc)) / (2 * r);
    }

    /** Terminal voltage under a board load of {@code loadWatts}. */
    public double terminalVolts(double loadWatts) {
        double i = current(loadWatts);
        return Double.isNaN(i) ? 0 : spec.ocv(soc()) - i * spec.resistanceOhm();
    }

    /**
     * Draws {@code loadWatts} for {@code seconds} and returns how long it lasted: {@code seconds}, or less if
     * the pack emptied on the way (then {@link #isEmpty()} holds).
     */
    public double draw(double loadWatts, double seconds) {
        if (!(loadWatts >= 0) || !(seconds >= 0)) {
            throw new IllegalArgumentException("draw needs a load >= 0 W for >= 0 s, got " + loadWatts + " W, " + seconds + " s");
        }
        double done = 0;
        while (!empty && done < seconds) {
            double step = Math.min(MAX_STEP_S, seconds - done);
            double i = current(loadWatts);
            if (Double.isNaN(i)) {
                markEmpty("the cell cannot deliver " + loadWatts + " W through its internal resistance");
                break;
            }
            if (spec.ocv(soc()) - i * spec.resistanceOhm() < spec.cutoffVolts()) {
                markEmpty("terminal voltage below the " + spec.cutoffVolts() + " V cut-off");
                break;
            }
            double effective = i <= 0 ? 0 : i * Math.pow(i / spec.ratedCurrentA(), spec.peukertExponent() - 1);
            double left = spec.capacityCoulombs() - usedCoulombs;
            if (effective * step >= left) {
                step = effective > 0 ? left / effective : step;
                account(loadWatts, i, step);
                usedCoulombs = spec.capacityCoulombs();
                done += step;
                markEmpty("charge exhausted");
                break;
            }
            account(loadWatts, i, step);
            usedCoulombs += effective * step;
            done += step;
        }
        return done;
    }

    private void account(double loadWatts, double current, double step) {
        terminalJoules += loadWatts / spec.converterEfficiency() * step;
        lossJoules += current * current * spec.resistanceOhm() * step;
    }

    private void markEmpty(String reason) {
        empty = true;
        emptyReason = reason;
    }
}
