package org.nanomind.scenarios;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.power.PmuSample;
import org.nanomind.sim.PerfettoTraceWriter;
import org.nanomind.sim.TraceBudget;
import org.nanomind.sim.TraceSink;
import org.nanomind.soc.Soc;

/**
 * The files a run writes: summary.json, scenario.yaml (what was run, its assumptions in its comments),
 * series.csv (one row per PMU sample), queries.csv and timeline.csv ({@link QueryLog}), trace.json.
 */
final class Outputs implements AutoCloseable {
    /**
     * Records a trace track keeps exactly before it is aggregated into {@link #TRACE_BUCKET_S} buckets: a
     * 20-hour run then adds at most 7,200 records a track, and the file stays one a viewer opens.
     */
    static final int TRACE_BUDGET = 20_000;
    static final double TRACE_BUCKET_S = 10.0;

    private final Path dir;
    private final BufferedWriter series;
    private final TraceSink trace;
    private final QueryLog queries;
    private final OutputLock lock;

    private Outputs(Path dir, BufferedWriter series, TraceSink trace, QueryLog queries, OutputLock lock) {
        this.dir = dir;
        this.series = series;
        this.trace = trace;
        this.queries = queries;
        this.lock = lock;
    }

    /**
     * Opens the run's outputs in {@code dir}, locked for this run ({@link OutputLock}). An older run's summary
     * and report go first, so a run killed halfway never leaves the old summary beside the new series.
     */
    static Outputs open(Path dir, Scenario sc, List<String> bricks) {
        if (dir == null) {
            return new Outputs(null, null, null, null, null);
        }
        OutputLock lock = OutputLock.of(dir, "nanomind run " + sc.name());
        try {
            for (String old : List.of("summary.json", "index.html")) {
                Files.deleteIfExists(dir.resolve(old));
            }
            Files.writeString(dir.resolve("scenario.yaml"), ScenarioFile.text(sc), StandardCharsets.UTF_8);
            BufferedWriter series = null;
            if (sc.outputs().contains("series")) {
                series = Files.newBufferedWriter(dir.resolve("series.csv"), StandardCharsets.UTF_8);
                series.write("# time_s: simulated seconds; soc: battery state of charge 0..1; voltage_v, current_a: the cell's;"
                        + " *_w: watts at the board; memory_mb: DRAM in use; policy_state: the battery policy's state\n");
                series.write("time_s,soc,voltage_v,current_a,power_w,cpu_w,gpu_w,npu_w,dram_w,peripherals_w,board_w,memory_mb,policy_state\n");
            }
            TraceSink trace = null;
            if (sc.outputs().contains("trace")) {
                trace = new TraceBudget(PerfettoTraceWriter.open(dir.resolve("trace.json"), "nanomind twin: " + sc.name()),
                        TRACE_BUDGET, TRACE_BUCKET_S);
                trace.note("scenario", sc.name());
                trace.note("seed", Long.toString(sc.seed()));
            }
            QueryLog queries = sc.outputs().contains("queries") ? QueryLog.open(dir, bricks) : null;
            return new Outputs(dir, series, trace, queries, lock);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot write outputs to " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    TraceSink trace() {
        return trace == null ? TraceSink.NONE : trace;
    }

    /** The per-event log, or null when the scenario does not ask for it. */
    QueryLog queries() {
        return queries;
    }

    void sample(PmuSample s, long memoryBytes, String policyState) {
        if (trace != null) {
            trace.counter("battery charge (%)", 100 * s.soc(), s.time());
            trace.counter("battery voltage (V)", s.volts(), s.time());
        }
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
            throw new UncheckedIOException("cannot write " + dir.resolve("series.csv") + ": " + e.getMessage(), e);
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
        json.put("decode_tokens_per_s", finite(s.decodeTokensPerSecond()));
        json.put("decode_bound_tokens_per_s", finite(s.decodeBoundTokensPerSecond()));
        json.put("energy_per_query_j", finite(s.energyPerQueryJoules()));
        json.put("busy_percent", s.busyPercent());
        json.put("peak_memory_mb", s.peakMemoryMb());
        json.put("peak_gpu_memory_mb", s.peakGpuMemoryMb());
        json.put("events", s.events());
        json.put("failures", s.failures());
        Map<String, Object> accuracy = new LinkedHashMap<>();
        BrickAccuracy.figures(s.accuracy()).forEach((k, v) -> accuracy.put(k, Double.isNaN(v) ? null : v));
        accuracy.put("bricks", s.accuracy());
        json.put("accuracy", accuracy);
        if (s.functional() != null) {
            json.put("functional", s.functional());
        }
        if (s.graphs() != null) {
            json.put("graphs", s.graphs());
        }
        json.put("wall_s", s.wallSeconds());
        JsonFiles.write(dir.resolve("summary.json"), json);
    }

    /** A figure that does not exist (a latency with no event answered) is null, as everywhere in summary.json. */
    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public void close() {
        try {
            if (series != null) {
                series.close();
            }
            if (queries != null) {
                queries.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish writing " + dir + "'s series.csv or queries.csv: " + e.getMessage(), e);
        } finally {
            try {
                if (trace != null) {
                    trace.close();
                }
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
