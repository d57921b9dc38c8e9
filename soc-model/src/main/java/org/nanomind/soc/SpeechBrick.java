package org.nanomind.soc;

import java.util.ArrayList;
import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * Whisper: a convolutional front end and a transformer encoder over a 30 s window of 80-bin log-mel
 * frames (whisper.cpp always encodes the full window), then a decoder that writes the transcript one
 * token at a time with self-attention over its tokens and cross-attention over the encoded audio.
 */
public record SpeechBrick(String name, int dModel, int encoderLayers, int decoderLayers, int heads, int ffn, int vocab,
                          int melBins, int audioPositions, GgmlType weights, long weightBytes) implements Brick.Transformer {

    public static SpeechBrick fromConfig(String name, ModelConfig c, GgmlType weights) {
        SpeechBrick b = new SpeechBrick(name, c.integer("d_model"), c.integer("encoder_layers"), c.integer("decoder_layers"),
                c.integer("encoder_attention_heads"), c.integer("encoder_ffn_dim"), c.integer("vocab_size"),
                c.integer("num_mel_bins"), c.integer("max_source_positions"), weights, 0);
        long d = b.dModel;
        long enc = 4 * d * d + 2 * d * b.ffn;
        long dec = 8 * d * d + 2 * d * b.ffn;
        long params = b.encoderLayers * enc + b.decoderLayers * dec + (long) b.vocab * d + 3 * d * b.melBins + 3 * d * d;
        return new SpeechBrick(b.name, b.dModel, b.encoderLayers, b.decoderLayers, b.heads, b.ffn, b.vocab, b.melBins,
                b.audioPositions, weights, weights.bytesFor(params));
    }

    /** A request's transcript: one token per word, plus the start and end tokens. */
    @Override
    public List<Op> run(Request r, GgmlType act) {
        int n = audioPositions;
        int d = dModel;
        int hd = d / heads;
        Work conv = Work.gemm(weights, d, melBins * 3, 2 * n, act).plus(Work.gemm(weights, d, d * 3, n, act));
        Work encMm = (Work.gemm(weights, 3 * d, d, n, act).plus(Work.gemm(weights, d, d, n, act))
                .plus(Work.gemm(weights, ffn, d, n, act)).plus(Work.gemm(weights, d, ffn, n, act))).times(encoderLayers);
        Work crossKv = Work.gemm(weights, 2 * d, d, n, act).times(decoderLayers);
        Work encAttn = Op.tiledAttention(heads, heads, hd, n, n, false).times(encoderLayers);
        List<Op> ops = new ArrayList<>(List.of(
                new Op(name + " encoder matmuls", Op.OpClass.MATMUL, conv.plus(encMm).plus(crossKv), 4 * encoderLayers + 2 + decoderLayers),
                new Op(name + " encoder attention", Op.OpClass.ATTENTION, encAttn, encoderLayers)));
        int tokens = r.questionWords() + 2;
        Work mm = (Work.gemv(weights, 3 * d, d, act).plus(Work.gemv(weights, d, d, act))
                .plus(Work.gemv(weights, d, d, act)).plus(Work.gemv(weights, d, d, act))
                .plus(Work.gemv(weights, ffn, d, act)).plus(Work.gemv(weights, d, ffn, act))).times(decoderLayers)
                .plus(Work.gemv(weights, vocab, d, act));
        for (int t = 0; t < tokens; t++) {
            Work attn = (Work.attention(heads, heads, hd, t + 1).plus(Work.attention(heads, heads, hd, n))).times(decoderLayers);
            ops.add(new Op(name + " decode matmuls", Op.OpClass.MATMUL, mm, 6 * decoderLayers + 1));
            ops.add(new Op(name + " decode attention", Op.OpClass.ATTENTION, attn, 2 * decoderLayers));
        }
        return ops;
    }
}
