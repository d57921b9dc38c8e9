package org.nanomind.scenarios;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.power.Battery;
import org.nanomind.power.EnergyLedger;
import org.nanomind.power.Pmu;
import org.nanomind.power.PmuSample;
import org.nanomind.sim.PerfettoTraceWriter;
import org.nanomind.sim.PoissonProcess;
import org.nanomind.sim.RandomStreams;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.Tally;
import org.nanomind.sim.TraceSink;
import org.nanomind.soc.Brick;
import org.nanomind.soc.CameraPipeline;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Policies;
import org.nanomind.soc.PowerStates;
import org.nanomind.soc.Soc;
import org.nanomind.soc.VisionBrick;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Builds the twin a scenario describes and runs it: events arrive (Poisson, periodic, or from a trace
 * file), each runs the on-demand cascade, one at a time in arrival order; the run ends when the battery is
 * empty or at the scenario's duration. Outputs stream to disk as the run goes.
 */
public final class Runner {
    private Runner() {
    }

    /** Runs {@code sc}; writes its outputs under {@code out} unless it is null; reports progress to {@code progress}. */
    public static Summary run(Scenario sc, Path out, PrintWriter progress) {
        long wallStart = System.nanoTime();
        Platform platform = PlatformFile.named(sc.platform());
        List<Cascade.Stage> stages = new ArrayList<>();
        int imageTokens = 0;
        for (int i = 0; i < sc.bricks().size(); i++) {
            Scenario.BrickSpec spec = sc.bricks().get(i);
            String field = "bricks[" + i + "]";
            try {
                platform.unit(spec.unit());
            } catch (IllegalArgumentException e) {
                throw new InputException(sc.source(), 0, 0, field + ".unit", e.getMessage());
            }
            Brick b = Bricks.build(spec, field);
            if (b instanceof VisionBrick v) {
                imageTokens = v.tokens();
            }
            stages.add(new Cascade.Stage(b, spec.unit(), spec.threads()));
        }
        Scenario.Workload w = sc.workload();
        Brick.Request request = new Brick.Request(w.promptTokens(), imageTokens, w.answerTokens(), w.questionWords(), w.answerWords());
        List<Double> traceTimes = w.arrivals().equals("trace") ? TraceArrivals.read(w.traceFile()) : List.of();

        try (Outputs outputs = Outputs.open(out, sc)) {
            Simulation sim = new Simulation();
            EnergyLedger ledger = new EnergyLedger(new Battery(platform.battery()), 0.0, Soc.COMPONENTS);
            Soc soc = new Soc(sim, platform, ledger, outputs.trace());
            Cascade cascade = new Cascade(soc, stages, request, sc.zeroCopy(), w.cameraCaptureSeconds());
            Tally latency = new Tally("latency");
            double[] decode = new double[2];
            PowerStates states = sc.camera() == null ? null : powerStates(sc, soc, cascade, stages, request, (lat, dec) -> {
                latency.add(lat);
                decode[0] += request.answerTokens();
                decode[1] += dec;
            });
            List<String> failures = new ArrayList<>();
            ArrayDeque<Double> waiting = new ArrayDeque<>();
            boolean[] busy = {false};
            Runnable[] serve = new Runnable[1];
            serve[0] = () -> {
                if (busy[0] || waiting.isEmpty() || ledger.battery().isEmpty()) {
                    return;
                }
                busy[0] = true;
                double arrived = waiting.poll();
                cascade.trigger(r -> {
                    busy[0] = false;
                    if (r.failure() != null) {
                        failures.add(r.failure());
                    } else {
                        latency.add(r.start() - arrived + r.latencySeconds());
                        for (Cascade.StageResult s : r.stages()) {
                            if (s.decodeSeconds() > 0) {
                                decode[0] += request.answerTokens();
                                decode[1] += s.decodeSeconds();
                            }
                        }
                    }
                    serve[0].run();
                });
            };
            // With a camera pipeline, events matter only in the critical state; before it, the stream answers.
            Runnable arrive = () -> {
                if (states == null || states.state() == Policies.PowerState.CRITICAL) {
                    waiting.add(sim.now());
                    serve[0].run();
                }
            };
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
                default -> traceTimes.forEach(t -> sim.scheduleAt(t, arrive));
            }
            new Pmu(sim, ledger, sc.pmuHz(), s -> {
                if (states != null) {
                    states.onSample(s);
                }
                outputs.sample(s, soc.memory().used(), states == null ? "critical" : states.state().name().toLowerCase());
            });
            if (Double.isFinite(sc.untilSeconds())) {
                sim.scheduleAt(sc.untilSeconds(), sim::stop);
            }
            Progress p = new Progress(progress, wallStart);
            sim.runUntil(() -> {
                p.maybe(sim.now(), ledger.battery().soc());
                return ledger.battery().isEmpty();
            });
            if (states != null && states.camera().failure() != null) {
                failures.add(0, "camera pipeline: " + states.camera().failure());
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
            Summary summary = new Summary(sc.name(), sc.seed(), end,
                    empty ? end / 3600 : null, end > 0 ? total / end : 0, energy,
                    (int) latency.count(), latency.percentile(50), latency.percentile(95), latency.count() == 0 ? Double.NaN : latency.max(),
                    decode[1] > 0 ? decode[0] / decode[1] : Double.NaN, soc.memory().peak() / 1e6, sim.eventsExecuted(),
                    failures, (System.nanoTime() - wallStart) / 1e9);
            outputs.summary(summary);
            return summary;
        }
    }

    /** The camera pipeline of the scenario's vision and decoder bricks, under its three-state policy. */
    private static PowerStates powerStates(Scenario sc, Soc soc, Cascade cascade, List<Cascade.Stage> stages,
                                           Brick.Request request, java.util.function.BiConsumer<Double, Double> onAnswer) {
        Cascade.Stage vision = stages.stream().filter(s -> s.brick() instanceof VisionBrick).findFirst()
                .orElseThrow(() -> new InputException(sc.source(), 0, 0, "camera", "a camera pipeline needs a vision brick"));
        Cascade.Stage decoder = stages.stream().filter(s -> s.brick() instanceof org.nanomind.soc.DecoderBrick).findFirst()
                .orElseThrow(() -> new InputException(sc.source(), 0, 0, "camera", "a camera pipeline needs a decoder brick"));
        CameraPipeline camera = new CameraPipeline(soc, vision, decoder, request, cascade.tabm(), onAnswer);
        return new PowerStates(soc, sc.camera().battery(), camera, cascade, sc.camera().fps());
    }

    /** A progress line on runs that take more than a couple of seconds. */
    private static final class Progress {
        private final PrintWriter out;
        private final long start;
        private long last;
        private int calls;

        Progress(PrintWriter out, long start) {
            this.out = out;
            this.start = start;
            this.last = start;
        }

        void maybe(double simulated, double soc) {
            if (out == null || ++calls % 4096 != 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - start > 2_000_000_000L && now - last > 1_000_000_000L) {
                last = now;
                out.printf("  simulated %.2f h, battery %.1f %%, %.1f s of wall time%n", simulated / 3600, soc * 100, (now - start) / 1e9);
                out.flush();
            }
        }
    }

    /** The files a run writes: summary.json, series.csv (one row per PMU sample), trace.json. */
    static final class Outputs implements AutoCloseable {
        private final Path dir;
        private final BufferedWriter series;
        private final PerfettoTraceWriter trace;

        private Outputs(Path dir, BufferedWriter series, PerfettoTraceWriter trace) {
            this.dir = dir;
            this.series = series;
            this.trace = trace;
        }

        static Outputs open(Path dir, Scenario sc) {
            if (dir == null) {
                return new Outputs(null, null, null);
            }
            try {
                Files.createDirectories(dir);
                BufferedWriter series = null;
                if (sc.outputs().contains("series")) {
                    series = Files.newBufferedWriter(dir.resolve("series.csv"), StandardCharsets.UTF_8);
                    series.write("# time_s: simulated seconds; soc: battery state of charge 0..1; voltage_v, current_a: the cell's;"
                            + " *_w: watts at the board; memory_mb: DRAM in use; policy_state: the battery policy's state\n");
                    series.write("time_s,soc,voltage_v,current_a,power_w,cpu_w,gpu_w,npu_w,dram_w,peripherals_w,board_w,memory_mb,policy_state\n");
                }
                PerfettoTraceWriter trace = sc.outputs().contains("trace")
                        ? PerfettoTraceWriter.open(dir.resolve("trace.json"), "nanomind twin: " + sc.name()) : null;
                return new Outputs(dir, series, trace);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write outputs to " + dir, e);
            }
        }

        TraceSink trace() {
            return trace == null ? TraceSink.NONE : trace;
        }

        void sample(PmuSample s, long memoryBytes, String policyState) {
            if (series == null) {
                return;
            }
            try {
                StringBuilder b = new StringBuilder(160);
                b.append(s.time()).append(',').append(s.soc()).append(',').append(s.volts()).append(',').append(s.amps())
                        .append(',').append(s.totalWatts());
                for (String c : Soc.COMPONENTS) {
                    b.append(',').append(s.componentWatts().get(c));
                }
                b.append(',').append(memoryBytes / 1e6).append(',').append(policyState).append('\n');
                series.write(b.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write series.csv", e);
            }
        }

        void summary(Summary s) {
            if (dir == null) {
                return;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", s.scenario());
            json.put("seed", s.seed());
            json.put("simulated_s", s.simulatedSeconds());
            json.put("battery_hours", s.batteryHours());
            json.put("average_power_w", s.averagePowerWatts());
            json.put("energy_j", s.energyJoules());
            json.put("queries", s.queries());
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", finite(s.latencyP50()));
            latency.put("p95", finite(s.latencyP95()));
            latency.put("max", finite(s.latencyMax()));
            json.put("latency_s", latency);
            json.put("decode_tokens_per_s", Double.isNaN(s.decodeTokensPerSecond()) ? null : s.decodeTokensPerSecond());
            json.put("peak_memory_mb", s.peakMemoryMb());
            json.put("events", s.events());
            json.put("failures", s.failures());
            json.put("wall_s", s.wallSeconds());
            try {
                new ObjectMapper().rebuild().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValue(dir.resolve("summary.json").toFile(), json);
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException("cannot write summary.json: " + e.getMessage(), e));
            }
        }

        private static Object finite(double v) {
            return Double.isNaN(v) ? "none" : v;
        }

        @Override
        public void close() {
            try {
                if (series != null) {
                    series.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close series.csv", e);
            } finally {
                if (trace != null) {
                    trace.close();
                }
            }
        }
    }
}
