package org.nanomind.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nanomind.kernels.GgmlType;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.functional.ModelGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nanomind generate MODEL --type T --out FILE.gguf}: the decoder GGUF a functional run generates, on its own: a
 * model's shape with seeded weights, the metadata and tokenizer section llama.cpp reads (so llama.cpp loads and runs
 * it: bench/llamacpp-load), written whole or not at all.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a decoder GGUF of a model's shape with seeded weights, as functional runs use (llama.cpp loads it too).")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A built-in decoder (nanomind list) or a HuggingFace config.json of a LLaMA or Qwen2 model.")
    String model;
    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The matrices' GGUF type: F32, F16, Q8_0, Q4_0, Q2_K, Q4_K, Q5_K, Q6_K.")
    String type;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights (default 1): the same model, type and seed give the same bytes.")
    long seed = 1;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .gguf file to write.")
    Path out;
    @Spec
    CommandSpec spec;

    static final List<GgmlType> TYPES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q2_K, GgmlType.Q4_K,
            GgmlType.Q5_K, GgmlType.Q6_K);

    @Override
    public Integer call() {
        GgmlType t = TYPES.stream().filter(x -> x.name().equals(type)).findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--type must be one of " + TYPES + ", got '" + type + "'"));
        ModelConfig c = ModelConfig.named(model);
        String arch = c.text("model_type");
        if (!arch.equals("qwen2") && !arch.equals("llama")) {
            throw new ParameterException(spec.commandLine(), model + " is a '" + arch + "' model; generate writes LLaMA and Qwen2 decoders");
        }
        DecoderBrick d = DecoderBrick.fromConfig(model, c, t);
        try {
            ModelGenerator.decoder(d, arch, t, seed, out);
        } catch (java.io.IOException e) {
            // The exception's message is often the path alone (NoSuchFileException): say what failed and why.
            throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getOut().printf("wrote %s: %s (%s), %d layers, hidden %d, vocabulary %d, %s weights, seed %d%n", out, model, arch,
                d.layers(), d.hidden(), d.vocab(), t, seed);
        return 0;
    }
}
