package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * Piper text-to-speech on the CPU: a cost per second of synthesized audio (its configuration states where
 * that figure comes from), and the audio lasts a number of seconds per word.
 */
public record TtsBrick(String name, double opsPerAudioSecond, double audioSecondsPerWord, long weightBytes) implements Brick.Transformer {

    public static TtsBrick fromConfig(String name, ModelConfig c) {
        return new TtsBrick(name, c.number("gop_per_audio_second") * 1e9, c.number("audio_seconds_per_word"),
                (long) (c.number("weights_mb") * 1e6));
    }

    @Override
    public GgmlType weights() {
        return GgmlType.F32;
    }

    public double audioSeconds(Request r) {
        return r.answerWords() * audioSecondsPerWord;
    }

    @Override
    public List<Op> run(Request r, GgmlType act) {
        long macs = (long) (opsPerAudioSecond * audioSeconds(r) / 2);
        return List.of(new Op(name + " synthesis", Op.OpClass.SYNTHESIS, new Work(macs, weightBytes, 0, 0, 0, 0), 1));
    }
}
