package org.nanomind.soc;

/**
 * One operation as it ran on a unit ("storage" for a load): when it started and ended, and how long it
 * would have taken with the DRAM all to itself; the rest of its time it waited for DRAM.
 *
 * @param computeSeconds its time at the unit's rate alone; NaN for a load (storage-bound, not a DRAM user)
 */
public record OpRecord(String unit, String name, double start, double end, double computeSeconds) {
    /** Time spent waiting for DRAM: what the shared bandwidth added to the unit's own time. */
    public double dramWaitSeconds() {
        return Double.isNaN(computeSeconds) ? 0 : Math.max(0, end - start - computeSeconds);
    }
}
