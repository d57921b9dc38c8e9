package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vlm-camera: the three power states in turn, each doing what the paper says of it. */
class CameraScenarioTest {

    @Test
    void aPipelineThatDoesNotFitIsReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        String board = new String(org.nanomind.soc.PlatformFile.class
                .getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml").readAllBytes())
                .replace("capacity: 8 GiB", "capacity: 600 MiB");
        Files.writeString(dir.resolve("small.yaml"), board);
        String text = ScenarioFile.builtinText("vlm-camera").replace("platform: nanomind-rk3566", "platform: small.yaml");
        Summary s = Runner.run(ScenarioFile.parse(text, "small-camera.yaml", dir), null, null);
        assertTrue(s.batteryHours() != null, "the run went on to the end");
        assertTrue(s.failures().getFirst().startsWith("camera pipeline: out of memory"), s.failures().toString());
    }

    @Test
    void theStatesComeInTurnAndEachDoesItsPart(@TempDir Path dir) throws Exception {
        Summary s = Runner.run(ScenarioFile.named("vlm-camera"), dir, null);
        assertTrue(s.batteryHours() != null && s.failures().isEmpty(), s.toString());
        List<String> states = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("series.csv"));
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(",");
            if (states.isEmpty() || !states.getLast().equals(f[12])) {
                states.add(f[12]);
            }
            rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[11]), Double.parseDouble(f[8])});
        }
        assertEquals(List.of("unconstrained", "throttled", "critical"), states, "one way down, as the charge falls");
        double unconstrainedDram = 0;
        double throttledDram = 0;
        int nu = 0;
        int nt = 0;
        double criticalMemory = Double.POSITIVE_INFINITY;
        for (double[] r : rows) {
            if (r[0] >= 0.5) {
                unconstrainedDram += r[2];
                nu++;
            } else if (r[0] >= 0.2) {
                throttledDram += r[2];
                nt++;
            } else {
                criticalMemory = Math.min(criticalMemory, r[1]);
            }
        }
        assertTrue(throttledDram / nt < unconstrainedDram / nu, "throttling lowers the memory clock and traffic: "
                + throttledDram / nt + " W vs " + unconstrainedDram / nu + " W of DRAM");
        assertTrue(criticalMemory < 10, "in the critical state the resident modules are released: " + criticalMemory + " MB");
        assertTrue(s.peakMemoryMb() > 1000, "both modules resident at once before: " + s.peakMemoryMb() + " MB");
    }
}
