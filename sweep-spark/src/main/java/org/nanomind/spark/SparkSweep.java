package org.nanomind.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepFile;
import org.nanomind.scenarios.SweepRows;
import org.nanomind.scenarios.SweepRun;

/**
 * A sweep on Apache Spark: the point indices as a Dataset spread over the executors, each mapped to its
 * results row by the same function the local engine calls ({@link SweepRows#row}), collected, sorted by
 * point, and written as the local engine writes them: the same results.csv, byte for byte. Executors get
 * the sweep as text (the sweep file and its base scenario) and rebuild it; nothing else is shipped.
 */
public final class SparkSweep {
    private SparkSweep() {
    }

    /** Runs {@code sw} on the Spark master {@code master} (local[2], spark://host:7077, yarn, ...). */
    public static SweepRun.Result run(Sweep sw, Path out, String master) {
        try (var lock = SweepRun.lockFor(out, sw)) {
            return runLocked(sw, out, master);
        }
    }

    private static SweepRun.Result runLocked(Sweep sw, Path out, String master) {
        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder().master(master).appName("nanomind sweep " + sw.name())
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Integer> points = new ArrayList<>();
            for (int i = 0; i < sw.size(); i++) {
                points.add(i);
            }
            int slices = Math.max(1, Math.min(sw.size(), spark.sparkContext().defaultParallelism() * 4));
            Dataset<Integer> indices = spark.createDataset(points, Encoders.INT()).repartition(slices);
            Dataset<String> rows = indices.map(new Row(sw.text(), sw.source(), sw.baseText(),
                    sw.baseDir() == null ? null : sw.baseDir().toString()), Encoders.STRING());
            List<String> all = new ArrayList<>(rows.collectAsList());
            all.sort(Comparator.comparingInt(r -> Integer.parseInt(SweepRows.split(r).getFirst())));
            SweepRun.prepare(sw, out);
            SweepRun.finish(sw, out, all);
            return new SweepRun.Result(sw.size(), sw.size(), (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** A point's row on an executor: the sweep is rebuilt from its text once per executor JVM. */
    static final class Row implements MapFunction<Integer, String> {
        private final String text;
        private final String source;
        private final String baseText;
        private final String baseDir;
        private transient Sweep sweep;

        Row(String text, String source, String baseText, String baseDir) {
            this.text = text;
            this.source = source;
            this.baseText = baseText;
            this.baseDir = baseDir;
        }

        @Override
        public String call(Integer i) {
            if (sweep == null) {
                sweep = SweepFile.rebuild(text, source, baseText, baseDir == null ? null : Path.of(baseDir));
            }
            return SweepRows.row(sweep, i);
        }
    }
}
