package org.nanomind.soc;

import java.util.Map;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.power.UnitPower;

/**
 * A compute unit of a platform: a CPU cluster (cores of one kind), the GPU or the NPU. Peak at an OPP is
 * ops per cycle per core times frequency; achieved is peak times an efficiency per op class (matmuls,
 * attention, element-wise), because small-batch matmuls run far below peak where vision convolutions do
 * not. Units with their own power domain are gated off (0 W) while idle.
 */
public record ComputeUnit(String name, Kind kind, int cores, OppTable opps, Map<Precision, Double> opsPerCycle,
                          Map<String, Double> efficiency, UnitPower power, double launchSeconds,
                          boolean gatedWhenIdle, double recompileSeconds, double copyBytesPerCycle,
                          Map<org.nanomind.kernels.GgmlType, Double> dequantDotCycles) {
    public ComputeUnit {
        opsPerCycle = Map.copyOf(opsPerCycle);
        dequantDotCycles = Map.copyOf(dequantDotCycles);
        efficiency = Map.copyOf(efficiency);
        if (!efficiency.containsKey("default")) {
            throw new IllegalArgumentException("unit " + name + " needs a default efficiency");
        }
    }

    /**
     * What the twin treats differently by unit, rather than by name: the GPU maps the buffers it computes on (memory
     * it can reach, counted apart); the NPU runs a compiled graph, one launch per call, in INT8 or FP16; a CPU
     * cluster quantizes the activations of quantized weights for llama.cpp's dot products and keeps them in FP32.
     */
    public enum Kind { CPU, GPU, NPU }

    public boolean supports(Precision p) {
        return opsPerCycle.containsKey(p);
    }

    /** Ops per cycle of one core at {@code p}. */
    public double opsPerCycle(Precision p) {
        Double v = opsPerCycle.get(p);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no " + p + " arithmetic (it has " + opsPerCycle.keySet() + ")");
        }
        return v;
    }

    public double efficiency(String opClass) {
        return efficiency.getOrDefault(opClass, efficiency.get("default"));
    }

    /** Peak ops per second of all cores at {@code opp}. */
    public double peak(Precision p, Opp opp) {
        return opsPerCycle(p) * opp.hz() * cores;
    }
}
