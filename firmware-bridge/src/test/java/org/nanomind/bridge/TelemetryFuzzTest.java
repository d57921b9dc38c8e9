package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;

/**
 * Mutated telemetry traces (seeded, 400 of them): calibrate's fit and replay either use the trace or refuse it
 * with the project's InputException naming the file; never another exception, never a NaN coefficient.
 */
class TelemetryFuzzTest {
    static final Platform P = PlatformFile.named("nanomind-rk3566");
    static final List<String> TOKENS = List.of("", "NaN", "-1", "1e309", "0", "4294967296", "abc", "\u00e9", ",", "3.9e6", " 12 ",
            "-0", "1e-320", "100.0001", "Infinity");
    @TempDir
    static Path dir;
    static List<String> good;

    @BeforeAll
    static void aGoodTrace() throws Exception {
        good = Files.readAllLines(CalibrationTest.trace(dir, P, 120));
    }

    @Test
    void aMutatedTraceIsUsedOrRefusedWithTheFileNamed() throws Exception {
        Random r = new Random(18);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            List<String> lines = new ArrayList<>(good);
            for (int m = 0; m < 1 + r.nextInt(4); m++) {
                int at = 1 + r.nextInt(lines.size() - 1);
                switch (r.nextInt(6)) {
                    case 0 -> {
                        String[] f = lines.get(at).split(",", -1);
                        f[r.nextInt(f.length)] = TOKENS.get(r.nextInt(TOKENS.size()));
                        lines.set(at, String.join(",", f));
                    }
                    case 1 -> lines.set(at, lines.get(at).substring(0, r.nextInt(lines.get(at).length() + 1)));
                    case 2 -> lines.add(at, lines.get(at));
                    case 3 -> lines.remove(at);
                    case 4 -> {
                        byte[] junk = new byte[r.nextInt(30)];
                        r.nextBytes(junk);
                        lines.set(at, new String(junk, StandardCharsets.ISO_8859_1));
                    }
                    default -> lines.subList(at, lines.size()).clear();
                }
                if (lines.size() < 2) {
                    break;
                }
            }
            Path f = dir.resolve("fuzz-" + i + ".csv");
            Files.write(f, lines, StandardCharsets.ISO_8859_1);
            try {
                Calibration.Fit fit = Calibration.fit(f, P);
                assertTrue(Double.isFinite(fit.dramPjPerBit()) && Double.isFinite(fit.baselineWatts()), "a fit is finite: " + fit);
                Calibration.replay(f, P);
            } catch (InputException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                assertTrue(!e.getMessage().contains("Input length") && !e.getMessage().contains("Exception"), "in the project's words: "
                        + e.getMessage());
            }
        }
        assertTrue(refused > 100, "most mutations are refused: " + refused);
    }
}
