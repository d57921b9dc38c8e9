package org.nanomind.soc.functional;

import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.Op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

class FunctionalDecoderTest {
    static final DecoderBrick TINY = DecoderBrick.fromConfig("tiny", ModelConfig.named("tiny-decoder"), GgmlType.Q8_0);

    static Path model(Path dir, GgmlType type) throws Exception {
        Path f = dir.resolve("tiny-" + type + ".gguf");
        ModelGenerator.decoder(TINY, "qwen2", type, 7, f);
        return f;
    }

    /** Greedy tokens after a prompt of bytes. */
    static List<Integer> generate(Path gguf, GgmlType act, String prompt, int answer) throws Exception {
        try (FunctionalDecoder d = FunctionalDecoder.open(gguf, act, 2, 256)) {
            byte[] p = prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            float[] x = new float[p.length * d.shape().hidden()];
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(d.embed(p[i] & 0xFF), 0, x, i * d.shape().hidden(), d.shape().hidden());
            }
            FunctionalDecoder.Step s = d.prefill(x, p.length, false);
            List<Integer> out = new ArrayList<>();
            for (int t = 0; t < answer; t++) {
                int next = argmax(s.logits());
                out.add(next);
                s = d.decode(next, false);
            }
            return out;
        }
    }

    static int argmax(float[] v) {
        return Functional.argmax(v);
    }

    /** The timing model charges exactly the work counted while the kernels and the reference path ran. */
    @Test
    void theTimingModelChargesTheCountedWork(@TempDir Path dir) throws Exception {
        Path f = model(dir, GgmlType.Q4_0);
        for (GgmlType act : List.of(GgmlType.F32, GgmlType.F16)) {
            try (FunctionalDecoder d = FunctionalDecoder.open(f, act, 2, 256)) {
                DecoderBrick shape = DecoderBrick.fromConfig("tiny", ModelConfig.named("tiny-decoder"), GgmlType.Q4_0);
                int tokens = 70; // more than one attention tile
                float[] x = new float[tokens * shape.hidden()];
                for (int i = 0; i < tokens; i++) {
                    System.arraycopy(d.embed(i % 256), 0, x, i * shape.hidden(), shape.hidden());
                }
                FunctionalDecoder.Step p = d.prefill(x, tokens, true);
                List<Op> charged = shape.prefill(tokens, act);
                assertEquals(charged.get(0).work(), p.matmuls(), "prefill matmuls, " + act);
                assertEquals(null, p.attention(), "a prefill's tiled attention is not counted");
                FunctionalDecoder.Step s = d.decode(3, true);
                List<Op> step = shape.decodeStep(tokens, act);
                assertEquals(step.get(0).work(), s.matmuls());
                assertEquals(step.get(1).work(), s.attention());
                assertTrue(s.matmuls().macs() > 0 && !s.matmuls().equals(Work.NONE));
                assertEquals(null, d.decode(4, false).matmuls(), "an uncounted step reports nothing");
            }
        }
    }

    @Test
    void q8DecodesTheSameTokensAsTheFp32ReferenceAndQ4AgreesOnNearlyAllTopChoices(@TempDir Path dir) throws Exception {
        Path f32 = model(dir, GgmlType.F32);
        Path q8 = model(dir, GgmlType.Q8_0);
        Path q4 = model(dir, GgmlType.Q4_0);
        List<String> prompts = List.of("what is in front of me", "read the sign", "how many people", "is the door open",
                "describe the scene", "what colour is the car", "where are my keys", "is it raining");
        int agree = 0;
        int total = 0;
        for (String prompt : prompts) {
            List<Integer> ref = generate(f32, GgmlType.F32, prompt, 12);
            assertEquals(ref, generate(q8, GgmlType.F32, prompt, 12), "Q8_0 against FP32: " + prompt);
            // Top-1 agreement of Q4_0, teacher-forced on the reference's tokens: each step from the same context.
            try (FunctionalDecoder a = FunctionalDecoder.open(f32, GgmlType.F32, 2, 256);
                 FunctionalDecoder b = FunctionalDecoder.open(q4, GgmlType.F32, 2, 256)) {
                byte[] bytes = prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                FunctionalDecoder.Step sa = null;
                FunctionalDecoder.Step sb = null;
                for (byte x : bytes) {
                    sa = a.decode(x & 0xFF, false);
                    sb = b.decode(x & 0xFF, false);
                }
                for (int t = 0; t < ref.size(); t++) {
                    agree += argmax(sa.logits()) == argmax(sb.logits()) ? 1 : 0;
                    total++;
                    sa = a.decode(ref.get(t), false);
                    sb = b.decode(ref.get(t), false);
                }
            }
        }
        assertTrue(agree >= 0.95 * total, "Q4_0 top-1 agreement " + agree + "/" + total);
    }
}
