package org.nanomind.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.bridge.Calibration;
import org.nanomind.scenarios.fidelity.Case;
import org.nanomind.scenarios.fidelity.Fidelity;
import org.nanomind.scenarios.fidelity.Measurements;
import org.nanomind.soc.cost.CostFit;
import org.nanomind.soc.cost.RuntimesYaml;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind calibrate trace.csv --platform FILE --out FILE}: fit the power model to a board's telemetry. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit the twin to measurements and write a calibrated platform file.",
                "With a telemetry trace: fits C_eff per unit, DRAM energy per bit and the board baseline by non-negative",
                "least squares and reports the error on held-out samples. With --measurements FILE (published single-",
                "inference latencies, the calibration set's columns): fits every runtime's cost-model parameters by least",
                "squares on log time. Each fitted value is written with a comment that says what it was fitted on."})
final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "trace.csv",
            description = "A board telemetry trace to fit the power model to (`telemetry pull` writes one).") Path trace;
    @Option(names = "--measurements", paramLabel = "FILE", description = "Fit the cost model to these measurements instead.")
    Path measurements;
    @Option(names = "--models", paramLabel = "DIR", description = "Where the graphs are (default: ncnn-models/ beside the CSV).")
    Path models;
    @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE",
            description = "The platform to start from (default: ${DEFAULT-VALUE}).") String platform;
    @Option(names = "--out", required = true, paramLabel = "calibrated.yaml",
            description = "Where to write the calibrated platform file.") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Platform p = PlatformFile.named(platform);
        String text = PlatformFile.BUILTIN.contains(platform)
                ? new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/" + platform + ".yaml").readAllBytes(),
                        StandardCharsets.UTF_8)
                : Files.readString(Path.of(platform));
        if (measurements != null) {
            return costModel(p, text);
        }
        if (trace == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a telemetry trace (trace.csv) or --measurements FILE");
        }
        Calibration.Fit f = Calibration.fit(trace, p);
        // Checked to load before it is written: nothing is written from a fit that makes a file the twin refuses.
        String calibrated = Calibration.calibratedLoadable(text, f, trace);
        org.nanomind.scenarios.AtomicFiles.write(out, calibrated);
        var o = spec.commandLine().getOut();
        o.printf("fit on %d samples: baseline %.1f mW; C_eff cpu %s, gpu %.1f, npu %.1f uW/MHz/V^2; DRAM %.2f pJ/bit%n", f.samples(),
                1e3 * f.baselineWatts(), f.cpuFitted() ? String.format("%.1f", f.cpuUwPerMhzV2()) : "(no CPU load in the trace: kept)",
                f.gpuUwPerMhzV2(), f.npuUwPerMhzV2(), f.dramPjPerBit());
        o.printf("held-out error (last 20 %% of the samples): %.1f %% of the power; wrote %s%n", 100 * f.heldOutRelativeError(), out);
        return 0;
    }

    private int costModel(Platform p, String text) throws java.io.IOException {
        Path dir = Fidelity.models(measurements, models);
        var rows = Measurements.read(measurements);
        var cases = Fidelity.cases(rows, dir, p);
        var inference = cases.stream().filter(c -> c instanceof Case.Inference).map(c -> (Case.Inference) c).toList();
        CostFit.Result r = CostFit.fit(p, Fidelity.samples(inference));
        long families = inference.stream().map(Case.Inference::group).distinct().count();
        String provenance = String.format(java.util.Locale.ROOT, "fitted: nanomind calibrate --measurements %s (CostFit, least squares"
                + " on log time: %d rows of %d model families, %d parameters, %d iterations, rms log error %.3f)", measurements.getFileName(),
                inference.size(), families, r.parameters(), r.iterations(), r.rmsLogError());
        org.nanomind.scenarios.AtomicFiles.write(out, RuntimesYaml.replace(text, r, provenance));
        spec.commandLine().getOut().printf("%s%nwrote %s (%d rows not used: see nanomind fidelity)%n", provenance, out,
                rows.size() - inference.size());
        return 0;
    }
}
