package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run in which every event failed ends with a non-zero exit and the reason, its outputs still written. */
class RunExitTest {
    @Test
    void aBoardTooSmallForAnyEventExitsNonZero(@TempDir Path dir) throws Exception {
        String platform;
        try (InputStream in = org.nanomind.soc.PlatformFile.class.getResourceAsStream("platforms/nanomind-rk3566.yaml")) {
            platform = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(platform.contains("capacity: 8 GiB"));
        Files.writeString(dir.resolve("small.yaml"), platform.replace("capacity: 8 GiB", "capacity: 300 MiB"));
        String scenario;
        try (InputStream in = org.nanomind.scenarios.ScenarioFile.class.getResourceAsStream("builtin/cascade.yaml")) {
            scenario = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("s.yaml"), scenario.replace("platform: nanomind-rk3566", "platform: small.yaml")
                .replace("duration: until-empty", "duration: 2 events"));
        StringWriter err = new StringWriter();
        int code = Nanomind.execute(new String[] {"run", dir.resolve("s.yaml").toString(), "--out", dir.resolve("out").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("no event was answered (2 failed)") && err.toString().contains("out of memory"), err.toString());
        assertTrue(Files.exists(dir.resolve("out").resolve("summary.json")), "the outputs say what happened");
    }
}
