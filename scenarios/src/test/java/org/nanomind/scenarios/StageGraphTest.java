package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.InputException;

/**
 * Pipelines as a graph of stages: branches without a dependency run at once (and share the storage and the DRAM),
 * a stage waits for every stage it comes after, and an order that cannot run is refused at its line.
 */
class StageGraphTest {
    static final Path EXAMPLE = Path.of("..", "examples", "cascade-parallel.yaml");

    @Test
    void speechAndVisionAtOnceAnswerSoonerAndHoldBothModulesTogether() {
        Scenario sc = ScenarioFile.named(EXAMPLE.toString()).withUntil(4 * 3600);
        Comparison c = Comparison.run(sc, null, null);
        Summary linear = c.of("linear");
        Summary parallel = c.of("parallel");
        assertTrue(linear.queries() > 10 && linear.queries() == parallel.queries(), linear.queries() + " / " + parallel.queries());
        // Whisper's 3 s overlap SigLIP's 9 s; their loads share the storage, so the saving is less than Whisper's time.
        double saved = linear.latencyP50() - parallel.latencyP50();
        assertTrue(saved > 1 && saved < 3.1, "p50 " + linear.latencyP50() + " -> " + parallel.latencyP50());
        assertTrue(parallel.peakMemoryMb() > linear.peakMemoryMb() + 100, linear.peakMemoryMb() + " -> " + parallel.peakMemoryMb());
    }

    @Test
    void anOrderThatCannotRunIsRefusedAtItsLine() {
        String text = ScenarioFile.builtinText("cascade");
        InputException later = assertThrows(InputException.class, () -> ScenarioFile.parse(
                text.replace("    model: whisper-base\n", "    model: whisper-base\n    after: [piper]\n"), "g.yaml", null));
        assertTrue(later.getMessage().contains("g.yaml:") && later.getMessage().contains("listed before this one"), later.getMessage());
        Scenario decoderFirst = ScenarioFile.parse(text.replace("    model: qwen2-0.5b\n", "    model: qwen2-0.5b\n    after: [whisper-base]\n")
                .replace("    model: llava-onevision-qwen2-0.5b-vision\n", "    model: llava-onevision-qwen2-0.5b-vision\n    after: []\n")
                .replace("    model: piper-medium\n", "    model: piper-medium\n    after: [qwen2-0.5b]\n"), "g.yaml", null);
        InputException noVision = assertThrows(InputException.class, () -> Runner.check(decoderFirst));
        assertTrue(noVision.getMessage().contains("must come after it") && noVision.getMessage().contains("siglip"), noVision.getMessage());
    }
}
