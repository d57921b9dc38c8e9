package org.nanomind.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nanomind.scenarios.Golden;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nanomind bless}: runs a scenario and writes (or deliberately rewrites) its golden summary. */
@Command(name = "bless", mixinStandardHelpOptions = true,
        description = {"Write a scenario's golden summary for the policy regression suite.",
                "Runs the scenario (docs/policy-regression.md). Rewriting a golden is a deliberate act: review the diff."})
final class BlessCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenario;
    @Option(names = "--golden", required = true, paramLabel = "FILE", description = "The golden file to write.")
    Path golden;
    @Option(names = "--tolerance", defaultValue = "0.01", description = "Relative tolerance of every figure (default: ${DEFAULT-VALUE}).")
    double tolerance;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the figures moved: required when they did; kept in the golden's history.")
    String reason;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new ParameterException(spec.commandLine(), "--tolerance must be within [0, 1), got " + tolerance);
        }
        Scenario sc = ScenarioFile.named(scenario);
        Map<String, Double> figures = Golden.measure(sc);
        Golden fresh = Golden.of(figures, scenario, sc.seed(), tolerance);
        if (java.nio.file.Files.exists(golden)) {
            Golden old = Golden.read(golden);
            var moved = old.compare(figures);
            spec.commandLine().getOut().print(moved.isEmpty() ? "no figure moved beyond its tolerance\n" : Golden.table(sc.name(), moved));
            if (!moved.isEmpty() && (reason == null || reason.isBlank())) {
                throw new ParameterException(spec.commandLine(), moved.size() + " figure(s) moved: say why with --reason \"...\""
                        + " (it is kept in the golden's history); nothing was written");
            }
            List<String> lines = moved.stream().map(d -> String.format(java.util.Locale.ROOT, "%s: %.6g -> %.6g", d.field(), d.golden(), d.now()))
                    .toList();
            fresh = old.blessed(fresh.fields(), new Golden.Move(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                    reason == null ? "" : reason, lines));
        }
        fresh.write(golden);
        spec.commandLine().getOut().printf("wrote %s (%d figures, tolerance %.1f %%)%n", golden, figures.size(), 100 * tolerance);
        return 0;
    }
}
