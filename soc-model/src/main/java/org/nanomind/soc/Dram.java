package org.nanomind.soc;

import org.nanomind.power.DramPower;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * Unified DRAM: memory modules behind one controller. The usable bus is the narrower of the modules
 * fitted and the controller's interface, so fitting more modules than the controller takes adds capacity
 * but no bandwidth; peak is bus bytes times two transfers per DMC clock, and the achievable share of it
 * is a measured fraction.
 */
public record Dram(String type, int modules, int moduleWidthBits, int busWidthBits, OppTable opps,
                   double achievableFraction, double capacityBytes, DramPower power) {

    /** Bus width in bits with {@code modulesUsed} modules populated. */
    public int effectiveWidthBits(int modulesUsed) {
        return Math.min(modulesUsed * moduleWidthBits, busWidthBits);
    }

    public double peakBytesPerSecond(Opp opp, int modulesUsed) {
        return effectiveWidthBits(modulesUsed) / 8.0 * 2 * opp.hz();
    }

    public double achievableBytesPerSecond(Opp opp, int modulesUsed) {
        return peakBytesPerSecond(opp, modulesUsed) * achievableFraction;
    }
}
