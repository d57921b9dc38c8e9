package org.nanomind.soc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nanomind.kernels.GgmlType;
import org.nanomind.power.EnergyLedger;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.sim.Demand;
import org.nanomind.sim.FluidModel;
import org.nanomind.sim.Resource;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.TraceSink;
import org.nanomind.soc.cost.CostModel;

/**
 * The board at run time: every compute unit and the one DRAM all of them share, as resources of sim-core's
 * fluid model. An operation on a unit demands its bytes of DRAM and its cycles of the unit; overlapping
 * operations slow each other exactly as max-min sharing of the DRAM dictates. Each unit runs at its
 * current OPP (capacity in cycles per second); power follows every change of load, OPP or peripheral
 * state into the energy ledger, by component: cpu, gpu, npu, dram, peripherals, board.
 */
public final class Soc {
    public static final List<String> COMPONENTS = List.of("cpu", "gpu", "npu", "dram", "peripherals", "board");
    /** The trace's power counter of each component, named once (power is updated on every rate change). */
    private static final Map<String, String> POWER_TRACKS = COMPONENTS.stream()
            .collect(java.util.stream.Collectors.toMap(c -> c, c -> "power " + c + " (W)"));

    private final Simulation sim;
    private final Platform platform;
    private final FluidModel fluid;
    private final EnergyLedger ledger;
    private final Memory memory;
    private final Resource dram;
    private final Resource storage;
    private final Map<String, Resource> units = new LinkedHashMap<>();
    private final Map<String, List<Resource>> cores = new LinkedHashMap<>();
    private final Map<String, Opp> opps = new LinkedHashMap<>();
    private final Map<String, Integer> online = new LinkedHashMap<>();
    private final Set<Peripheral> peripheralsOn = java.util.EnumSet.noneOf(Peripheral.class);
    private final Occupancy occupancy;
    private final TraceSink trace;
    private java.util.function.Consumer<OpRecord> listener;
    private int dramModules;
    private final Map<String, Double> caps = new LinkedHashMap<>();
    private String npuShape = "";
    private final Set<String> governed = new java.util.HashSet<>();
    private final Map<String, Runnable> wakers = new java.util.HashMap<>();

    public Soc(Simulation sim, Platform platform, EnergyLedger ledger, TraceSink trace) {
        this.sim = sim;
        this.platform = platform;
        this.ledger = ledger;
        this.fluid = new FluidModel(sim, trace);
        this.memory = new Memory(platform.dram().capacityBytes(), sim.now());
        this.occupancy = new Occupancy(sim.now());
        this.trace = trace;
        this.dramModules = platform.dram().modules();
        Opp dmc = platform.dram().opps().highest();
        opps.put("dram", dmc);
        this.dram = fluid.resource("dram", platform.dram().achievableBytesPerSecond(dmc, dramModules));
        this.storage = fluid.resource("storage", platform.storageReadBytesPerSecond());
        for (ComputeUnit c : platform.cpuClusters()) {
            List<Resource> rs = new ArrayList<>();
            for (int i = 0; i < c.cores(); i++) {
                rs.add(fluid.resource(c.name() + "." + i, c.opps().highest().hz()));
            }
            cores.put(c.name(), rs);
            opps.put(c.name(), c.opps().highest());
            online.put(c.name(), c.cores());
        }
        for (ComputeUnit u : List.of(platform.gpu(), platform.npu())) {
            units.put(u.name(), fluid.resource(u.name(), u.opps().highest().hz()));
            opps.put(u.name(), u.opps().highest());
        }
        fluid.onRatesChanged(this::updatePower);
        updatePower();
    }

    public Platform platform() {
        return platform;
    }

    public Simulation sim() {
        return sim;
    }

    public Memory memory() {
        return memory;
    }

    public EnergyLedger ledger() {
        return ledger;
    }

    public Resource dramResource() {
        return dram;
    }

    public Opp opp(String unit) {
        return opps.get(unit);
    }

    /**
     * Sets a unit's OPP ("dram" for the memory controller); the rates of running work follow at once. A unit a
     * Linux governor drives ({@link #govern}) ignores the request, as the kernel ignores a schedule's wish
     * under any governor but userspace.
     */
    public void setOpp(String unit, Opp opp) {
        if (!governed.contains(unit)) {
            applyOpp(unit, opp);
        }
    }

    /** Hands {@code unit}'s clock to a governor: from now on only {@link #governorOpp} moves it. */
    public void govern(String unit, Runnable onWork) {
        governed.add(unit);
        wakers.put(unit, onWork);
    }

    /** The governor's choice for a unit it drives, clamped to the unit's cap like any request. */
    public void governorOpp(String unit, Opp opp) {
        applyOpp(unit, opp);
    }

    /** Busy seconds so far of each online core of a CPU cluster, or of an accelerator (one value). */
    public double[] coreBusySeconds(String unit) {
        List<Resource> rs = cores.containsKey(unit) ? cores.get(unit).subList(0, online.get(unit)) : List.of(units.get(unit));
        return rs.stream().mapToDouble(r -> occupancy.busySeconds(r.name(), sim.now())).toArray();
    }

    private void applyOpp(String unit, Opp opp) {
        Double cap = caps.get(unit);
        if (unit.equals("dram")) {
            if (!platform.dram().opps().opps().contains(opp)) {
                throw new IllegalArgumentException("not a DMC OPP of " + platform.name() + ": " + opp);
            }
            if (cap != null && opp.hz() > cap) {
                opp = platform.dram().opps().atMost(cap);
            }
            opps.put("dram", opp);
            dram.setCapacity(platform.dram().achievableBytesPerSecond(opp, dramModules));
            return;
        }
        ComputeUnit u = platform.unit(unit);
        if (!u.opps().opps().contains(opp)) {
            throw new IllegalArgumentException("not an OPP of " + unit + ": " + opp);
        }
        if (cap != null && opp.hz() > cap) {
            opp = u.opps().atMost(cap); // as cpufreq's scaling_max_freq and devfreq's max_freq clamp a request
        }
        opps.put(unit, opp);
        if (cores.containsKey(unit)) {
            List<Resource> rs = cores.get(unit);
            for (int i = 0; i < rs.size(); i++) {
                rs.get(i).setCapacity(i < online.get(unit) ? opp.hz() : 0);
            }
        } else {
            units.get(unit).setCapacity(opp.hz());
        }
    }

    /**
     * Caps a unit's clock ("dram" for the memory controller): from now on every OPP asked above the cap runs
     * at the highest one at or below it, as cpufreq's scaling_max_freq and devfreq's max_freq do.
     */
    public void limit(String unit, double maxHz) {
        OppTable table = platform.opps(unit);
        if (maxHz < table.lowest().hz()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a cap of %.0f MHz is below %s's lowest OPP, %.0f MHz",
                    maxHz / 1e6, unit, table.lowest().hz() / 1e6));
        }
        caps.put(unit, maxHz);
        applyOpp(unit, opps.get(unit));
    }

    /** The fastest OPP a unit may run at: its highest, or the highest under its cap. */
    public Opp top(String unit) {
        OppTable table = platform.opps(unit);
        Double cap = caps.get(unit);
        return cap == null ? table.highest() : table.atMost(cap);
    }

    public int dramModules() {
        return dramModules;
    }

    /** Populated DRAM modules (a design-space axis): bandwidth is bounded by the controller's bus. */
    public void setDramModules(int modules) {
        if (modules < 1 || modules > platform.dram().modules()) {
            throw new IllegalArgumentException("DRAM modules must be 1.." + platform.dram().modules() + ", got " + modules);
        }
        dramModules = modules;
        dram.setCapacity(platform.dram().achievableBytesPerSecond(opps.get("dram"), modules));
    }

    /** Every core online and every compute unit at its top OPP: the state for running modules flat out. */
    public void computeAtTop() {
        for (ComputeUnit c : platform.cpuClusters()) {
            setOnlineCores(c.name(), c.cores());
            setOpp(c.name(), c.opps().highest());
        }
        setOpp("gpu", platform.gpu().opps().highest());
        setOpp("npu", platform.npu().opps().highest());
    }

    /**
     * Runs a brick's operations for one request on its unit; for a decoder, {@code onDecodeStart} is called
     * when the prefill is done and token-by-token decoding begins.
     */
    public void runBrick(Brick brick, String unit, int threads, Brick.Request request, Runnable onDecodeStart, Runnable done) {
        if (brick instanceof GraphBrick g) {
            GraphRun.run(this, g.place(platform, unit, threads), done);
            return;
        }
        Brick.Transformer b = (Brick.Transformer) brick;
        GgmlType act = platform.activations(unit);
        Precision precision = platform.precision(unit, b.weights());
        if (b instanceof DecoderBrick d) {
            executeAll(unit, d.prefill(request.promptTokens() + request.imageTokens(), act), precision, threads, () -> {
                onDecodeStart.run();
                executeAll(unit, d.decode(request, act), precision, threads, done);
            });
        } else {
            executeAll(unit, b.run(request, act), precision, threads, done);
        }
    }

    /** Keeps {@code n} cores of a CPU cluster online; the others are hot-plugged off and draw nothing. */
    public void setOnlineCores(String cluster, int n) {
        List<Resource> rs = cores.get(cluster);
        if (rs == null || n < 1 || n > rs.size()) {
            throw new IllegalArgumentException("cluster " + cluster + " has cores 1.." + (rs == null ? 0 : rs.size()) + ", asked " + n);
        }
        online.put(cluster, n);
        applyOpp(cluster, opps.get(cluster));
    }

    public void setPeripheral(Peripheral state, boolean on) {
        if (on ? peripheralsOn.add(state) : peripheralsOn.remove(state)) {
            updatePower();
        }
    }

    /**
     * Runs {@code op} on {@code unit} ({@code threads} cores of a CPU cluster), after its kernel launch
     * overhead, and calls {@code done} when it has finished.
     */
    public void execute(String unit, Op op, Precision precision, int threads, Runnable done) {
        execute(unit, op.name(), CostModel.of(op, platform.unit(unit), precision, threads), done);
    }

    /**
     * Runs an operation whose demands the cost model gave: after its launch, its cycles on each of its cores
     * of {@code unit} (the first ones online) and its bytes on the shared DRAM; calls {@code done} at the end.
     */
    public void execute(String unit, String name, CostModel.Cost cost, Runnable done) {
        List<Demand> demands = new ArrayList<>();
        demands.add(new Demand(dram, cost.bytes()));
        List<Resource> on = new ArrayList<>();
        if (cores.containsKey(unit)) {
            int n = Math.min(cost.cores(), online.get(unit));
            // With cores hot-plugged off, the threads' work is shared by the cores still online.
            double perCore = n == cost.cores() ? cost.cyclesPerCore() : cost.cyclesPerCore() * cost.cores() / n;
            for (int i = 0; i < n; i++) {
                on.add(cores.get(unit).get(i));
                demands.add(new Demand(on.getLast(), perCore));
            }
        } else {
            on.add(units.get(unit));
            demands.add(new Demand(on.getLast(), cost.cyclesPerCore()));
        }
        double compute = demands.getLast().amount() / on.getFirst().capacity();
        sim.schedule(cost.launchSeconds(), () -> run(unit, name, on, demands, compute, done));
    }

    /**
     * Starts an activity on {@code on} (their first names its trace track; the other cores of a
     * multi-threaded operation get the same slice), marks them busy while it runs, reports it to the
     * operation listener when it ends, then calls {@code done}.
     *
     * @param computeSeconds how long it would take with the DRAM all to itself (NaN: not a DRAM user)
     */
    private void run(String unit, String name, List<Resource> on, List<Demand> demands, double computeSeconds, Runnable done) {
        double start = sim.now();
        Runnable wake = wakers.get(unit);
        if (wake != null) {
            wake.run(); // a governor asleep while its unit idled samples again (a deferrable timer on a woken CPU)
        }
        for (Resource r : on) {
            occupancy.begin(unit, r, start);
        }
        for (int i = 1; i < on.size(); i++) {
            trace.begin(on.get(i).name(), name, start);
        }
        fluid.start(on.getFirst().name(), name, demands, Double.POSITIVE_INFINITY, a -> {
            double end = sim.now();
            for (int i = on.size() - 1; i >= 0; i--) {
                occupancy.end(unit, on.get(i), end);
                if (i > 0) {
                    trace.end(on.get(i).name(), name, end);
                }
            }
            if (listener != null) {
                listener.accept(new OpRecord(unit, name, start, end, computeSeconds));
            }
            done.run();
        });
    }

    /** Reports every operation, load and copy as it ends to {@code l} (null: to no one). */
    public void onOperation(java.util.function.Consumer<OpRecord> l) {
        this.listener = l;
    }

    /**
     * Busy seconds of a unit from the start of the run until now, as top and devfreq count them (a unit
     * stalled on DRAM is busy); for a CPU cluster, busy core-seconds divided by its cores.
     */
    public double busySeconds(String unit) {
        double s = occupancy.busySeconds(unit, sim.now());
        return cores.containsKey(unit) ? s / cores.get(unit).size() : s;
    }

    /**
     * A host thread that polls on the first core of {@code cluster} until the returned action stops it:
     * the core is busy and draws power, as a spinning thread does, while it waits for another unit.
     */
    public Runnable spin(String cluster, String why) {
        Resource core = cores.get(cluster).getFirst();
        occupancy.begin(cluster, core, sim.now());
        // Work that never ends by itself: the core runs flat out until the waiter is released.
        var a = fluid.start(core.name(), "spin: " + why, List.of(new Demand(core, Double.MAX_VALUE)),
                Double.POSITIVE_INFINITY, x -> { });
        return () -> {
            fluid.abort(a);
            occupancy.end(cluster, core, sim.now());
        };
    }

    /** Runs {@code ops} one after another on {@code unit}, then calls {@code done}. */
    public void executeAll(String unit, List<Op> ops, Precision precision, int threads, Runnable done) {
        executeFrom(unit, ops, 0, precision, threads, done);
    }

    private void executeFrom(String unit, List<Op> ops, int k, Precision precision, int threads, Runnable done) {
        if (k == ops.size()) {
            done.run();
            return;
        }
        execute(unit, ops.get(k), precision, threads, () -> executeFrom(unit, ops, k + 1, precision, threads, done));
    }

    /** NPU models are compiled for one input shape: a different shape costs the platform's recompile time. */
    public double npuShapeChange(String shape) {
        if (npuShape.equals(shape)) {
            return 0;
        }
        boolean first = npuShape.isEmpty();
        npuShape = shape;
        return first ? 0 : platform.npu().recompileSeconds();
    }

    /** Reads {@code bytes} from storage into DRAM (loading a module), then calls {@code done}. */
    public void load(String name, long bytes, Runnable done) {
        run("storage", "load " + name, List.of(storage), List.of(new Demand(storage, bytes), new Demand(dram, bytes)), Double.NaN, done);
    }

    /** Copies {@code bytes} through CPU-managed buffers (llama.cpp's path): read and write on DRAM by one core. */
    public void copy(String name, long bytes, Runnable done) {
        ComputeUnit cpu = platform.cpu();
        Resource core = cores.get(cpu.name()).getFirst();
        double cycles = bytes / cpu.copyBytesPerCycle();
        run(cpu.name(), "copy " + name, List.of(core), List.of(new Demand(dram, 2.0 * bytes), new Demand(core, cycles)),
                cycles / core.capacity(), done);
    }

    /** Recomputes every component's power and hands it to the ledger (called on every rate change). */
    public void updatePower() {
        double cpu = 0;
        for (ComputeUnit c : platform.cpuClusters()) {
            Opp opp = opps.get(c.name());
            List<Resource> rs = cores.get(c.name());
            for (int i = 0; i < online.get(c.name()); i++) {
                Resource r = rs.get(i);
                cpu += c.power().power(opp, r.capacity() > 0 ? Math.min(1, r.load() / r.capacity()) : 0);
            }
        }
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("cpu", cpu);
        w.put("gpu", acceleratorPower(platform.gpu()));
        w.put("npu", acceleratorPower(platform.npu()));
        w.put("dram", platform.dram().power().power(opps.get("dram"), dram.load()));
        double peripherals = 0;
        for (Peripheral p : peripheralsOn) {
            peripherals += platform.peripheral(p);
        }
        w.put("peripherals", peripherals);
        w.put("board", platform.boardWatts() + (storage.load() > 0 ? platform.storageActiveWatts() : 0));
        ledger.set(sim.now(), w);
        if (trace != TraceSink.NONE) {
            w.forEach((c, watts) -> trace.counter(POWER_TRACKS.get(c), watts, sim.now()));
        }
    }

    private double acceleratorPower(ComputeUnit u) {
        Resource r = units.get(u.name());
        double activity = r.capacity() > 0 ? Math.min(1, r.load() / r.capacity()) : 0;
        if (u.gatedWhenIdle() && activity == 0) {
            return 0;
        }
        return u.power().power(opps.get(u.name()), activity);
    }
}
