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
}
