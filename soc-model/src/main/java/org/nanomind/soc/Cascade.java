package org.nanomind.soc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paper's low-power on-demand cascade: between events one CPU core waits at its lowest OPP with the
 * GPU and NPU gated off; an event runs the modules in turn, each loaded from storage, run and released
 * before the next loads, passing only text or embeddings on. Embeddings go from the vision encoder to the
 * decoder through a TABM slot (zero-copy) or, on the llama.cpp-style path, through a CPU copy.
 */
public final class Cascade {
    /**
     * A module of the cascade on its unit; a decoder on a CPU cluster with {@code offload} non-null runs
     * llama.cpp's layer offload. {@code after} names the stages it waits for (null: the one listed before it;
     * empty: none, it starts with the event), {@link StageGraph}.
     */
    public record Stage(Brick brick, String unit, int threads, LayerOffload offload, List<String> after) {
        public Stage {
            after = after == null ? null : List.copyOf(after);
        }

        public Stage(Brick brick, String unit, int threads, LayerOffload offload) {
            this(brick, unit, threads, offload, null);
        }

        public Stage(Brick brick, String unit, int threads) {
            this(brick, unit, threads, null, null);
        }
    }

    /** Where one stage's time went; for a decoder, how much of its run was token-by-token decoding. */
    public record StageResult(String brick, String unit, double loadSeconds, double runSeconds, double decodeSeconds) {
    }

    /**
     * One event: its stages, latency until the answer's audio starts, energy by component, busy seconds by
     * unit until the answer (a CPU cluster's in cores: busy core-seconds over its cores), and what stopped it
     * early (a module that did not fit in memory), or null.
     */
    public record Result(double start, double latencySeconds, double endSeconds, List<StageResult> stages,
                         Map<String, Double> energyJoules, Map<String, Double> busySeconds, String failure) {
    }

    private final Soc soc;
    private final List<Stage> stages;
    private final Brick.Request request;
    private final boolean zeroCopy;
    private final double cameraCaptureSeconds;
    private final Tabm tabm;
    private final StageGraph graph;
    private BrickRunner runner;

    /**
     * Runs a stage's brick in a functional run: computes it for real and advances the simulated clock by
     * the timing model. {@code slot} is the TABM slot the brick writes (an encoder) or reads (a decoder), or
     * -1; {@code copied} says the decoder's input went through a CPU copy rather than being bound in place.
     */
    public interface BrickRunner {
        boolean handles(Brick b);

        void run(Stage s, int slot, boolean copied, Runnable onDecodeStart, Runnable done);
    }

    /** From now on, bricks that {@code r} handles run functionally (null: the timing model alone). */
    public void setRunner(BrickRunner r) {
        this.runner = r;
    }

    /**
     * @param cameraCaptureSeconds how long the camera streams to capture the one frame an event uses
     */
    public Cascade(Soc soc, List<Stage> stages, Brick.Request request, boolean zeroCopy, double cameraCaptureSeconds) {
        this.soc = soc;
        this.stages = new ArrayList<>(stages);
        this.graph = StageGraph.checked(this.stages);
        this.request = request;
        this.zeroCopy = zeroCopy;
        this.cameraCaptureSeconds = cameraCaptureSeconds;
        long slot = stages.stream().map(Stage::brick).filter(b -> b instanceof VisionBrick)
                .mapToLong(b -> ((VisionBrick) b).embeddingBytes()).max().orElse(1);
        this.tabm = new Tabm(2, slot);
        // The GPU binds the pool's slots in place; on the copy path they are the CPU's buffers. No vision, no pool.
        if (stages.stream().anyMatch(st -> st.brick() instanceof VisionBrick)) {
            soc.memory().allocate("tabm pool", tabm.poolBytes(), soc.sim().now(), zeroCopy);
        }
        idle();
    }

    /** Checks the stages' order as a cascade of them would ({@link StageGraph#checked}). */
    public static void checkOrder(List<Stage> stages) {
        StageGraph.checked(stages);
    }

    public Tabm tabm() {
        return tabm;
    }

    /** Standby: one core at its lowest OPP, the memory controller at its lowest, the microphone listening. */
    public void idle() {
        Platform p = soc.platform();
        for (ComputeUnit c : p.cpuClusters()) {
            soc.setOnlineCores(c.name(), 1);
            soc.setOpp(c.name(), c.opps().lowest());
        }
        soc.setOpp("gpu", p.gpu().opps().lowest());
        soc.setOpp("npu", p.npu().opps().lowest());
        soc.setOpp("dram", p.dram().opps().lowest());
        soc.setPeripheral(Peripheral.MICROPHONE_LISTENING, true);
        soc.setPeripheral(Peripheral.CAMERA_STANDBY, true);
    }

    /**
     * Loads every module not yet loaded, one after another, and keeps them loaded between events (as an interactive
     * runtime does) until {@link #release}; then calls {@code done} with null, or with why a module did not fit in
     * memory. A module loaded before an event is neither loaded nor released by it; the others are loaded and
     * released within each event (the on-demand cascade).
     */
    public void preload(Consumer<String> done) {
        preloadFrom(0, done);
    }

    /**
     * Places {@code gpuLayers} of the decoder {@code brick}'s layers on the GPU (llama.cpp's -ngl; 0: all on its CPU
     * cluster): a placement decision, between events, for a decoder on a CPU cluster whose module is not kept loaded.
     */
    public void offload(String brick, int gpuLayers) {
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.brick().name().equals(brick)) {
                if (!(s.brick() instanceof DecoderBrick) || soc.platform().unit(s.unit()).kind() != ComputeUnit.Kind.CPU) {
                    throw new IllegalArgumentException("layer offload is for a decoder on a CPU cluster; " + brick + " is a "
                            + s.brick().getClass().getSimpleName() + " on " + s.unit());
                }
                if (soc.memory().holds(brick)) {
                    throw new IllegalStateException(brick + " is loaded: place its layers before it is, or after its release");
                }
                stages.set(i, new Stage(s.brick(), s.unit(), s.threads(), new LayerOffload(gpuLayers), s.after()));
                return;
            }
        }
        throw new IllegalArgumentException("no stage '" + brick + "' (stages: " + stages.stream().map(x -> x.brick().name()).toList() + ")");
    }

    /** The stages, in the order the scenario lists them. */
    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** Releases every module kept loaded by {@link #preload}; call it between events. */
    public void release() {
        for (Stage s : stages) {
            if (soc.memory().holds(s.brick().name())) {
                release(s);
            }
        }
    }

    private void preloadFrom(int i, Consumer<String> done) {
        if (i == stages.size()) {
            done.accept(null);
            return;
        }
        if (soc.memory().holds(stages.get(i).brick().name())) {
            preloadFrom(i + 1, done);
            return;
        }
        if (!allocate(stages.get(i))) {
            done.accept("out of memory: " + soc.memory().failures().getLast());
            return;
        }
        Brick b = stages.get(i).brick();
        soc.load(b.name(), b.weightBytes(), () -> preloadFrom(i + 1, done));
    }

    /**
     * A module's memory: its weights and KV cache (GPU-mapped when it runs on the GPU) and, under layer
     * offload, the GPU's copies of its offloaded layers; false (nothing kept) if they do not fit.
     */
    private boolean allocate(Stage s) {
        Brick b = s.brick();
        double now = soc.sim().now();
        long kv = runtimeBytes(b);
        long gpuBytes = 0;
        if (s.offload() != null && b instanceof DecoderBrick d) {
            // The offloaded layers keep their KV cache in GPU buffers, next to their copied weights.
            long gpuKv = kv * s.offload().onGpu(d) / d.layers();
            kv -= gpuKv;
            gpuBytes = s.offload().gpuWeightBytes(d) + gpuKv;
        }
        if (!soc.memory().allocate(b.name(), b.weightBytes() + kv, now, soc.platform().gpuMapped(s.unit()))) {
            return false;
        }
        if (gpuBytes > 0 && !soc.memory().allocate(b.name() + " gpu buffers", gpuBytes, now, true)) {
            soc.memory().release(b.name(), now);
            return false;
        }
        return true;
    }

    private void release(Stage s) {
        double now = soc.sim().now();
        soc.memory().release(s.brick().name(), now);
        if (soc.memory().holds(s.brick().name() + " gpu buffers")) {
            soc.memory().release(s.brick().name() + " gpu buffers", now);
        }
    }

    /** Runs one event now; {@code done} receives its result when the answer has been played. */
    public void trigger(Consumer<Result> done) {
        double start = soc.sim().now();
        Map<String, Double> before = energies();
        Map<String, Double> busyBefore = busy();
        soc.computeAtTop();
        soc.setOpp("dram", soc.platform().dram().opps().highest());
        List<StageResult> results = new ArrayList<>();
        String[] failure = {null};
        EventRun run = new EventRun(results, failure);
        run.done = () -> {
            results.sort(java.util.Comparator.comparingInt(r -> indexOf(r.brick())));
            double latency = soc.sim().now() - start;
            Map<String, Double> busy = busy();
            busy.replaceAll((k, v) -> v - busyBefore.get(k));
            double audio = failure[0] != null ? 0 : stages.stream().map(Stage::brick).filter(b -> b instanceof TtsBrick)
                    .mapToDouble(b -> ((TtsBrick) b).audioSeconds(request)).sum();
            soc.setPeripheral(Peripheral.SPEAKER_PLAYING, true);
            soc.sim().schedule(audio, () -> {
                soc.setPeripheral(Peripheral.SPEAKER_PLAYING, false);
                idle();
                Map<String, Double> after = energies();
                Map<String, Double> used = new LinkedHashMap<>();
                after.forEach((k, v) -> used.put(k, v - before.get(k)));
                done.accept(new Result(start, latency, soc.sim().now() - start, results, used, busy, failure[0]));
            });
        };
        run.startReady();
    }

    private int indexOf(String brick) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).brick().name().equals(brick)) {
                return i;
            }
        }
        return stages.size();
    }

    /**
     * One event's walk through the stage graph: a stage starts once its predecessors have finished; after a failure
     * (a module that did not fit) nothing more starts, and the event ends when the stages in flight have finished.
     */
    private final class EventRun {
        final List<StageResult> results;
        final String[] failure;
        final boolean[] started = new boolean[stages.size()];
        final boolean[] finished = new boolean[stages.size()];
        int inFlight;
        /** The TABM slot the vision encoder committed for this event, or -1. */
        int slot = -1;
        Runnable done;

        EventRun(List<StageResult> results, String[] failure) {
            this.results = results;
            this.failure = failure;
        }

        /** Starts, in the order they are listed, the stages whose predecessors have all finished; ends the event when none is left. */
        void startReady() {
            if (failure[0] == null) {
                for (int i = 0; i < stages.size(); i++) {
                    if (!started[i] && graph.predecessors().get(i).stream().allMatch(p -> finished[p])) {
                        started[i] = true;
                        inFlight++;
                        runStage(i, this);
                        if (failure[0] != null) {
                            break;
                        }
                    }
                }
            }
            if (inFlight == 0 && done != null) {
                Runnable d = done;
                done = null;
                d.run();
            }
        }

        void stageDone(int i) {
            finished[i] = true;
            inFlight--;
            startReady();
        }
    }

    private Map<String, Double> busy() {
        Map<String, Double> b = new LinkedHashMap<>();
        for (ComputeUnit c : soc.platform().cpuClusters()) {
            b.put(c.name(), soc.busySeconds(c.name()));
        }
        b.put("gpu", soc.busySeconds("gpu"));
        b.put("npu", soc.busySeconds("npu"));
        return b;
    }

    private Map<String, Double> energies() {
        Map<String, Double> e = new LinkedHashMap<>();
        for (String c : Soc.COMPONENTS) {
            e.put(c, soc.ledger().energy(c, soc.sim().now()));
        }
        return e;
    }

    private void runStage(int i, EventRun ev) {
        int slot = ev.slot;
        List<StageResult> results = ev.results;
        String[] failure = ev.failure;
        Stage s = stages.get(i);
        Brick b = s.brick();
        double t0 = soc.sim().now();
        double[] decodeStart = {Double.NaN};
        int[] written = {-1};
        boolean loaded = soc.memory().holds(b.name()); // kept loaded by preload: this event neither loads nor releases it
        if (!loaded && !allocate(s)) {
            // Out of memory is an outcome: the event stops here and says why.
            failure[0] = "out of memory: " + soc.memory().failures().getLast();
            if (slot >= 0) {
                tabm.release(tabm.acquireRead());
                ev.slot = -1;
            }
            ev.inFlight--;
            return; // the walk that started this stage ends the event once nothing is in flight
        }
        soc.load(b.name(), loaded ? 0 : b.weightBytes(), () -> {
            double t1 = soc.sim().now();
            Runnable afterRun = () -> {
                if (!loaded) {
                    release(s);
                }
                if (soc.memory().holds("copy buffer")) {
                    soc.memory().release("copy buffer", soc.sim().now());
                }
                double decode = Double.isNaN(decodeStart[0]) ? 0 : soc.sim().now() - decodeStart[0];
                results.add(new StageResult(b.name(), s.unit(), t1 - t0, soc.sim().now() - t1, decode));
                if (b instanceof VisionBrick) {
                    ev.slot = written[0];
                    tabm.commit(written[0]);
                }
                ev.stageDone(i);
            };
            Runnable ran = () -> {
                if (b instanceof DecoderBrick && slot >= 0 && zeroCopy) {
                    tabm.release(slot);
                }
                afterRun.run();
            };
            Runnable decodeStarts = () -> decodeStart[0] = soc.sim().now();
            java.util.function.IntConsumer runWith = at -> {
                if (runner != null && runner.handles(b)) {
                    runner.run(s, at, !zeroCopy, decodeStarts, ran);
                } else if (s.offload() != null && b instanceof DecoderBrick d) {
                    s.offload().run(soc, d, s.unit(), s.threads(), request, decodeStarts, ran);
                } else {
                    soc.runBrick(b, s.unit(), s.threads(), request, decodeStarts, ran);
                }
            };
            // The encoder writes its embeddings straight into a slot it holds for writing (the NPU's output buffer).
            Runnable run = b instanceof VisionBrick ? () -> runWith.accept(written[0] = tabm.acquireWrite())
                    : () -> handOver(b, slot, runWith);
            if (b instanceof VisionBrick v) {
                double delay = soc.npuShapeChange(v.imageSize() + "x" + v.imageSize());
                soc.setPeripheral(Peripheral.CAMERA_ACTIVE, true);
                soc.sim().schedule(Math.max(delay, cameraCaptureSeconds), () -> {
                    soc.setPeripheral(Peripheral.CAMERA_ACTIVE, false);
                    run.run();
                });
            } else {
                run.run();
            }
        });
    }

    /**
     * The decoder binds the slot the encoder wrote (zero-copy), or copies it through CPU buffers first;
     * {@code next} gets the slot read, or -1 when there is none.
     */
    private void handOver(Brick b, int slot, java.util.function.IntConsumer next) {
        if (!(b instanceof DecoderBrick) || slot < 0) {
            next.accept(-1);
            return;
        }
        int read = tabm.acquireRead();
        if (zeroCopy) {
            next.accept(read);
            return;
        }
        long bytes = tabm.slotBytes();
        // llama.cpp keeps CPU-managed buffers for the tensors it hands the GPU: they live while the decoder runs.
        soc.memory().allocate("copy buffer", bytes, soc.sim().now(), true);
        soc.copy("embeddings", bytes, () -> {
            next.accept(read);
            tabm.release(read);
        });
    }

    private long runtimeBytes(Brick b) {
        if (b instanceof DecoderBrick d) {
            return d.kvBytesPerToken() * (request.promptTokens() + request.imageTokens() + request.answerTokens());
        }
        return 0;
    }
}
