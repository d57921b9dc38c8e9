package org.nanomind.scenarios;

import java.nio.file.Path;
import java.util.List;

/**
 * What to simulate, as read from a scenario file: the platform, the bricks and where they run, how the
 * embeddings are handed over, the workload, how long, the seed, and which outputs to write.
 *
 * @param untilSeconds simulated seconds to run; infinite means until the battery is empty
 */
public record Scenario(String name, String source, String platform, List<BrickSpec> bricks, boolean zeroCopy,
                       Workload workload, double untilSeconds, long seed, double pmuHz, List<String> outputs,
                       Camera camera) {
    public Scenario {
        bricks = List.copyOf(bricks);
        outputs = List.copyOf(outputs);
    }

    /** A brick: its model (a built-in config, a config.json or a .gguf path), quantization and placement. */
    public record BrickSpec(String name, String model, String quantization, String unit, int threads) {
    }

    /**
     * Events and what each asks. {@code arrivals} is poisson (at {@code ratePerHour}), periodic (every
     * 1/rate), or trace (timestamps in seconds from {@code traceFile}).
     */
    public record Workload(String arrivals, double ratePerHour, Path traceFile, int promptTokens, int answerTokens,
                           int questionWords, int answerWords, double cameraCaptureSeconds) {
    }

    /**
     * The camera pipeline and the three-state battery policy that governs it; null for a scenario that runs
     * the on-demand cascade only (the critical state throughout).
     */
    public record Camera(double fps, org.nanomind.soc.Policies.BatteryPolicy battery) {
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, untilSeconds, newSeed, pmuHz, outputs, camera);
    }

    public Scenario withUntil(double seconds) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, seconds, seed, pmuHz, outputs, camera);
    }

    public Scenario withRate(double perHour) {
        Workload w = new Workload(workload.arrivals(), perHour, workload.traceFile(), workload.promptTokens(),
                workload.answerTokens(), workload.questionWords(), workload.answerWords(), workload.cameraCaptureSeconds());
        return new Scenario(name, source, platform, bricks, zeroCopy, w, untilSeconds, seed, pmuHz, outputs, camera);
    }
}
