package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionalRunTest {

    @SuppressWarnings("unchecked")
    static double logitsError(Summary s) {
        Map<String, Object> acc = (Map<String, Object>) s.functional().get("accuracy");
        return ((Number) ((Map<String, Object>) acc.get("logits")).get("relative_error")).doubleValue();
    }

    @Test
    void theTinyCascadeAnswersForRealChecksCountedWorkAndRepeatsBitForBit() {
        Summary a = Runner.run(ScenarioFile.named("cascade-tiny"), null, null);
        Summary b = Runner.run(ScenarioFile.named("cascade-tiny"), null, null);
        assertEquals(3, a.queries());
        assertEquals(3 * (1 + 1 + 2 * 2), a.functional().get("work_checks"),
                "counted and checked, per event: the vision matrices, the prefill's, the first and last decode steps' matrices and attention");
        List<?> answers = (List<?>) a.functional().get("answers");
        assertEquals(3, answers.size());
        assertEquals(32, ((List<?>) ((List<?>) a.functional().get("answer_tokens")).getFirst()).size());
        assertEquals(a.functional(), b.functional(), "same scenario and seed, same tokens and accuracy, bit for bit");
    }

    @Test
    void fewerBitsInTheDecoderMoveItsLogitsFurtherFromTheFp32Reference() {
        String text = ScenarioFile.builtinText("cascade-tiny").replace("duration: 3 events", "duration: 1 event");
        double q8 = logitsError(Runner.run(ScenarioFile.parse(text.replace("quantization: Q4_0", "quantization: Q8_0"), "t.yaml", null), null, null));
        double q4 = logitsError(Runner.run(ScenarioFile.parse(text, "t.yaml", null), null, null));
        double q2 = logitsError(Runner.run(ScenarioFile.parse(text.replace("quantization: Q4_0", "quantization: Q2_K"), "t.yaml", null), null, null));
        assertTrue(q8 < q4 && q4 < q2, "Q8_0 " + q8 + " < Q4_0 " + q4 + " < Q2_K " + q2);
        assertTrue(q8 < 0.1, "Q8_0 stays close: " + q8);
    }

    /**
     * A decoder given as a GGUF file with its reference file: the run measures the KL divergence of its token
     * distributions over the prompt from the reference's and reports it next to the table's figure.
     */
    @Test
    void aRealGgufWithItsReferenceGetsItsKlDivergenceBesideTheTables(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var shape = org.nanomind.soc.DecoderBrick.fromConfig("tiny-decoder", org.nanomind.soc.ModelConfig.named("tiny-decoder"),
                org.nanomind.kernels.GgmlType.Q4_0);
        org.nanomind.soc.functional.ModelGenerator.decoder(shape, "qwen2", org.nanomind.kernels.GgmlType.Q4_0, 3, dir.resolve("model-q4_0.gguf"));
        org.nanomind.soc.functional.ModelGenerator.decoder(shape, "qwen2", org.nanomind.kernels.GgmlType.F32, 3, dir.resolve("model-f32.gguf"));
        String text = ScenarioFile.builtinText("cascade-tiny").replace("duration: 3 events", "duration: 1 event")
                .replace("model: tiny-decoder, quantization: Q4_0,", "model: model-q4_0.gguf, quantization: Q4_0, reference: model-f32.gguf,");
        Summary s = Runner.run(ScenarioFile.parse(text, dir.resolve("real.yaml").toString(), dir), null, null);
        Map<?, ?> decoder = (Map<?, ?>) s.accuracy().get("tiny-decoder");
        assertEquals("model-f32.gguf", decoder.get("functional_kld_reference"), decoder.toString());
        assertEquals(16, decoder.get("functional_kld_positions"), "the prompt's positions");
        assertTrue(((Number) decoder.get("functional_kld")).doubleValue() >= -1e-12, decoder.toString());
        assertEquals(0.07194, ((Number) decoder.get("kld")).doubleValue(), 0.0, "the table's Q4_0 beside it");

        var e = org.junit.jupiter.api.Assertions.assertThrows(org.nanomind.soc.InputException.class, () -> ScenarioFile.parse(
                text.replace("unit: gpu, functional: true}", "unit: gpu}"), "bad.yaml", dir));
        assertTrue(e.getMessage().contains("reference:") && e.getMessage().contains("not functional"), e.getMessage());
    }
}
