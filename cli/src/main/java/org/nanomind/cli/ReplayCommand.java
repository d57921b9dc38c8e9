package org.nanomind.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nanomind.bridge.Calibration;
import org.nanomind.reports.LinePlot;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind replay trace.csv}: the twin's power model on a trace's clocks and loads against the measured power. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Chart the power model's prediction against a trace's measured power.",
                "Drives the platform's power model with the clocks and loads the trace recorded (DIR/replay.png, .svg,",
                "replay.csv)."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "trace.csv", description = "A board telemetry trace (`telemetry pull` writes one).") Path trace;
    @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE",
            description = "The platform whose power model predicts (default: ${DEFAULT-VALUE}).") String platform;
    @Option(names = "--out", defaultValue = "out/replay", paramLabel = "DIR", description = "Where to write the chart (default: ${DEFAULT-VALUE}).") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Calibration.Replayed r = Calibration.replay(trace, PlatformFile.named(platform));
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("# t_s seconds; measured_w: V x I x converter efficiency; predicted_w: the platform's"
                + " power model at the sample's clocks and loads\nt_s,measured_w,predicted_w\n");
        for (int i = 0; i < r.seconds().length; i++) {
            csv.append(r.seconds()[i]).append(',').append(r.measuredWatts()[i]).append(',').append(r.predictedWatts()[i]).append('\n');
        }
        Files.writeString(out.resolve("replay.csv"), csv, StandardCharsets.UTF_8);
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("measured", new double[][] {r.seconds(), r.measuredWatts()});
        series.put("predicted by " + platform, new double[][] {r.seconds(), r.predictedWatts()});
        LinePlot.write(out, "replay", "Board power: measured and predicted", "time (s)", "power at the board (W)", series);
        spec.commandLine().getOut().printf("%d samples; the model is off by %.1f %% (RMS, relative); wrote %s and replay.png%n",
                r.seconds().length, 100 * r.relativeError(), out.resolve("replay.csv"));
        return 0;
    }
}
