package org.nanomind.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * {@code nanomind bless}: runs a scenario and writes (or deliberately rewrites) its golden summary. Every
 * figure is exact unless given a tolerance with a reason; anything that moves a golden (a figure, or a
 * tolerance) needs {@code --reason}, and is kept in the golden's history.
 */
@Command(name = "bless", mixinStandardHelpOptions = true,
        description = {"Write a scenario's golden summary for the policy regression suite.",
                "Runs the scenario (docs/policy-regression.md). Figures are exact, bit for bit, unless given a tolerance with a reason.",
                "Rewriting a golden is a deliberate act: review the diff."})
final class BlessCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenario;
    @Option(names = "--golden", required = true, paramLabel = "FILE", description = "The golden file to write.")
    Path golden;
    @Option(names = "--tolerance", paramLabel = "FIGURE=REL",
            description = "Let one figure move by a relative amount (0.01 is 1 %%; 0 makes it exact again). Repeatable; needs --tolerance-reason.")
    Map<String, Double> tolerances = new LinkedHashMap<>();
    @Option(names = "--tolerance-reason", paramLabel = "TEXT", description = "Why those figures may move; stored beside each in the golden.")
    String toleranceReason;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the golden moved: required when a figure or a tolerance did; kept in its history.")
    String reason;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!tolerances.isEmpty() && (toleranceReason == null || toleranceReason.isBlank())) {
            throw new ParameterException(spec.commandLine(), "a tolerance needs its written reason: --tolerance-reason \"...\"");
        }
        tolerances.forEach((k, t) -> {
            if (!(t >= 0 && t < 1)) {
                throw new ParameterException(spec.commandLine(), "--tolerance " + k + " must be within [0, 1), got " + t);
            }
        });
        Scenario sc = ScenarioFile.named(scenario);
        Map<String, Double> figures = Golden.measure(sc);
        for (String k : tolerances.keySet()) {
            if (!figures.containsKey(k)) {
                throw new ParameterException(spec.commandLine(), "--tolerance " + k + ": no such figure; the figures are " + figures.keySet());
            }
        }
        Golden old = Files.exists(golden) ? Golden.read(golden) : Golden.of(Map.of(), scenario, sc.seed());
        Map<String, Golden.Expected> fields = old.rebless(figures);
        tolerances.forEach((k, t) -> fields.put(k, new Golden.Expected(figures.get(k), t, t == 0 ? "" : toleranceReason)));
        List<String> moved = moves(old, figures, fields);
        var out = spec.commandLine().getOut();
        if (Files.exists(golden)) {
            var deviations = old.compare(figures);
            out.print(deviations.isEmpty() ? "no figure moved\n" : Golden.table(sc.name(), deviations));
            if (!moved.isEmpty() && (reason == null || reason.isBlank())) {
                throw new ParameterException(spec.commandLine(), moved.size() + " figure(s) or tolerance(s) moved: say why with --reason \"...\""
                        + " (it is kept in the golden's history); nothing was written");
            }
        }
        Golden fresh = Files.exists(golden)
                ? old.blessed(fields, new Golden.Move(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), reason == null ? "" : reason, moved))
                : new Golden(scenario, sc.seed(), fields, List.of());
        fresh.write(golden);
        long loose = fields.values().stream().filter(e -> e.tolerance() > 0).count();
        out.printf("wrote %s (%d figures, %d exact, %d with a tolerance)%n", golden, fields.size(), fields.size() - loose, loose);
        return 0;
    }

    /** Each figure whose value or tolerance differs from the old golden's ("field: old -> new"), or that is new to it. */
    private static List<String> moves(Golden old, Map<String, Double> figures, Map<String, Golden.Expected> fields) {
        List<String> lines = new ArrayList<>();
        fields.forEach((k, e) -> {
            Golden.Expected was = old.fields().get(k);
            if (was == null) {
                if (!old.fields().isEmpty()) {
                    lines.add(k + ": added, " + figures.get(k));
                }
                return;
            }
            if (Double.compare(was.value(), figures.get(k)) != 0) {
                lines.add(k + ": " + was.value() + " -> " + figures.get(k));
            }
            if (was.tolerance() != e.tolerance()) {
                lines.add(String.format(Locale.ROOT, "%s: tolerance %s -> %s", k, tol(was.tolerance()), tol(e.tolerance())));
            }
        });
        old.fields().keySet().stream().filter(k -> !fields.containsKey(k)).forEach(k -> lines.add(k + ": removed"));
        return lines;
    }

    private static String tol(double t) {
        return t == 0 ? "exact" : String.format(Locale.ROOT, "%.4g %%", 100 * t);
    }
}
