package org.nanomind.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.nanomind.kernels.GgmlType;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.functional.Functional;
import org.nanomind.soc.functional.FunctionalDecoder;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.functional.ModelGenerator;

/**
 * The host's decoding rate for a full-size Qwen2-0.5B-shaped Q4_0 decoder run functionally on the Vector
 * API kernels (generated weights, made once in the temporary directory), against this machine's streaming
 * read measured in the same run with the same threads: decoding reads every weight once a token, so
 * tokens/s x bytes a token over the streaming rate says how close to the memory roofline it runs.
 */
public final class FunctionalBench {
    private final int threads;
    private final int tokens;
    private final Path reference;

    /** {@code reference}: a folder with llama.cpp's greedy harness (bench/ggml-reference/build-harness.sh), or null. */
    public FunctionalBench(int threads, int tokens, Path reference) {
        this.threads = threads;
        this.tokens = tokens;
        this.reference = reference;
    }

    /** The prompt both decoders read first: 16 bytes, one token each in a generated model's vocabulary. */
    static final String PROMPT = "What is in front";

    public void run(PrintWriter out) throws Exception {
        DecoderBrick d = DecoderBrick.fromConfig("qwen2-0.5b", ModelConfig.named("qwen2-0.5b"), GgmlType.Q4_0);
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "nanomind-models", "qwen2-0.5b-Q4_0-seed1.gguf");
        if (!ModelGenerator.current(file)) {
            out.printf("generating %s (%.0f MB of Q4_0 weights, once) ...%n", file, d.weightBytes() / 1e6);
            out.flush();
            ModelGenerator.decoder(d, "qwen2", GgmlType.Q4_0, 1, file);
        }
        double streamGbs = stream(threads);
        // llama.cpp on the same file, prompt and threads, just before and just after the Java decoder.
        double llamaBefore = reference == null ? Double.NaN : llamaCpp(file);
        try (FunctionalDecoder f = FunctionalDecoder.open(file, GgmlType.F32, threads, 64 + tokens * 2)) {
            FunctionalDecoder.Step s = null;
            for (int t = 0; t < 16; t++) {
                s = f.decode(PROMPT.charAt(t), false); // a prompt, and the JIT's warm-up
            }
            long start = System.nanoTime();
            for (int t = 0; t < tokens; t++) {
                s = f.decode(Functional.argmax(s.logits()), false);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The weight bytes as the timing model charges them, counted after the clock stopped (building the model's
            // steps inside the timed loop took about a tenth of the decode's time).
            long bytes = 0;
            for (int t = 0; t < tokens; t++) {
                bytes += f.shape().decodeStep(64 + t, GgmlType.F32).getFirst().work().weightBytes();
            }
            double tps = tokens / seconds;
            double gbs = bytes / seconds / 1e9;
            out.printf("functional decode, Qwen2-0.5B shape, Q4_0 weights, F32 activations, %d threads (Vector API):%n", threads);
            out.printf("%-44s %10s %10s %10s%n", "measure", "tokens/s", "GB/s", "/ stream");
            out.printf("%-44s %10s %10.2f %10s%n", "streaming read, 1 GiB, same threads", "", streamGbs, "1.00");
            out.printf("%-44s %10.2f %10.2f %10.2f%n", "decode, " + tokens + " tokens after 16", tps, gbs, gbs / streamGbs);
            if (reference != null) {
                double llama = (llamaBefore + llamaCpp(file)) / 2;
                out.printf("%-44s %10.2f %10.2f %10s%n", "llama.cpp on the same file, prompt, threads", llama, llama * bytes / tokens / 1e9,
                        String.format("%.2f", llama * bytes / tokens / 1e9 / streamGbs));
                out.printf("functional decode / llama.cpp: %.2f (target of issue 17: >= 0.5, goal 0.8)%n", tps / llama);
            }
            out.printf("weights read a token: %.0f MB%n", bytes / (double) tokens / 1e6);
        }
    }

    /** llama.cpp's decode rate on {@code file}: greedy.cpp after {@link #PROMPT}, {@code tokens} tokens. */
    private double llamaCpp(Path file) throws Exception {
        Path greedy = reference.resolve("greedy");
        if (!Files.isExecutable(greedy)) {
            throw new IllegalArgumentException(greedy + " is not there or not executable: build it with bench/ggml-reference/build-harness.sh DIR");
        }
        String out = GgmlReference.run(new ProcessBuilder(greedy.toString(), file.toString(), Integer.toString(tokens + 1), PROMPT,
                Integer.toString(threads)).redirectError(ProcessBuilder.Redirect.DISCARD));
        return out.lines().filter(l -> l.startsWith("decode_tokens_per_s ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new IllegalStateException(greedy + " printed no decode rate: " + out));
    }

    /** GB/s of a plain summing read over 1 GiB split across {@code threads}, best of three. */
    static double stream(int threads) {
        long[] a = new long[1 << 27];
        java.util.Arrays.fill(a, 1);
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            long start = System.nanoTime();
            long sum = IntStream.range(0, threads).parallel().mapToLong(t -> {
                long s = 0;
                int from = (int) ((long) a.length * t / threads);
                int to = (int) ((long) a.length * (t + 1) / threads);
                for (int i = from; i < to; i++) {
                    s += a[i];
                }
                return s;
            }).sum();
            double gbs = a.length * 8.0 / ((System.nanoTime() - start) / 1e9) / 1e9;
            if (sum != a.length) {
                throw new IllegalStateException("stream read lost data");
            }
            best = Math.max(best, gbs);
        }
        return best;
    }
}
