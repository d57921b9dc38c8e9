package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.graph.OperatorClass;

/** `nanomind calibrate --measurements` writes a platform file that `nanomind fidelity` then uses as it is. */
class FidelityCommandTest {
    static final Path CSV = Path.of("../../shared/data/rk356x/measurements.csv");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Nanomind.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The runtimes shipped in nanomind-rk3566.yaml are exactly what calibration on the calibration set writes. */
    @Test
    void theShippedParametersAreTheDocumentedFit(@TempDir Path dir) throws Exception {
        Path platform = dir.resolve("again.yaml");
        assertEquals(0, run("calibrate", "--measurements", CSV.toString(), "--platform", "nanomind-rk3566", "--out", platform.toString()),
                err.toString());
        String builtin = new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(builtin, Files.readString(platform));
    }

    @Test
    void calibrateThenFidelity(@TempDir Path dir) throws Exception {
        Path platform = dir.resolve("calibrated.yaml");
        assertEquals(0, run("calibrate", "--measurements", CSV.toString(), "--out", platform.toString()), err.toString());
        String text = Files.readString(platform);
        assertTrue(text.contains("runtimes:                             # fitted: nanomind calibrate --measurements measurements.csv"));
        // Everything but the fitted values is the built-in file's, line for line.
        String builtin = new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(builtin.substring(0, builtin.indexOf("runtimes:")), text.substring(0, text.indexOf("runtimes:")));
        assertEquals(builtin.substring(builtin.indexOf("\nboards:")), text.substring(text.indexOf("\nboards:")));
        Platform p = PlatformFile.named(platform.toString());
        assertTrue(p.runtime("ncnn").efficiency(org.nanomind.soc.Precision.FP16, OperatorClass.CONV_1X1) > 0.05);

        Path report = dir.resolve("fidelity");
        assertEquals(0, run("fidelity", "--measurements", CSV.toString(), "--platform", platform.toString(), "--out",
                report.toString()), err.toString());
        for (String f : new String[] {"predictions.csv", "not_expressible.csv", "summary.json", "index.html",
                "fidelity-latency.png", "fidelity-memory.png", "fidelity-errors.png"}) {
            assertTrue(Files.exists(report.resolve(f)), f);
        }
        assertTrue(out.toString().contains("in sample"), out.toString());
        assertEquals(2, run("fidelity", "--measurements", CSV.toString(), "--folds", "1", "--out", report.toString()));
        assertNotEquals("", err.toString());
    }
}
