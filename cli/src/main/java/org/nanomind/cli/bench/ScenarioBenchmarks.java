package org.nanomind.cli.bench;

import java.util.concurrent.TimeUnit;
import org.nanomind.scenarios.Comparison;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A built-in scenario run to battery empty (no outputs written), seconds per run. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScenarioBenchmarks {
    @Param({"cascade"})
    public String scenario;

    /** The whole scenario as `nanomind run` does it: to its end, every variant of a comparison. */
    @Benchmark
    public double runToEmpty() {
        Scenario sc = ScenarioFile.named(scenario);
        return sc.variants().isEmpty() ? Runner.run(sc, null, null).simulatedSeconds()
                : Comparison.run(sc, null, null).summaries().size();
    }
}
