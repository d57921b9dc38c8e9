package org.nanomind.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.OpenCl;
import org.nanomind.kernels.OpenClGemm;
import org.nanomind.kernels.OpenClUnavailableException;
import org.nanomind.soc.functional.Accuracy;
import org.nanomind.soc.Brick;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.functional.Functional;
import org.nanomind.soc.functional.FunctionalDecoder;
import org.nanomind.soc.functional.FunctionalVision;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.functional.ModelGenerator;
import org.nanomind.soc.Soc;
import org.nanomind.soc.VisionBrick;

/**
 * The models of a functional run: a decoder brick given as a .gguf file runs that file; one given as a
 * configuration runs a generated GGUF of its shape and quantization (weights from {@link #WEIGHTS_SEED},
 * kept in the temporary directory's nanomind-models folder, made once); a vision brick runs a generated ViT
 * of its shape. FP32 references of the same generated weights give the accuracy proxies.
 */
final class FunctionalSetup {
    /** The seed of generated weights: fixed, so every precision of a model has the same underlying weights. */
    static final long WEIGHTS_SEED = 1;
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private FunctionalSetup() {
    }

    /**
     * Attaches a functional runner to {@code cascade} for the scenario's functional bricks; null when there
     * are none. Says on {@code progress} (null: nowhere) what it generates, which can take minutes once.
     */
    static Functional attach(Scenario sc, Soc soc, Cascade cascade, List<Cascade.Stage> stages, Brick.Request request,
                             java.io.PrintWriter progress) {
        Map<String, FunctionalDecoder> decoders = new LinkedHashMap<>();
        Map<String, FunctionalVision> visions = new LinkedHashMap<>();
        Map<String, Path> references = new LinkedHashMap<>();
        Map<String, Quantized> quantized = new LinkedHashMap<>();
        Map<String, String> backends = new LinkedHashMap<>();
        OpenCl[] cl = {null};
        try {
            for (int i = 0; i < stages.size(); i++) {
                Scenario.BrickSpec spec = sc.bricks().get(i);
                Brick b = stages.get(i).brick();
                if (!spec.functional()) {
                    continue;
                }
                int capacity = request.promptTokens() + request.imageTokens() + request.answerTokens() + 1;
                if (b instanceof DecoderBrick d) {
                    Path file = spec.model().endsWith(".gguf") ? Path.of(spec.model()) : generated(spec, d, d.weights(), progress);
                    OpenClGemm gemm = null;
                    String backend = "Vector API";
                    if (soc.platform().gpuMapped(stages.get(i).unit())) {
                        try {
                            cl[0] = cl[0] != null ? cl[0] : OpenCl.open();
                            gemm = new OpenClGemm(cl[0]);
                            backend = "OpenCL (" + cl[0].deviceName() + ") for Q4_0 matrices, Vector API for the rest";
                        } catch (OpenClUnavailableException e) {
                            backend = "Vector API (no OpenCL device: " + e.getMessage() + ")";
                        }
                    }
                    backends.put(d.name(), backend);
                    decoders.put(d.name(), FunctionalDecoder.open(file, soc.platform().activations(stages.get(i).unit()), THREADS, capacity, gemm));
                    quantized.put(d.name(), new Quantized(file, soc.platform().activations(stages.get(i).unit()), capacity));
                    if (spec.reference() != null) {
                        references.put(d.name(), Path.of(spec.reference()));
                    } else if (!spec.model().endsWith(".gguf")) {
                        references.put(d.name(), generated(spec, d, GgmlType.F32, progress));
                    }
                } else if (b instanceof VisionBrick v) {
                    Path file = cache(spec.model() + "-vit-seed" + WEIGHTS_SEED);
                    if (!Files.exists(file)) {
                        say(progress, "functional: generating %s (%s, %.0f MB, once) ...", file, v.name(), v.weightBytes() / 1e6);
                        ModelGenerator.vision(v, WEIGHTS_SEED, file);
                    }
                    visions.put(v.name(), new FunctionalVision(file, v, THREADS));
                    backends.put(v.name(), v.weights() == GgmlType.I8 ? "INT8 x INT8 -> INT32 with requantization (Vector API)"
                            : "F16 (Vector API)");
                    references.put(v.name(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the functional models: " + e.getMessage(), e);
        }
        if (decoders.isEmpty() && visions.isEmpty()) {
            return null;
        }
        Functional f = new Functional(soc, cascade.tabm(), request, decoders, visions, probe(references, quantized, request));
        backends.forEach(f::backend);
        if (cl[0] != null) {
            f.closeWith(cl[0]);
        }
        cascade.setRunner(f);
        return f;
    }

    /** A generated decoder GGUF of the spec's model and {@code type}, made once. */
    private static Path generated(Scenario.BrickSpec spec, DecoderBrick d, GgmlType type, java.io.PrintWriter progress) throws IOException {
        Path file = cache(spec.model() + "-" + type + "-seed" + WEIGHTS_SEED);
        if (!ModelGenerator.current(file)) {
            say(progress, "functional: generating %s (%s weights of %s, %.0f MB, once) ...", file, type, spec.model(),
                    DecoderBrick.fromConfig(d.name(), ModelConfig.named(spec.model()), type).weightBytes() / 1e6);
            String arch = ModelConfig.named(spec.model()).text("model_type");
            ModelGenerator.decoder(d, arch, type, WEIGHTS_SEED, file);
        }
        return file;
    }

    private static void say(java.io.PrintWriter progress, String format, Object... args) {
        if (progress != null) {
            progress.printf(java.util.Locale.ROOT, format + "%n", args);
            progress.flush();
        }
    }

    private static Path cache(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "nanomind-models", name.replaceAll("[^A-Za-z0-9._-]", "_") + ".gguf");
    }

    /** A decoder as the run ran it: its GGUF file, its activations' type and its context. */
    private record Quantized(Path file, GgmlType activations, int capacity) {
    }

    /**
     * Reference runs on the same inputs: FP32 twins of generated weights, or the reference GGUF a brick
     * names (an F16 or F32 file of the same model).
     */
    private static Accuracy.Probe probe(Map<String, Path> references, Map<String, Quantized> quantized, Brick.Request request) {
        return new Accuracy.Probe() {
            @Override
            public Map<String, Object> vision(VisionBrick v, float[] image, float[] embeddings) {
                try (FunctionalVision ref = new FunctionalVision(references.get(v.name()), v.withWeights(GgmlType.F32), THREADS)) {
                    float[] r = ref.encode(image).embeddings();
                    return Accuracy.of(embeddings, r).asMap(v.weights() == GgmlType.I8 ? "INT8" : v.weights().name());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Map<String, Object> logits(DecoderBrick d, float[] input, int tokens, int from, float[] logits) {
                Path ref = references.get(d.name());
                if (ref == null) {
                    return null; // a real GGUF file without a reference: no FP32 twin of its weights to compare with
                }
                Quantized q = quantized.get(d.name());
                try (FunctionalDecoder r = FunctionalDecoder.open(ref, GgmlType.F32, THREADS, tokens + 1);
                     FunctionalDecoder t = FunctionalDecoder.open(q.file(), q.activations(), THREADS, q.capacity())) {
                    float[] all = r.prefillLogits(input.clone(), tokens, from);
                    int vocab = d.vocab();
                    Map<String, Object> m = Accuracy.of(logits, java.util.Arrays.copyOfRange(all, all.length - vocab, all.length))
                            .asMap(d.weights().name());
                    m.put("kld", Accuracy.kld(all, t.prefillLogits(input.clone(), tokens, from), vocab));
                    m.put("kld_positions", tokens - from);
                    m.put("kld_reference", ref.getFileName().toString());
                    return m;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
