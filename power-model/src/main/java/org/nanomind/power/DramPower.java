package org.nanomind.power;

/**
 * DRAM power: a background power that depends on the memory controller's OPP (refresh, clocks, PHY) plus
 * an energy per byte moved (device and PHY), so traffic costs in proportion to bytes.
 */
public record DramPower(OppTable opps, double[] backgroundWatts, double joulesPerByte) {
    public DramPower {
        if (backgroundWatts.length != opps.opps().size()) {
            throw new IllegalArgumentException("need one background power per DMC OPP: " + opps.opps().size()
                    + " OPPs, " + backgroundWatts.length + " powers");
        }
        backgroundWatts = backgroundWatts.clone();
        for (double w : backgroundWatts) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("DRAM background power must be >= 0 W, got " + w);
            }
        }
        if (!(joulesPerByte >= 0)) {
            throw new IllegalArgumentException("DRAM energy per byte must be >= 0, got " + joulesPerByte);
        }
    }

    public double background(Opp opp) {
        int i = opps.opps().indexOf(opp);
        if (i < 0) {
            throw new IllegalArgumentException("not a DMC OPP: " + opp);
        }
        return backgroundWatts[i];
    }

    public double power(Opp opp, double bytesPerSecond) {
        return background(opp) + joulesPerByte * bytesPerSecond;
    }
}
