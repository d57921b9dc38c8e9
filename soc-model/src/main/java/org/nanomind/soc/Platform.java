package org.nanomind.soc;

import java.util.List;
import java.util.Map;
import org.nanomind.power.BatterySpec;

/**
 * A board as data: its CPU clusters, GPU, NPU, DRAM, storage, peripherals, baseline power and battery,
 * and where the board's kernel exposes each unit ({@code sysfs}: a CPU cluster's cpufreq policy, a devfreq
 * device, the battery's power_supply; empty when not known). Loaded from a platform file
 * ({@link PlatformFile}), where every number carries its source.
 */
public record Platform(String name, String soc, List<ComputeUnit> cpuClusters, ComputeUnit gpu, ComputeUnit npu,
                       Dram dram, double storageReadBytesPerSecond, double storageActiveWatts,
                       Map<String, Double> peripheralWatts, double boardWatts, BatterySpec battery, Map<String, String> sysfs) {
    public Platform {
        cpuClusters = List.copyOf(cpuClusters);
        peripheralWatts = Map.copyOf(peripheralWatts);
        sysfs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysfs));
    }

    /** The unit called {@code name}: a CPU cluster's name, "gpu" or "npu". */
    public ComputeUnit unit(String name) {
        if (name.equals("gpu")) {
            return gpu;
        }
        if (name.equals("npu")) {
            return npu;
        }
        for (ComputeUnit c : cpuClusters) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("platform " + this.name + " has no unit '" + name + "' (it has "
                + cpuClusters.stream().map(ComputeUnit::name).toList() + ", gpu, npu)");
    }

    /** The first (or only) CPU cluster: where the runtime and CPU bricks run. */
    public ComputeUnit cpu() {
        return cpuClusters.getFirst();
    }

    public double peripheral(String state) {
        Double w = peripheralWatts.get(state);
        if (w == null) {
            throw new IllegalArgumentException("platform " + name + " lists no peripheral state '" + state + "' (it has "
                    + peripheralWatts.keySet() + ")");
        }
        return w;
    }
}
