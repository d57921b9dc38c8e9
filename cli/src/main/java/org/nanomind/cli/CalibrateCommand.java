package org.nanomind.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.bridge.Calibration;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind calibrate trace.csv --platform FILE --out FILE}: fit the power model to a board's telemetry. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit the power model to a telemetry trace and write a calibrated platform file.",
                "Fits C_eff per unit, DRAM energy per bit and the board baseline by non-negative least squares, reports",
                "the error on held-out samples, and writes each fitted value with a comment that says where it came from."})
final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "trace.csv") Path trace;
    @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE") String platform;
    @Option(names = "--out", required = true, paramLabel = "calibrated.yaml") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Platform p = PlatformFile.named(platform);
        String text = PlatformFile.BUILTIN.contains(platform)
                ? new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/" + platform + ".yaml").readAllBytes(),
                        StandardCharsets.UTF_8)
                : Files.readString(Path.of(platform));
        Calibration.Fit f = Calibration.fit(trace, p);
        Files.writeString(out, Calibration.calibrated(text, f, trace.getFileName().toString()), StandardCharsets.UTF_8);
        var o = spec.commandLine().getOut();
        o.printf("fit on %d samples: baseline %.1f mW; C_eff cpu %s, gpu %.1f, npu %.1f uW/MHz/V^2; DRAM %.2f pJ/bit%n", f.samples(),
                1e3 * f.baselineWatts(), f.cpuFitted() ? String.format("%.1f", f.cpuUwPerMhzV2()) : "(no CPU load in the trace: kept)",
                f.gpuUwPerMhzV2(), f.npuUwPerMhzV2(), f.dramPjPerBit());
        o.printf("held-out error (last 20 %% of the samples): %.1f %% of the power; wrote %s%n", 100 * f.heldOutRelativeError(), out);
        return 0;
    }
}
