package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanomind.soc.InputException;

/**
 * `nanomind validate` (Runner.check) refuses whatever `run` would refuse before it simulates: an unknown model,
 * a unit the platform lacks, a missing arrival trace, a corrupt GGUF, a governor on a unit without DVFS data.
 */
class ValidateDepthTest {
    static Stream<Arguments> broken() {
        return Stream.of(Arguments.of("model: qwen2-0.5b", "model: qwen9-999b", "qwen9-999b"),
                Arguments.of("unit: npu", "unit: tpu", "tpu"),
                Arguments.of("arrivals: poisson\n  rate_per_hour: 6", "arrivals: trace\n  trace: nothere.csv", "nothere.csv"),
                Arguments.of("model: qwen2-0.5b", "model: BAD_GGUF", "tensor_count"),
                Arguments.of("workload:", "limits:\n  governors: {dram: ondemand}\nworkload:", "dram"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void validateRefusesWhatRunWouldRefuse(String from, String to, String named, @TempDir Path dir) throws Exception {
        Path gguf = dir.resolve("bad.gguf");
        Files.write(gguf, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0});
        String text = ScenarioFile.builtinText("cascade");
        assertTrue(text.contains(from), from);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(from), to.replace("BAD_GGUF", gguf.toString())));
        RuntimeException e = assertThrows(RuntimeException.class, () -> Runner.check(ScenarioFile.named(f.toString())));
        assertTrue(e instanceof InputException || e instanceof org.nanomind.kernels.GgufFormatException, "the project's own error: " + e);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
