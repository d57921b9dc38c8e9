package org.nanomind.soc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.sim.TimeWeighted;

/**
 * Unified DRAM as capacity: named allocations (weights, KV caches, buffers) over time, their peak, and
 * the requests that did not fit. Running out is an outcome to report, not a crash.
 */
public final class Memory {
    private final double capacity;
    private final Map<String, Long> allocations = new LinkedHashMap<>();
    private final java.util.Set<String> gpuOwners = new java.util.HashSet<>();
    private final TimeWeighted inUse;
    private final TimeWeighted gpuInUse;
    private final List<String> failures = new ArrayList<>();
    private long used;
    private long gpuUsed;

    public Memory(double capacityBytes, double startTime) {
        this.capacity = capacityBytes;
        this.inUse = new TimeWeighted("memory in use", startTime, 0);
        this.gpuInUse = new TimeWeighted("GPU memory in use", startTime, 0);
    }

    /** Allocates {@code bytes} for {@code owner} at {@code time}; false (and recorded) if they do not fit. */
    public boolean allocate(String owner, long bytes, double time) {
        return allocate(owner, bytes, time, false);
    }

    /**
     * As {@link #allocate(String, long, double)}; {@code gpu} marks memory the GPU's driver maps for it
     * (buffers it binds), which is what a GPU memory figure counts on a unified-memory SoC.
     */
    public boolean allocate(String owner, long bytes, double time, boolean gpu) {
        if (allocations.containsKey(owner)) {
            throw new IllegalStateException("'" + owner + "' is already allocated");
        }
        if (used + bytes > capacity) {
            failures.add(String.format("t=%.3f s: %s needed %.1f MB with %.1f of %.1f MB in use", time, owner, bytes / 1e6,
                    used / 1e6, capacity / 1e6));
            return false;
        }
        allocations.put(owner, bytes);
        used += bytes;
        inUse.set(time, used);
        if (gpu) {
            gpuOwners.add(owner);
            gpuUsed += bytes;
            gpuInUse.set(time, gpuUsed);
        }
        return true;
    }

    public void release(String owner, double time) {
        Long bytes = allocations.remove(owner);
        if (bytes == null) {
            throw new IllegalStateException("'" + owner + "' is not allocated");
        }
        used -= bytes;
        inUse.set(time, used);
        if (gpuOwners.remove(owner)) {
            gpuUsed -= bytes;
            gpuInUse.set(time, gpuUsed);
        }
    }

    public long used() {
        return used;
    }

    public double peak() {
        return inUse.max();
    }

    /** The most GPU-mapped memory in use at once. */
    public double gpuPeak() {
        return gpuInUse.max();
    }

    public double capacity() {
        return capacity;
    }

    public boolean holds(String owner) {
        return allocations.containsKey(owner);
    }

    /** Allocation requests that did not fit, in order. */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
