package org.nanomind.scenarios;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nanomind.soc.InputException;

/**
 * Runs a sweep's points on local cores and keeps DIR/results.csv: one row a point, in point order, rewritten
 * atomically (a temporary file moved over it) at least every second, so a killed sweep leaves a whole file
 * that {@code resume} continues from. At the end, DIR/pareto.csv holds the non-dominated feasible points.
 */
public final class SweepRun {
    /** What a sweep did: its points, how many ran now (the rest were resumed), and how fast. */
    public record Result(int points, int ran, double seconds) {
        public double pointsPerSecond() {
            return ran / Math.max(seconds, 1e-9);
        }
    }

    private SweepRun() {
    }

    public static Result run(Sweep sw, Path out, int workers, boolean resume, PrintWriter progress) {
        return run(sw, out, workers, resume, Integer.MAX_VALUE, progress);
    }

    /** Runs the sweep's first {@code first} points only (all of them if it has fewer): a quick check of a sweep file. */
    public static Result run(Sweep sw, Path out, int workers, boolean resume, int first, PrintWriter progress) {
        if (workers < 1 || first < 1) {
            throw new IllegalArgumentException("workers and the points to run must be >= 1, got " + workers + " and " + first);
        }
        try (OutputLock lock = lockFor(out, sw)) {
            return runLocked(sw, out, workers, resume, first, progress);
        }
    }

    /** The sweep's output folder, locked against a second writer while {@code sw} writes it (any engine). */
    public static OutputLock lockFor(Path out, Sweep sw) {
        return OutputLock.of(out, "nanomind sweep " + sw.name());
    }

    private static Result runLocked(Sweep sw, Path out, int workers, boolean resume, int first, PrintWriter progress) {
        long start = System.nanoTime();
        int n = Math.min(sw.size(), first);
        Map<Integer, String> rows = new TreeMap<>();
        prepare(sw, out);
        if (resume) {
            try {
                rows.putAll(done(sw, out.resolve("results.csv")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + out.resolve("results.csv"), e);
            }
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!rows.containsKey(i)) {
                todo.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CompletionService<Map.Entry<Integer, String>> cs = new ExecutorCompletionService<>(pool);
            for (int i : todo) {
                cs.submit(() -> Map.entry(i, SweepRows.row(sw, i)));
            }
            long lastWrite = System.nanoTime();
            Throughput rate = new Throughput();
            for (int k = 0; k < todo.size(); k++) {
                Map.Entry<Integer, String> r = cs.take().get();
                rows.put(r.getKey(), r.getValue());
                long now = System.nanoTime();
                rate.done(now);
                boolean last = k == todo.size() - 1;
                if (now - lastWrite > 1_000_000_000L || last) {
                    if (!last) {
                        write(sw, out.resolve("results.csv"), rows.values()); // finish writes the whole file at the end
                    }
                    lastWrite = now;
                    if (progress != null) {
                        int left = todo.size() - k - 1;
                        progress.printf("  %d/%d points%s%n", rows.size(), n, rate.rate().isEmpty() ? ", measuring the rate"
                                : String.format(java.util.Locale.ROOT, ", %.1f points/s, ETA %.0f s", rate.rate().getAsDouble(),
                                rate.secondsLeft(left).getAsDouble()));
                        progress.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted; --resume continues it", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a point failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        finish(sw, out, new ArrayList<>(rows.values()));
        return new Result(n, todo.size(), (System.nanoTime() - start) / 1e9);
    }

    /** The output folder with the sweep's own files (sweep.yaml, sweep.json), before any point runs. */
    public static void prepare(Sweep sw, Path out) {
        try {
            Files.createDirectories(out);
            // A sweep killed while rewriting results.csv leaves the temporary it was writing: not a result.
            Files.deleteIfExists(out.resolve("results.csv.tmp"));
            Files.writeString(out.resolve("sweep.yaml"), sw.text(), StandardCharsets.UTF_8);
            describe(sw, out.resolve("sweep.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
    }

    /** results.csv and pareto.csv from every point's row, in point order: the same for every engine. */
    public static void finish(Sweep sw, Path out, List<String> rows) {
        write(sw, out.resolve("results.csv"), rows);
        writePareto(sw, out, rows);
    }

    /** DIR/sweep.json: the sweep's axes, objectives and constraints, for its report. */
    static void describe(Sweep sw, Path file) {
        Map<String, Object> j = new java.util.LinkedHashMap<>();
        j.put("sweep", sw.name());
        j.put("scenario", sw.baseName());
        j.put("sampling", sw.sampling());
        j.put("points", sw.size());
        j.put("axes", sw.axes().stream().map(Axis::field).toList());
        j.put("objectives", sw.objectives().stream().map(o -> Map.of("field", o.field(), "goal", o.maximize() ? "max" : "min")).toList());
        j.put("constraints", sw.constraints().stream().map(Sweep.Constraint::toString).toList());
        JsonFiles.write(file, j);
    }

    /** The comment line that ties results.csv to its sweep: a resume of another sweep is refused. */
    static String stamp(Sweep sw) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((sw.text() + "\n" + sw.baseText()).getBytes(StandardCharsets.UTF_8));
            return "# sweep " + sw.name() + ": " + sw.size() + " points; sha-256 of the sweep and its scenario "
                    + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes results.csv with {@code rows} (already in point order), atomically. */
    static void write(Sweep sw, Path file, Iterable<String> rows) {
        StringBuilder b = new StringBuilder(stamp(sw)).append('\n').append(String.join(",", SweepRows.header(sw))).append('\n');
        rows.forEach(r -> b.append(r).append('\n'));
        try {
            AtomicFiles.write(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The rows of an earlier, interrupted run of the same sweep. */
    static Map<Integer, String> done(Sweep sw, Path file) throws IOException {
        Map<Integer, String> rows = new TreeMap<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(stamp(sw)) || !lines.get(1).equals(String.join(",", SweepRows.header(sw)))) {
            throw new InputException(file.toString(), 1, 1, "", "was written by another sweep (or another version of this one);"
                    + " --resume continues only the same sweep: remove it or choose another --out");
        }
        for (int i = 2; i < lines.size(); i++) {
            rows.put(Integer.parseInt(SweepRows.split(lines.get(i)).getFirst()), lines.get(i));
        }
        return rows;
    }

    static void writePareto(Sweep sw, Path out, List<String> rows) {
        List<String> header = SweepRows.header(sw);
        List<List<String>> split = rows.stream().map(SweepRows::split).toList();
        List<List<String>> front = Pareto.front(header, split, sw.objectives());
        StringBuilder b = new StringBuilder("# the feasible points no other point beats on every objective: ");
        sw.objectives().forEach(o -> b.append(o.field()).append(o.maximize() ? " (max) " : " (min) "));
        b.append('\n').append(String.join(",", header)).append('\n');
        for (List<String> r : front) {
            b.append(rows.get(split.indexOf(r))).append('\n');
        }
        try {
            Files.writeString(out.resolve("pareto.csv"), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pareto.csv", e);
        }
    }
}
