package org.nanomind.scenarios;

import java.nio.file.Path;
import java.util.List;

/**
 * What to simulate, as read from a scenario file: the platform, the bricks and where they run, how the
 * embeddings are handed over, the workload, how long, the seed, which outputs to write, the scheduler (which
 * also decides whether modules stay loaded), and the variants to compare (each the same scenario with some of
 * these replaced).
 *
 * @param untilSeconds simulated seconds to run; infinite means until the battery is empty (or {@code untilEvents})
 * @param untilEvents  answered events after which the run ends; 0 for no such limit
 */
public record Scenario(String name, String source, String platform, List<BrickSpec> bricks, boolean zeroCopy,
                       Workload workload, double untilSeconds, int untilEvents, long seed, double pmuHz,
                       List<String> outputs, Camera camera, Limits limits, List<Variant> variants, SchedulerSpec scheduler) {
    /** The scheduler a scenario names and its parameters ({@code on-demand}, none, by default). */
    public record SchedulerSpec(String name, java.util.Map<String, Double> params) {
        public static final SchedulerSpec ON_DEMAND = new SchedulerSpec("on-demand", java.util.Map.of());
        public static final SchedulerSpec RESIDENT = new SchedulerSpec("resident", java.util.Map.of());
        public static final SchedulerSpec THREE_STATE = new SchedulerSpec("three-state", java.util.Map.of());

        public SchedulerSpec {
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        }
    }

    public Scenario {
        bricks = List.copyOf(bricks);
        outputs = List.copyOf(outputs);
        variants = List.copyOf(variants);
    }

    /**
     * A brick: its model (a built-in config, a config.json or a .gguf path), quantization and placement;
     * {@code gpuLayers} (null unless given) puts that many of a CPU decoder's layers on the GPU, llama.cpp-style;
     * {@code functional} computes a decoder or vision brick for real on the kernels while the clock follows the
     * timing model.
     */
    /**
     * A brick of the scenario. {@code input} is a graph model's input shape ([c, h, w]; empty: the file's own),
     * {@code runtime} the platform runtime that runs it ("": the unit's newest), and {@code reference} a
     * functional decoder's F16 or F32 GGUF of the same model, for its KL divergence (null: none).
     */
    public record BrickSpec(String name, String model, String quantization, String unit, int threads, Integer gpuLayers,
                            boolean functional, List<Integer> input, String runtime, String reference, List<String> after) {
        public BrickSpec {
            input = List.copyOf(input);
            after = after == null ? null : List.copyOf(after);
        }

        /** A brick that follows the one listed before it (the linear cascade). */
        public BrickSpec(String name, String model, String quantization, String unit, int threads, Integer gpuLayers,
                         boolean functional, List<Integer> input, String runtime, String reference) {
            this(name, model, quantization, unit, threads, gpuLayers, functional, input, runtime, reference, null);
        }

        public BrickSpec(String name, String model, String quantization, String unit, int threads, Integer gpuLayers,
                         boolean functional) {
            this(name, model, quantization, unit, threads, gpuLayers, functional, List.of(), "", null);
        }

        BrickSpec asFunctional() {
            return new BrickSpec(name, model, quantization, unit, threads, gpuLayers, true, input, runtime, reference, after);
        }
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

    /**
     * Hardware limits and DVFS: Linux governors by unit ({@code bspGovernors}: the platform's dvfs section), whose
     * units the schedule's OPP requests no longer move; clock caps by unit ("dram" for the memory controller), as cpufreq's scaling_max_freq
     * and devfreq's max_freq set them, and how many DRAM modules are populated (null: all).
     */
    public record Limits(java.util.Map<String, Double> maxHz, Integer dramModules,
                         java.util.Map<String, org.nanomind.soc.governor.GovernorSpec> governors, boolean bspGovernors) {
        public static final Limits NONE = new Limits(java.util.Map.of(), null, java.util.Map.of(), false);

        public Limits {
            maxHz = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(maxHz));
            governors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(governors));
        }
    }

    /** One arm of a comparison: what it replaces of the scenario (null: kept). */
    public record Variant(String name, String platform, List<BrickSpec> bricks, Boolean zeroCopy, Limits limits, SchedulerSpec scheduler) {
        public Variant(String name, String platform, List<BrickSpec> bricks, Boolean zeroCopy, Limits limits) {
            this(name, platform, bricks, zeroCopy, limits, null);
        }
    }

    /** The scenario as {@code v} changes it, named scenario/variant, without variants of its own. */
    public Scenario variant(Variant v) {
        return new Scenario(name + "/" + v.name(), source, v.platform() == null ? platform : v.platform(),
                v.bricks() == null ? bricks : v.bricks(), v.zeroCopy() == null ? zeroCopy : v.zeroCopy(), workload,
                untilSeconds, untilEvents, seed, pmuHz, outputs, camera, v.limits() == null ? limits : v.limits(), List.of(),
                v.scheduler() == null ? scheduler : v.scheduler());
    }

    /** Every brick functional (`nanomind run --functional`): those that have a functional model compute for real. */
    public Scenario functional() {
        return new Scenario(name, source, platform, bricks.stream().map(BrickSpec::asFunctional).toList(), zeroCopy,
                workload, untilSeconds, untilEvents, seed, pmuHz, outputs, camera, limits, variants, scheduler);
    }

    /** The scenario writing only {@code kinds} of output (summary, series, queries, trace). */
    public Scenario withOutputs(List<String> kinds) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, untilSeconds, untilEvents, seed, pmuHz,
                kinds, camera, limits, variants, scheduler);
    }

    /** The scenario compared across {@code vs} (its own variants replaced). */
    public Scenario withVariants(List<Variant> vs) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, untilSeconds, untilEvents, seed, pmuHz,
                outputs, camera, limits, vs, scheduler);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, untilSeconds, untilEvents, newSeed,
                pmuHz, outputs, camera, limits, variants, scheduler);
    }

    public Scenario withUntil(double seconds) {
        return new Scenario(name, source, platform, bricks, zeroCopy, workload, seconds, untilEvents, seed, pmuHz,
                outputs, camera, limits, variants, scheduler);
    }

    public Scenario withRate(double perHour) {
        Workload w = new Workload(workload.arrivals(), perHour, workload.traceFile(), workload.promptTokens(),
                workload.answerTokens(), workload.questionWords(), workload.answerWords(), workload.cameraCaptureSeconds());
        return new Scenario(name, source, platform, bricks, zeroCopy, w, untilSeconds, untilEvents, seed, pmuHz,
                outputs, camera, limits, variants, scheduler);
    }
}
