package org.nanomind.power;

/**
 * A battery pack and the converter in front of it.
 *
 * @param capacityAh          rated capacity at {@code ratedCurrentA}
 * @param ocvSoc              state-of-charge points (0..1, increasing) of the open-circuit voltage curve
 * @param ocvVolts            open-circuit voltage at each point
 * @param resistanceOhm       internal resistance
 * @param converterEfficiency DC-DC efficiency between the cell and the board (0..1]
 * @param peukertExponent     rate effect: drawing I uses charge at I (I / I_rated)^(k-1); 1 means none
 * @param ratedCurrentA       the discharge current at which capacityAh holds
 * @param cutoffVolts         terminal voltage below which the pack is empty
 */
public record BatterySpec(double capacityAh, double[] ocvSoc, double[] ocvVolts, double resistanceOhm,
                          double converterEfficiency, double peukertExponent, double ratedCurrentA,
                          double cutoffVolts) {
    public BatterySpec {
        ocvSoc = ocvSoc.clone();
        ocvVolts = ocvVolts.clone();
        if (!(capacityAh > 0)) {
            throw new IllegalArgumentException("battery capacity must be > 0, got " + capacityAh + " Ah");
        }
        if (ocvSoc.length < 2 || ocvSoc.length != ocvVolts.length || ocvSoc[0] != 0 || ocvSoc[ocvSoc.length - 1] != 1) {
            throw new IllegalArgumentException("the OCV curve needs matching points from SoC 0 to SoC 1");
        }
        for (int i = 1; i < ocvSoc.length; i++) {
            if (ocvSoc[i] <= ocvSoc[i - 1] || ocvVolts[i] < ocvVolts[i - 1]) {
                throw new IllegalArgumentException("the OCV curve must rise with SoC (point " + i + ")");
            }
        }
        if (!(resistanceOhm >= 0) || !(converterEfficiency > 0 && converterEfficiency <= 1)
                || !(peukertExponent >= 1) || !(ratedCurrentA > 0) || !(cutoffVolts > 0)) {
            throw new IllegalArgumentException("battery needs R >= 0, efficiency in (0, 1], Peukert exponent >= 1,"
                    + " rated current > 0 and cut-off voltage > 0");
        }
    }

    /** Open-circuit voltage at state of charge {@code soc}, interpolated linearly. */
    public double ocv(double soc) {
        double s = Math.max(0, Math.min(1, soc));
        for (int i = 1; i < ocvSoc.length; i++) {
            if (s <= ocvSoc[i]) {
                double t = (s - ocvSoc[i - 1]) / (ocvSoc[i] - ocvSoc[i - 1]);
                return ocvVolts[i - 1] + t * (ocvVolts[i] - ocvVolts[i - 1]);
            }
        }
        return ocvVolts[ocvVolts.length - 1];
    }

    /** Charge in coulombs. */
    public double capacityCoulombs() {
        return capacityAh * 3600;
    }
}
