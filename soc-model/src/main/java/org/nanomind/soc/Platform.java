package org.nanomind.soc;

import java.util.List;
import java.util.Map;
import org.nanomind.power.BatterySpec;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.soc.cost.Board;
import org.nanomind.soc.cost.Runtime;

/**
 * A board as data: its CPU clusters, GPU, NPU, DRAM, storage, peripherals, baseline power and battery,
 * and where the board's kernel exposes each unit ({@code sysfs}: a CPU cluster's cpufreq policy, a devfreq
 * device, the battery's power_supply; empty when not known). Loaded from a platform file
 * ({@link PlatformFile}), where every number carries its source.
 */
public record Platform(String name, String soc, List<ComputeUnit> cpuClusters, ComputeUnit gpu, ComputeUnit npu,
                       Dram dram, double storageReadBytesPerSecond, double storageActiveWatts,
                       Map<Peripheral, Double> peripheralWatts, double boardWatts, BatterySpec battery, Map<String, String> sysfs,
                       Map<String, Runtime> runtimes, List<Board> boards, Map<String, Dvfs> dvfs) {
    /**
     * A unit's DVFS as the BSP kernel sets it up: the governor it boots with, and how long an OPP switch takes
     * (PLL relock and regulator settling), which a governor's every change costs.
     */
    public record Dvfs(org.nanomind.soc.governor.GovernorSpec governor, double transitionSeconds) {
    }

    public Platform {
        dvfs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dvfs));
        cpuClusters = List.copyOf(cpuClusters);
        peripheralWatts = Map.copyOf(peripheralWatts);
        sysfs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysfs));
        runtimes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runtimes));
        boards = List.copyOf(boards);
    }

    /** The inference runtime called {@code name} (its cost-model parameters). */
    public Runtime runtime(String name) {
        Runtime r = runtimes.get(name);
        if (r == null) {
            throw new IllegalArgumentException("platform " + this.name + " has no runtime '" + name + "' (it has "
                    + runtimes.keySet() + ")");
        }
        return r;
    }

    /**
     * The runtime a graph brick on {@code unit} uses when its scenario names none: of the runtimes on that unit,
     * the one with the latest {@code since}.
     */
    public String newestRuntime(String unit) {
        return runtimes.values().stream().filter(r -> r.unit().equals(unit))
                .max(java.util.Comparator.comparing(Runtime::since)).map(Runtime::name)
                .orElseThrow(() -> new IllegalArgumentException("platform " + name + " has no runtime on " + unit
                        + " to run a graph (its runtimes: " + runtimes.keySet() + "); add one under runtimes:"));
    }

    /** The board variant that one of whose names is {@code name}, if the platform lists it. */
    public java.util.Optional<Board> board(String name) {
        return boards.stream().filter(b -> b.names().contains(name)).findFirst();
    }

    /** This platform with its runtimes replaced (a fit's result). */
    public Platform withRuntimes(Map<String, Runtime> rs) {
        return new Platform(name, soc, cpuClusters, gpu, npu, dram, storageReadBytesPerSecond, storageActiveWatts,
                peripheralWatts, boardWatts, battery, sysfs, rs, boards, dvfs);
    }

    /**
     * The platform as {@code b} runs it: each unit and the DRAM top out at the board's clock. A clock between
     * or above the platform's OPPs becomes the top OPP, at the voltage of the next OPP up (or the top voltage):
     * a sibling chip's faster OPP (RK3568's 1992 MHz) is a clock the timing needs, its voltage an estimate.
     */
    public Platform on(Board b) {
        List<ComputeUnit> cs = cpuClusters.stream().map(c -> clocked(c, b)).toList();
        Dram d = dram;
        Double dramHz = b.clocksHz().get("dram");
        if (dramHz != null) {
            OppTable t = capped(dram.opps(), dramHz);
            // Each kept DMC OPP keeps its background power; the board's top takes that of the next OPP up (or the top's).
            double[] background = t.opps().stream().mapToDouble(o -> dram.power().background(dram.opps().opps().stream()
                    .filter(x -> x.hz() >= o.hz()).findFirst().orElse(dram.opps().highest()))).toArray();
            d = new Dram(dram.type(), dram.modules(), dram.moduleWidthBits(), dram.busWidthBits(), t, dram.achievableFraction(),
                    dram.capacityBytes(), new org.nanomind.power.DramPower(t, background, dram.power().joulesPerByte()));
        }
        return new Platform(name + "@" + b.name(), b.chip(), cs, clocked(gpu, b), clocked(npu, b), d, storageReadBytesPerSecond,
                storageActiveWatts, peripheralWatts, boardWatts, battery, sysfs, runtimes, boards, dvfs);
    }

    private static ComputeUnit clocked(ComputeUnit u, Board b) {
        Double hz = b.clocksHz().get(u.name());
        return hz == null ? u : new ComputeUnit(u.name(), u.kind(), u.cores(), capped(u.opps(), hz), u.opsPerCycle(), u.efficiency(),
                u.power(), u.launchSeconds(), u.gatedWhenIdle(), u.recompileSeconds(), u.copyBytesPerCycle(), u.dequantDotCycles());
    }

    private static OppTable capped(OppTable t, double hz) {
        List<Opp> kept = new java.util.ArrayList<>(t.opps().stream().filter(o -> o.hz() < hz).toList());
        double volts = t.opps().stream().filter(o -> o.hz() >= hz).map(Opp::volts).findFirst().orElse(t.highest().volts());
        kept.add(new Opp(hz, volts));
        return new OppTable(kept);
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

    public double peripheral(Peripheral state) {
        return peripheralWatts.get(state);
    }

    /** The precision an operation on {@code unit} computes in for weights stored as {@code weights}. */
    public Precision precision(String unit, org.nanomind.kernels.GgmlType weights) {
        ComputeUnit u = unit(unit);
        if (u.kind() == ComputeUnit.Kind.NPU) {
            return weights == org.nanomind.kernels.GgmlType.I8 ? Precision.INT8 : Precision.FP16;
        }
        boolean quantized = weights.blockSize() > 1;
        if (quantized && u.kind() != ComputeUnit.Kind.GPU && u.supports(Precision.INT8)) {
            return Precision.INT8; // llama.cpp on the CPU quantizes activations to 8 bits and uses dot products
        }
        if (weights == org.nanomind.kernels.GgmlType.F32 && u.kind() != ComputeUnit.Kind.GPU) {
            return Precision.FP32;
        }
        return u.supports(Precision.FP16) ? Precision.FP16 : Precision.FP32; // W4A16 on the GPU
    }

    /** The activation storage a unit uses: FP16 on the GPU and NPU (W4A16), FP32 on the CPU. */
    public org.nanomind.kernels.GgmlType activations(String unit) {
        return unit(unit).kind() == ComputeUnit.Kind.CPU ? org.nanomind.kernels.GgmlType.F32 : org.nanomind.kernels.GgmlType.F16;
    }

    /** The OPP table of {@code unit}: a compute unit's, or the memory controller's for "dram". */
    public OppTable opps(String unit) {
        return unit.equals("dram") ? dram.opps() : unit(unit).opps();
    }

    /** Whether {@code unit} computes on buffers mapped for the GPU (its modules' memory is GPU-mapped). */
    public boolean gpuMapped(String unit) {
        return unit(unit).kind() == ComputeUnit.Kind.GPU;
    }
}
