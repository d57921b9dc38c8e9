package org.nanomind.scenarios;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.kernels.GgmlType;
import org.nanomind.power.EnergyLedger;
import org.nanomind.power.Pmu;
import org.nanomind.scenarios.scheduler.Scheduler;
import org.nanomind.scenarios.scheduler.Schedulers;
import org.nanomind.sim.PoissonProcess;
import org.nanomind.sim.RandomStreams;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.Tally;
import org.nanomind.soc.Brick;
import org.nanomind.soc.CameraPipeline;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.functional.Functional;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Soc;
import org.nanomind.soc.Twin;
import org.nanomind.soc.VisionBrick;

/**
 * Builds the twin a scenario describes and runs it: events arrive (Poisson, periodic, or from a trace
 * file), each runs the cascade, one at a time in arrival order; the run ends when the battery is empty,
 * at the scenario's duration, or after its number of events. Outputs stream to disk as the run goes.
 */
public final class Runner {
    private Runner() {
    }

    /** Runs {@code sc}; writes its outputs under {@code out} unless it is null; reports progress to {@code progress}. */
    public static Summary run(Scenario sc, Path out, PrintWriter progress) {
        return run(sc, out, progress, RunBudget.DEFAULT);
    }

    /** {@link #run(Scenario, Path, PrintWriter)} within {@code budget}: a run that could exceed it is refused before it starts. */
    public static Summary run(Scenario sc, Path out, PrintWriter progress, RunBudget budget) {
        long wallStart = System.nanoTime();
        Platform platform = PlatformFile.named(sc.platform());
        budget.check(sc, platform);
        List<Cascade.Stage> stages = Bricks.stages(sc, platform);
        int imageTokens = stages.stream().map(Cascade.Stage::brick).filter(b -> b instanceof VisionBrick)
                .mapToInt(b -> ((VisionBrick) b).tokens()).max().orElse(0);
        Scenario.Workload w = sc.workload();
        Brick.Request request = new Brick.Request(w.promptTokens(), imageTokens, w.answerTokens(), w.questionWords(), w.answerWords());
        List<Double> traceTimes = w.arrivals().equals("trace") ? TraceArrivals.read(w.traceFile()) : List.of();

        try (Outputs outputs = Outputs.open(out, sc, stages.stream().map(st -> st.brick().name()).toList())) {
            Twin twin = Twin.of(platform, outputs.trace());
            Simulation sim = twin.sim();
            EnergyLedger ledger = twin.ledger();
            Soc soc = twin.soc();
            applyLimits(sc, soc);
            Cascade cascade = new Cascade(soc, stages, request, sc.zeroCopy(), w.cameraCaptureSeconds());
            Functional functional = FunctionalSetup.attach(sc, soc, cascade, stages, request, progress);
            Answers answers = new Answers();
            CameraPipeline camera = sc.camera() == null ? null : camera(sc, soc, cascade, stages, request,
                    (lat, dec) -> answers.addStream(lat, request.answerTokens(), dec));
            List<String> failures = new ArrayList<>();
            Scenario.SchedulerSpec spec = sc.scheduler();
            EventLoop events = new EventLoop(sim, ledger, soc, cascade, outputs, answers, request, sc.untilEvents(),
                    Schedulers.named(spec.name()).create(spec.params()), failures, camera == null ? null : control(sc, camera, cascade));
            // Events arrive once the scheduler is ready (a resident one has loaded every module first).
            events.begin(() -> startArrivals(sc, sim, traceTimes, events::arrive));
            new Pmu(sim, ledger, sc.pmuHz(), events::sampled);
            if (Double.isFinite(sc.untilSeconds())) {
                sim.scheduleAt(sc.untilSeconds(), sim::stop);
            }
            try (Progress p = new Progress(progress, new Progress.End(sc.untilSeconds(), sc.untilEvents()), Progress.onTerminal())) {
                sim.runUntil(() -> {
                    p.update(sim.now(), sim.eventsExecuted(), events.finished(), ledger.battery().soc());
                    return ledger.battery().isEmpty();
                });
            } catch (RuntimeException e) {
                if (functional != null) {
                    functional.close(); // the kernels' memory and any OpenCL context go with the failed run
                }
                throw e;
            }
            if (camera != null && camera.failure() != null) {
                failures.add(0, "camera pipeline: " + camera.failure());
            }
            boolean empty = ledger.battery().isEmpty();
            double end = empty ? ledger.emptyAt() : sim.now();
            if (!empty) {
                ledger.advance(end);
            }
            ledger.checkConservation();
            Map<String, Double> energy = new LinkedHashMap<>();
            double total = ledger.totalEnergy(end);
            energy.put("total", total);
            for (String c : Soc.COMPONENTS) {
                energy.put(c, ledger.energy(c, end));
            }
            Tally latency = answers.latency;
            Summary summary = new Summary(sc.name(), sc.seed(), end,
                    empty ? end / 3600 : null, end > 0 ? total / end : 0, energy,
                    (int) latency.count(), latency.percentile(50), latency.percentile(95), latency.count() == 0 ? Double.NaN : latency.max(),
                    answers.decodeTokensPerSecond(), decodeBound(soc, stages, request), answers.energyPerEvent(),
                    answers.busyPercent(), soc.memory().peak() / 1e6, soc.memory().gpuPeak() / 1e6, sim.eventsExecuted(),
                    failures, functional == null ? null : functionalReport(functional), graphs(stages, platform),
                    BrickAccuracy.of(sc, stages, functional == null ? Map.of() : functional.report().accuracy()),
                    (System.nanoTime() - wallStart) / 1e9);
            if (functional != null) {
                functional.close();
            }
            outputs.summary(summary);
            return summary;
        }
    }

    /**
     * Everything a run checks before it simulates, for the scenario and each of its variants: the platform
     * file, every brick's model (a graph file loaded with its input and every shape inferred), every unit and
     * runtime, an arrival trace's file, and the limits (each names a unit of the platform, and a clock it has) and
     * governors, applied to the SoC as a run applies them. Returns the number of bricks checked.
     */
    public static int check(Scenario sc) {
        int n = 0;
        List<Scenario> all = new java.util.ArrayList<>(List.of(sc));
        sc.variants().forEach(v -> all.add(sc.variant(v)));
        for (Scenario s : all) {
            Platform platform = PlatformFile.named(s.platform());
            RunBudget.DEFAULT.check(s, platform);
            n += Bricks.stages(s, platform).size();
            if (s.workload().arrivals().equals("trace")) {
                TraceArrivals.read(s.workload().traceFile()); // the arrival times, read and checked as a run reads them
            }
            applyLimits(s, Twin.of(platform).soc());
        }
        return n;
    }

    /** Where each graph brick's operators ran, or null when the scenario has none. */
    static Map<String, Object> graphs(List<Cascade.Stage> stages, Platform platform) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Cascade.Stage s : stages) {
            if (s.brick() instanceof org.nanomind.soc.GraphBrick g) {
                var steps = g.place(platform, s.unit(), s.threads());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("runtime", g.runtimeOn(platform, s.unit()));
                m.put("operators", g.graph().nodes().size());
                m.put("multiply_accumulates", g.graph().macs());
                Map<String, Long> byUnit = new java.util.TreeMap<>();
                steps.stream().filter(st -> st.node() != null).forEach(st -> byUnit.merge(st.unit(), 1L, Long::sum));
                m.put("operators_by_unit", byUnit);
                m.put("fell_back", steps.stream().filter(org.nanomind.soc.cost.Lowering.Placed::fellBack)
                        .map(st -> st.name() + " (" + st.node().type() + ", " + st.stored() + ")").toList());
                m.put("handovers", steps.stream().filter(org.nanomind.soc.cost.Lowering.Placed::handover).count());
                out.put(g.name(), m);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** What a functional run adds to the summary: its answers, its work checks, its accuracy proxies. */
    private static Map<String, Object> functionalReport(Functional f) {
        Functional.Report r = f.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answers", r.answers());
        m.put("answer_tokens", r.tokens());
        m.put("work_checks", r.workChecks());
        m.put("accuracy", r.accuracy());
        m.put("backends", r.backends());
        return m;
    }

    private static void applyLimits(Scenario sc, Soc soc) {
        String field = "limits";
        try {
            if (sc.limits().dramModules() != null) {
                field = "limits.dram_modules";
                soc.setDramModules(sc.limits().dramModules());
            }
            for (Map.Entry<String, Double> cap : sc.limits().maxHz().entrySet()) {
                field = "limits." + cap.getKey();
                soc.limit(cap.getKey(), cap.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(sc.source(), 0, 0, field, e.getMessage() + " (limits name a unit of " + sc.platform()
                    + ", dram, or dram_modules)");
        }
        Governing.attach(sc, soc);
    }

    private static void startArrivals(Scenario sc, Simulation sim, List<Double> traceTimes, Runnable arrive) {
        Scenario.Workload w = sc.workload();
        switch (w.arrivals()) {
            case "poisson" -> PoissonProcess.start(sim, new RandomStreams(sc.seed()).stream("arrivals"), w.ratePerHour() / 3600, arrive);
            case "periodic" -> {
                double period = 3600 / w.ratePerHour();
                Runnable[] tick = new Runnable[1];
                tick[0] = () -> {
                    arrive.run();
                    sim.schedule(period, tick[0]);
                };
                sim.schedule(period, tick[0]);
            }
            default -> {
                double now = sim.now();
                traceTimes.forEach(t -> sim.scheduleAt(Math.max(now, t), arrive));
            }
        }
    }

    /**
     * The DRAM roofline of decoding: the platform's achievable bandwidth at the top memory clock over the
     * bytes one answer token reads, at the middle of the answer; NaN without a decoder.
     */
    static double decodeBound(Soc soc, List<Cascade.Stage> stages, Brick.Request request) {
        for (Cascade.Stage s : stages) {
            if (s.brick() instanceof DecoderBrick d) {
                int position = request.promptTokens() + request.imageTokens() + request.answerTokens() / 2;
                GgmlType act = soc.platform().activations(s.offload() != null ? "gpu" : s.unit());
                double bytes = d.decodeStep(position, act).stream().mapToDouble(o -> o.work().bytes()).sum();
                return soc.platform().dram().achievableBytesPerSecond(soc.top("dram"), soc.dramModules()) / bytes;
            }
        }
        return Double.NaN;
    }

    /** The camera pipeline of the scenario's vision and decoder bricks, under its three-state policy. */
    private static CameraPipeline camera(Scenario sc, Soc soc, Cascade cascade, List<Cascade.Stage> stages,
                                         Brick.Request request, java.util.function.BiConsumer<Double, Double> onAnswer) {
        Cascade.Stage vision = stages.stream().filter(s -> s.brick() instanceof VisionBrick).findFirst()
                .orElseThrow(() -> new InputException(sc.source(), 0, 0, "camera", "a camera pipeline needs a vision brick"));
        Cascade.Stage decoder = stages.stream().filter(s -> s.brick() instanceof org.nanomind.soc.DecoderBrick).findFirst()
                .orElseThrow(() -> new InputException(sc.source(), 0, 0, "camera", "a camera pipeline needs a decoder brick"));
        return new CameraPipeline(soc, vision, decoder, request, cascade.tabm(), onAnswer);
    }

    /** The camera as a scheduler drives it: stopping it releases its modules and puts the device in standby. */
    private static Scheduler.Camera control(Scenario sc, CameraPipeline camera, Cascade cascade) {
        if (!(sc.camera().fps() > 0)) {
            throw new IllegalArgumentException("the camera frame rate must be > 0, got " + sc.camera().fps());
        }
        return new Scheduler.Camera() {
            @Override
            public double maxFps() {
                return sc.camera().fps();
            }

            @Override
            public org.nanomind.soc.Policies.BatteryPolicy battery() {
                return sc.camera().battery();
            }

            @Override
            public boolean running() {
                return camera.isRunning();
            }

            @Override
            public void start(double fps) {
                camera.start(fps);
            }

            @Override
            public void setFps(double fps) {
                camera.setFps(fps);
            }

            @Override
            public void stop() {
                if (camera.isRunning()) {
                    camera.stop(cascade::idle);
                } else {
                    cascade.idle();
                }
            }
        };
    }
}
