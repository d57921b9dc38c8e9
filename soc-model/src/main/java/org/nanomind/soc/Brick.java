package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;

/**
 * A module of a multimodal model that runs on one unit and is loaded, run and released as a whole: a
 * language decoder, a vision encoder with its projector, a speech model, a text-to-speech voice. Its
 * operations are derived from the model's real configuration, and their work is computed with the
 * kernels module's own formulas.
 */
public sealed interface Brick permits Brick.Transformer, GraphBrick {

    String name();

    /** Bytes of weights to load from storage and keep in DRAM while loaded. */
    long weightBytes();

    /** How the weights are stored: a GGUF type, or I8 for INT8 on the NPU. */
    GgmlType weights();

    /**
     * The transformer families whose operations are built from a model configuration (decoders, the vision
     * encoder, Whisper, Piper), grouped per step so that a 20-hour run stays at token granularity.
     */
    sealed interface Transformer extends Brick permits DecoderBrick, VisionBrick, SpeechBrick, TtsBrick {
        /** Operations to process one request's input, with activations stored as {@code activations}. */
        List<Op> run(Request request, GgmlType activations);
    }

    /** What one request asks of the brick; fields a brick does not use are ignored. */
    record Request(int promptTokens, int imageTokens, int answerTokens, int questionWords, int answerWords) {
    }
}
