package org.nanomind.soc.graph;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transformer encoders as graphs, from their published configurations: ViT (Dosovitskiy et al. 2021;
 * tiny/small/base/large at patch 16, optionally with a projector to an LLM's width, as a VLM's vision tower
 * is), the CLIP text encoder (Radford et al. 2021: 12 layers of 512, 8 heads, 49,408 tokens), Whisper's
 * encoder (Radford et al. 2022: two 1-D convolutions over 80 mel bins at 100 frames a second, the second
 * with stride 2; tiny/base/small/medium) and wav2vec 2.0 (Baevski et al. 2020: seven 1-D convolutions of 512
 * channels over 16 kHz samples, then base or large transformer layers). The input's length (image side,
 * tokens, mel frames or samples) is the caller's: audio length and sequence length are inputs, not files.
 */
public final class TransformerFamilies {
    private static final Pattern VIT = Pattern.compile("vit-(tiny|small|base|large)-patch16(?:-proj(\\d+))?");
    private static final Pattern WHISPER = Pattern.compile("whisper-(tiny|base|small|medium)-encoder");
    private static final Pattern WAV2VEC = Pattern.compile("wav2vec2-(base|large)");

    private TransformerFamilies() {
    }

    /** The names this class builds, for listings (a ViT also with -projN). */
    public static final java.util.List<String> NAMES = java.util.List.of("vit-tiny-patch16", "vit-small-patch16", "vit-base-patch16",
            "vit-large-patch16", "clip-text", "whisper-tiny-encoder", "whisper-base-encoder", "whisper-small-encoder",
            "whisper-medium-encoder", "wav2vec2-base", "wav2vec2-large");

    /** What the family's input is, for scenario files and errors. */
    public enum Input { IMAGE, TOKENS, MEL_FRAMES, SAMPLES }

    public static Optional<Input> inputOf(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (VIT.matcher(m).matches()) {
            return Optional.of(Input.IMAGE);
        }
        if (m.equals("clip-text")) {
            return Optional.of(Input.TOKENS);
        }
        if (WHISPER.matcher(m).matches()) {
            return Optional.of(Input.MEL_FRAMES);
        }
        return WAV2VEC.matcher(m).matches() ? Optional.of(Input.SAMPLES) : Optional.empty();
    }

    /**
     * The encoder called {@code model}; {@code input} is [3, h, w] for a ViT, [tokens] for CLIP text, [80, 1,
     * frames] for Whisper and [1, 1, samples] for wav2vec 2.0.
     */
    public static Optional<Graph> named(String model, Shape input) {
        String m = model.toLowerCase(Locale.ROOT);
        Matcher v = VIT.matcher(m);
        if (v.matches()) {
            int size = java.util.List.of("tiny", "small", "base", "large").indexOf(v.group(1));
            int width = new int[] {192, 384, 768, 1024}[size];
            int layers = new int[] {12, 12, 12, 24}[size];
            int heads = new int[] {3, 6, 12, 16}[size];
            return Optional.of(vit(model, input, width, layers, heads, v.group(2) == null ? 0 : Integer.parseInt(v.group(2))));
        }
        if (m.equals("clip-text")) {
            GraphBuilder b = new GraphBuilder(model);
            String x = b.embed(b.input(input), 49408, 512);
            for (int i = 0; i < 12; i++) {
                x = b.transformerLayer(x, 8, 2048);
            }
            b.linear(b.layerNorm(x), 512);
            return Optional.of(b.build());
        }
        Matcher w = WHISPER.matcher(m);
        if (w.matches()) {
            int size = java.util.List.of("tiny", "base", "small", "medium").indexOf(w.group(1));
            int width = new int[] {384, 512, 768, 1024}[size];
            int layers = new int[] {4, 6, 12, 24}[size];
            GraphBuilder b = new GraphBuilder(model);
            String x = b.conv1d(b.input(input), width, 3, 1, 1, 1, true);
            x = b.conv1d(x, width, 3, 2, 1, 1, true);
            x = b.sequence(x, b.shape(x).w(), width);
            for (int i = 0; i < layers; i++) {
                x = b.transformerLayer(x, width / 64, 4 * width);
            }
            b.layerNorm(x);
            return Optional.of(b.build());
        }
        Matcher a = WAV2VEC.matcher(m);
        if (a.matches()) {
            boolean large = a.group(1).equals("large");
            int width = large ? 1024 : 768;
            GraphBuilder b = new GraphBuilder(model);
            String x = b.input(input);
            int[] kernels = {10, 3, 3, 3, 3, 2, 2};
            int[] strides = {5, 2, 2, 2, 2, 2, 2};
            for (int i = 0; i < 7; i++) {
                x = b.conv1d(x, 512, kernels[i], strides[i], 0, 1, true);
            }
            int frames = b.shape(x).w();
            x = b.linear(b.layerNorm(b.sequence(x, frames, 512)), width);
            // The convolutional position embedding: 128 taps in 16 groups over the frames, GELU, added.
            String pos = b.conv1d(b.featureMap(x), width, 128, 1, 64, 16, true);
            x = b.add(x, b.sequence(b.channels(pos, 0, width), frames, width));
            for (int i = 0; i < (large ? 24 : 12); i++) {
                x = b.transformerLayer(x, width / 64, 4 * width);
            }
            return Optional.of(b.build());
        }
        return Optional.empty();
    }

    private static Graph vit(String name, Shape in, int width, int layers, int heads, int projector) {
        GraphBuilder b = new GraphBuilder(name);
        String x = b.conv(b.input(in.c(), in.h(), in.w()), width, 16, 16, 0, 1, GraphBuilder.Act.NONE);
        Shape s = b.shape(x);
        x = b.sequence(x, s.h() * s.w(), width);
        for (int i = 0; i < layers; i++) {
            x = b.transformerLayer(x, heads, 4 * width);
        }
        x = b.layerNorm(x);
        if (projector > 0) {
            x = b.linear(b.function("Gelu", b.linear(x, projector)), projector); // LLaVA's two-layer MLP projector
        }
        return b.build();
    }
}
