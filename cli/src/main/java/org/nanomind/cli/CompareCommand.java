package org.nanomind.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nanomind.reports.Report;
import org.nanomind.scenarios.Comparison;
import org.nanomind.scenarios.GovernorComparison;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind compare SCENARIO --governors a,b,c}: the same scenario and seed under each, side by side, and why the energy moved. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run a scenario under several DVFS governors on the same seed: a table, charts, and why the energy moved.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenario;
    @Option(names = "--governors", required = true, split = ",", paramLabel = "NAME[,NAME...]",
            description = "schedule (the scenario's own clocks), bsp (the platform's dvfs section), or a governor: performance,"
                    + " powersave, ondemand, conservative, schedutil, simple_ondemand. The first is the baseline.")
    List<String> governors;
    @Option(names = "--units", split = ",", paramLabel = "UNIT[,UNIT...]",
            description = "The units a named governor drives (default: those of the platform's dvfs section).")
    List<String> units = List.of();
    @Option(names = "--until", paramLabel = "HOURS", description = "Simulate this many hours in each (default: the scenario's duration).")
    Double untilHours;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<scenario>-governors).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (governors.size() < 2) {
            throw new ParameterException(spec.commandLine(), "--governors takes at least two, the first the baseline");
        }
        if (untilHours != null && !(untilHours > 0)) {
            throw new ParameterException(spec.commandLine(), "--until must be > 0 hours, got " + untilHours);
        }
        Scenario sc;
        try {
            sc = GovernorComparison.of(ScenarioFile.named(scenario), governors, units);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (untilHours != null) {
            sc = sc.withUntil(untilHours * 3600);
        }
        Path dir = out != null ? out : Path.of("out", sc.name() + "-governors");
        PrintWriter o = spec.commandLine().getOut();
        Comparison c = Comparison.run(sc, dir, o);
        o.print(ComparisonTable.format(c));
        Report.Written w = Report.write(dir);
        o.printf("wrote %s and one folder per governor; report: %s (%d charts)%n", dir.resolve("comparison.csv"),
                w.index().toAbsolutePath().toUri(), w.charts().size());
        return 0;
    }
}
