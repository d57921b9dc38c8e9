package org.nanomind.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepFile;
import org.nanomind.scenarios.SweepRun;

class SparkSweepTest {
    /** 2 x 3 = 6 short points (two simulated hours each). */
    static final String SWEEP = """
            sweep: spark-check
            scenario: cascade
            seed: 5
            axes:
              - field: duration
                values: [2 h]
              - field: bricks[qwen2-0.5b].quantization
                values: [Q4_0, Q2_K]
              - field: workload.rate_per_hour
                values: [6, 12, 24]
            objectives:
              - energy_per_query_j: min
              - latency_s.p95: min
            constraints:
              - latency_s.p95 < 80
            """;

    @Test
    void aSweepOnSparkLocal2WritesTheSameResultsAsTheLocalEngine(@TempDir Path local, @TempDir Path spark) throws Exception {
        Sweep sw = SweepFile.parse(SWEEP, "spark-check.yaml", null);
        SweepRun.run(sw, local, 2, false, null);
        SweepRun.Result r = SparkSweep.run(sw, spark, "local[2]");
        assertEquals(6, r.points());
        assertArrayEquals(Files.readAllBytes(local.resolve("results.csv")), Files.readAllBytes(spark.resolve("results.csv")),
                "the same rows, byte for byte");
        assertArrayEquals(Files.readAllBytes(local.resolve("pareto.csv")), Files.readAllBytes(spark.resolve("pareto.csv")));
        assertEquals(2 + 6, Files.readAllLines(spark.resolve("results.csv")).size());
    }
}
