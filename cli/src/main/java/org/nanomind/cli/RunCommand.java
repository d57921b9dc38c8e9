package org.nanomind.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.reports.Report;
import org.nanomind.scenarios.Comparison;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.scenarios.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nanomind run}: runs a scenario and writes summary.json, series.csv and trace.json. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (a built-in name or a file) and write its outputs.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "cascade", paramLabel = "SCENARIO",
            description = "A built-in scenario (see 'nanomind list') or a scenario file (default: ${DEFAULT-VALUE}).")
    String scenario;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<scenario>).")
    Path out;
    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
    Long seed;
    @Option(names = "--until", paramLabel = "HOURS", description = "Stop after this many simulated hours, battery or not.")
    Double untilHours;
    @Option(names = "--max-series-rows", paramLabel = "N", description = "Refuse a run whose series.csv could exceed N rows (default: ${DEFAULT-VALUE}).")
    long maxSeriesRows = org.nanomind.scenarios.RunBudget.DEFAULT.maxSeriesRows();
    @Option(names = "--max-hours", paramLabel = "HOURS", description = "Refuse a run that could simulate more than HOURS (default: ${DEFAULT-VALUE}).")
    double maxHours = org.nanomind.scenarios.RunBudget.DEFAULT.maxHours();
    @Option(names = "--functional", description = "Compute the vision and decoder bricks for real on the kernels (generated"
            + " weights unless a brick names a .gguf), checking each operation's work against the timing model.")
    boolean functional;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scenario sc = ScenarioFile.named(scenario);
        if (seed != null) {
            sc = sc.withSeed(seed);
        }
        if (untilHours != null) {
            if (!(untilHours > 0)) {
                throw new ParameterException(spec.commandLine(), "--until must be > 0 hours, got " + untilHours);
            }
            sc = sc.withUntil(untilHours * 3600);
        }
        if (functional) {
            sc = sc.functional();
        }
        Path dir = out != null ? out : Path.of("out", sc.name());
        PrintWriter o = spec.commandLine().getOut();
        o.printf("running %s (seed %d) on %s ...%n", sc.name(), sc.seed(), sc.platform());
        o.flush();
        if (!sc.variants().isEmpty()) {
            Comparison c = Comparison.run(sc, dir, o);
            o.print(ComparisonTable.format(c));
            c.summaries().stream().filter(x -> !x.failures().isEmpty()).forEach(x ->
                    o.printf("%s: %d event(s) failed, first: %s%n", x.scenario(), x.failures().size(), x.failures().getFirst()));
            o.printf("wrote %s and one folder per variant%n", dir.resolve("comparison.csv"));
            report(o, dir);
            return 0;
        }
        if (maxSeriesRows < 1 || !(maxHours > 0)) {
            throw new ParameterException(spec.commandLine(), "--max-series-rows must be >= 1 and --max-hours > 0");
        }
        Summary s = Runner.run(sc, dir, o, new org.nanomind.scenarios.RunBudget(maxSeriesRows, maxHours));
        // What the report's summary shows, read back from the summary.json just written: one view, two places.
        o.print(org.nanomind.reports.SummaryView.text(dir));
        if (s.functional() != null) {
            o.printf("functional: %s work checks passed; first answer \"%s\"; accuracy %s%n", s.functional().get("work_checks"),
                    ((java.util.List<?>) s.functional().get("answers")).stream().map(String::valueOf).findFirst().orElse(""),
                    s.functional().get("accuracy"));
        }
        if (!s.failures().isEmpty()) {
            o.printf("%d event(s) failed, first: %s%n", s.failures().size(), s.failures().getFirst());
        }
        o.printf("wrote %s%n", dir.resolve("summary.json"));
        report(o, dir);
        if (s.queries() == 0 && !s.failures().isEmpty()) {
            // Every event failed: the figures describe a device that answers nothing, so the run did not succeed.
            spec.commandLine().getErr().printf("nanomind: no event was answered (%d failed), first: %s%n", s.failures().size(),
                    s.failures().getFirst());
            return 1;
        }
        return 0;
    }

    private static void report(PrintWriter o, Path dir) {
        Report.Written w = Report.write(dir);
        o.printf("report: %s (%d charts)%n", w.index().toAbsolutePath().toUri(), w.charts().size());
    }
}
