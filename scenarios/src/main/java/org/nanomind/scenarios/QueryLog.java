package org.nanomind.scenarios;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.OpRecord;
import org.nanomind.soc.Soc;

/**
 * What each cascade event did, for the report: queries.csv (one row an event: when it arrived, its
 * latency, each module's load and run time, its energy by component), streamed as events end, and
 * timeline.csv (every operation of the first answered event, by unit, with its wait for DRAM).
 */
final class QueryLog implements AutoCloseable {
    private final BufferedWriter queries;
    private final Path timeline;
    private final List<String> bricks;
    private int count;
    private boolean timelineWritten;

    private QueryLog(BufferedWriter queries, Path timeline, List<String> bricks) {
        this.queries = queries;
        this.timeline = timeline;
        this.bricks = List.copyOf(bricks);
    }

    static QueryLog open(Path dir, List<String> bricks) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(dir.resolve("queries.csv"), StandardCharsets.UTF_8);
        w.write("# one row an event of the cascade: times in simulated seconds, latency from arrival to the answer,"
                + " each module's load and run seconds, energy in joules from trigger to the answer played; failure or empty\n");
        StringBuilder h = new StringBuilder("query,arrived_s,start_s,latency_s");
        for (String b : bricks) {
            h.append(',').append(b).append(" load_s,").append(b).append(" run_s");
        }
        for (String c : Soc.COMPONENTS) {
            h.append(",energy_").append(c).append("_j");
        }
        w.write(h.append(",failure\n").toString());
        return new QueryLog(w, dir.resolve("timeline.csv"), bricks);
    }

    /** Whether the timeline of an event is still to be recorded. */
    boolean wantsTimeline() {
        return !timelineWritten;
    }

    void event(Cascade.Result r, double arrived) {
        StringBuilder b = new StringBuilder(256).append(++count).append(',').append(arrived).append(',').append(r.start())
                .append(',').append(r.start() - arrived + r.latencySeconds());
        for (String brick : bricks) {
            Cascade.StageResult s = r.stages().stream().filter(x -> x.brick().equals(brick)).findFirst().orElse(null);
            b.append(',').append(s == null ? "" : s.loadSeconds()).append(',').append(s == null ? "" : s.runSeconds());
        }
        for (String c : Soc.COMPONENTS) {
            b.append(',').append(r.energyJoules().get(c));
        }
        b.append(',').append(r.failure() == null ? "" : '"' + r.failure().replace("\"", "'") + '"').append('\n');
        try {
            queries.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write queries.csv", e);
        }
    }

    /** Writes the operations of one answered event, which started at {@code start}. */
    void timeline(List<OpRecord> ops, double start) {
        StringBuilder b = new StringBuilder("# the operations of the first answered event (it started at t=" + start
                + " s): unit, operation, start and end in seconds from the event's start, its time at the unit's own rate,"
                + " and what the shared DRAM added (blank for loads from storage)\n");
        b.append("unit,operation,start_s,end_s,compute_s,dram_wait_s\n");
        for (OpRecord o : ops) {
            b.append(o.unit()).append(",\"").append(o.name().replace("\"", "'")).append("\",").append(o.start() - start).append(',')
                    .append(o.end() - start).append(',').append(Double.isNaN(o.computeSeconds()) ? "" : o.computeSeconds())
                    .append(',').append(Double.isNaN(o.computeSeconds()) ? "" : o.dramWaitSeconds()).append('\n');
        }
        try {
            Files.writeString(timeline, b, StandardCharsets.UTF_8);
            timelineWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline.csv", e);
        }
    }

    @Override
    public void close() {
        try {
            queries.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close queries.csv", e);
        }
    }
}
