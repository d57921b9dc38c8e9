package org.nanomind.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.reports.FidelityReport;
import org.nanomind.scenarios.fidelity.Fidelity;
import org.nanomind.scenarios.fidelity.FidelityFiles;
import org.nanomind.scenarios.fidelity.Measurements;
import org.nanomind.scenarios.fidelity.Summary;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nanomind fidelity --measurements FILE --out DIR}: how well the twin predicts published measurements. */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"Predict every measurement the twin can express and report the error.",
                "Each row runs as a single inference on its board's clocks; rows the twin cannot express are listed",
                "with the reason. With --folds K, model families are split into K folds and each fold is predicted by",
                "parameters fitted without it (the out-of-sample error). Writes predictions.csv, not_expressible.csv,",
                "summary.json and index.html (predicted against measured, the error histogram) in DIR."})
final class FidelityCommand implements Callable<Integer> {
    @Option(names = "--measurements", required = true, paramLabel = "FILE", description = "A measurements CSV (the calibration set's columns).")
    Path measurements;
    @Option(names = "--models", paramLabel = "DIR", description = "Where the graphs are (default: ncnn-models/ beside the CSV).")
    Path models;
    @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE",
            description = "The platform whose parameters predict, or are refitted in each fold (default: ${DEFAULT-VALUE}).")
    String platform;
    @Option(names = "--folds", defaultValue = "0", paramLabel = "K", description = "Cross-validate by model family in K folds (0: the platform's parameters as they are).")
    int folds;
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write predictions.csv, not_expressible.csv, summary.json and index.html.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (folds == 1 || folds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--folds must be 0 (no cross-validation) or at least 2, got " + folds);
        }
        var o = spec.commandLine().getOut();
        Path dir = Fidelity.models(measurements, models);
        long t0 = System.nanoTime();
        Fidelity.Result r = Fidelity.run(Measurements.read(measurements), dir, PlatformFile.named(platform), folds, s -> {
            o.println(s);
            o.flush();
        });
        Summary s = Summary.of(r);
        FidelityFiles.write(out, r, s);
        FidelityReport.write(out, r.predictions(), s);
        o.print(s.table());
        o.printf("%d of %d rows predicted, %d not expressible (reasons in not_expressible.csv); %.1f s; wrote %s%n",
                r.predictions().size(), r.rows(), r.notExpressible().size(), (System.nanoTime() - t0) / 1e9, out.resolve("index.html"));
        return 0;
    }
}
