package org.nanomind.power;

/**
 * The power of one compute unit (or one CPU core) at an OPP: static power, proportional to voltage from
 * a reference point, plus dynamic power C_eff V^2 f times its activity (the fraction of the unit kept
 * busy). C_eff in farads is the device tree's dynamic-power-coefficient (uW/MHz/V^2) times 1e-12.
 */
public record UnitPower(double cEff, double staticWatts, double staticRefVolts) {
    public UnitPower {
        if (!(cEff >= 0) || !(staticWatts >= 0) || !(staticRefVolts > 0)) {
            throw new IllegalArgumentException("unit power needs C_eff >= 0, static power >= 0 and a reference voltage > 0");
        }
    }

    /** From a device tree's dynamic-power-coefficient in uW/MHz/V^2. */
    public static UnitPower fromDtCoefficient(double uwPerMhzV2, double staticWatts, double staticRefVolts) {
        return new UnitPower(uwPerMhzV2 * 1e-12, staticWatts, staticRefVolts);
    }

    public double staticPower(Opp opp) {
        return staticWatts * opp.volts() / staticRefVolts;
    }

    public double dynamicPower(Opp opp, double activity) {
        if (!(activity >= 0 && activity <= 1 + 1e-9)) {
            throw new IllegalArgumentException("activity must be within [0, 1], got " + activity);
        }
        return cEff * opp.volts() * opp.volts() * opp.hz() * Math.min(1.0, activity);
    }

    public double power(Opp opp, double activity) {
        return staticPower(opp) + dynamicPower(opp, activity);
    }
}
