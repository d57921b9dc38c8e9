package org.nanomind.power;

/** An operating performance point: a clock frequency and the voltage it runs at. */
public record Opp(double hz, double volts) {
    public Opp {
        if (!(hz > 0) || Double.isInfinite(hz)) {
            throw new IllegalArgumentException("OPP frequency must be > 0 Hz, got " + hz);
        }
        if (!(volts >= 0.5 && volts <= 1.5)) {
            throw new IllegalArgumentException("OPP voltage must be within 0.5-1.5 V, got " + volts);
        }
    }

    public double mhz() {
        return hz / 1e6;
    }
}
