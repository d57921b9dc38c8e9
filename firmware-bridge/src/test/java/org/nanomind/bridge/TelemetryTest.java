package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;

class TelemetryTest {

    @Test
    void aPullFromABoardThatTheTwinPlaysReadsTheTwinsBatteryAndSkipsBadSamples(@TempDir Path dir) throws Exception {
        SshDeployTest.Setup s = SshDeployTest.setup(dir);
        Platform p = PlatformFile.named("nanomind-rk3566");
        try (BoardServer server = s.server();
             TwinFeed feed = TwinFeed.start(server.root(), p, ScenarioFile.named("vlm-camera").withUntil(3600), 1200);
             SshLink link = SshLink.connect(s.url(server.port()), s.knownHosts(), s.id())) {
            Path out = dir.resolve("trace.csv");
            Telemetry.Pulled first = Telemetry.pull(link, p, 10, 1.5, out);
            assertEquals(15, first.samples() + first.skipped());
            List<String> rows = Files.readAllLines(out).stream().skip(2).toList();
            long v0 = Long.parseLong(rows.getFirst().split(",")[2]);
            long v1 = Long.parseLong(rows.getLast().split(",")[2]);
            int c0 = Integer.parseInt(rows.getFirst().split(",")[4]);
            int c1 = Integer.parseInt(rows.getLast().split(",")[4]);
            assertTrue(v0 > 3_500_000 && v0 < 4_300_000, "a Li-ion cell in uV: " + v0);
            assertTrue(c1 < c0 || v1 < v0, "the twin's battery runs down while we pull: " + rows.getFirst() + " .. " + rows.getLast());
            // A corrupt value: counted and skipped, the pull goes on.
            Files.writeString(server.root().resolve("sys/class/devfreq/fde60000.gpu/load"), "garbage");
            Telemetry.Pulled bad = Telemetry.pull(link, p, 20, 0.25, dir.resolve("bad.csv"));
            assertEquals(5, bad.skipped());
            assertEquals(0, bad.samples());
            assertTrue(bad.problems().getFirst().contains("fde60000.gpu/load reads 'garbage'"), bad.problems().toString());
            assertTrue(Files.readAllLines(dir.resolve("bad.csv")).get(0).contains("voltage_uv uV"), "the header names units");
        }
    }
}
