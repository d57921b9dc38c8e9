package org.nanomind.soc;

import java.util.List;

/**
 * Policies as plain values, free of simulator types, so that scenarios can select them and the firmware
 * bridge can serialize and deploy them unchanged.
 */
public record Policies(List<Placement> placement, List<UnitLimit> limits, BatteryPolicy battery) {
    public Policies {
        placement = List.copyOf(placement);
        limits = List.copyOf(limits);
    }

    /** Which unit runs a brick, with how many threads on a CPU cluster. */
    public record Placement(String brick, String unit, int threads) {
    }

    /** An OPP cap and a governor name for a unit ("dram" for the memory controller). */
    public record UnitLimit(String unit, double maxHz, String governor) {
    }

    /** The paper's three battery states. */
    public enum PowerState { UNCONSTRAINED, THROTTLED, CRITICAL }

    /**
     * Unconstrained above {@code throttleBelowSoc}; critical (the on-demand cascade) below
     * {@code criticalBelowSoc}; in between, throttled by a factor that falls linearly from 1 to {@code minScale}
     * and scales the camera frame rate and the memory read/write rate.
     */
    public record BatteryPolicy(double throttleBelowSoc, double criticalBelowSoc, double minScale) {
        public BatteryPolicy {
            if (!(criticalBelowSoc >= 0 && criticalBelowSoc < throttleBelowSoc && throttleBelowSoc <= 1)) {
                throw new IllegalArgumentException("need 0 <= critical < throttle <= 1 (state of charge), got critical "
                        + criticalBelowSoc + ", throttle " + throttleBelowSoc);
            }
            if (!(minScale > 0 && minScale <= 1)) {
                throw new IllegalArgumentException("the smallest throttling factor must be in (0, 1], got " + minScale);
            }
        }

        public PowerState state(double soc) {
            return soc >= throttleBelowSoc ? PowerState.UNCONSTRAINED
                    : soc >= criticalBelowSoc ? PowerState.THROTTLED : PowerState.CRITICAL;
        }

        /** 1 when unconstrained, minScale at the critical threshold and below, linear between. */
        public double scale(double soc) {
            if (soc >= throttleBelowSoc) {
                return 1.0;
            }
            if (soc <= criticalBelowSoc) {
                return minScale;
            }
            double t = (soc - criticalBelowSoc) / (throttleBelowSoc - criticalBelowSoc);
            return minScale + t * (1 - minScale);
        }
    }
}
