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
import org.nanomind.scenarios.SchedulerComparison;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nanomind compare SCENARIO --governors a,b,c} or {@code --schedulers a,b}: the same scenario and seed under
 * each, side by side, and why the energy moved.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run a scenario under several DVFS governors or schedulers on the same seed: a table, charts, and why the energy moved.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenario;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Arms arms;

    /** What the variants differ in: governors or schedulers, one of the two. */
    static final class Arms {
        @Option(names = "--governors", required = true, split = ",", paramLabel = "NAME[,NAME...]",
                description = "schedule (the scenario's own clocks), bsp (the platform's dvfs section), or a governor: performance,"
                        + " powersave, ondemand, conservative, schedutil, simple_ondemand. The first is the baseline.")
        List<String> governors;
        @Option(names = "--schedulers", required = true, split = ",", paramLabel = "NAME[,NAME...]",
                description = "Schedulers by name: on-demand, resident, or one from a jar on the class path (docs/schedulers.md)."
                        + " The first is the baseline.")
        List<String> schedulers;
    }

    @Option(names = "--units", split = ",", paramLabel = "UNIT[,UNIT...]",
            description = "The units a named governor drives (default: those of the platform's dvfs section).")
    List<String> units = List.of();
    @Option(names = "--until", paramLabel = "HOURS", description = "Simulate this many hours in each (default: the scenario's duration).")
    Double untilHours;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<scenario>-governors or -schedulers).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean byGovernor = arms.governors != null;
        List<String> names = byGovernor ? arms.governors : arms.schedulers;
        String what = byGovernor ? "governors" : "schedulers";
        if (names.size() < 2) {
            throw new ParameterException(spec.commandLine(), "--" + what + " takes at least two, the first the baseline");
        }
        if (!byGovernor && !units.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--units is for --governors");
        }
        if (untilHours != null && !(untilHours > 0)) {
            throw new ParameterException(spec.commandLine(), "--until must be > 0 hours, got " + untilHours);
        }
        Scenario sc;
        try {
            Scenario base = ScenarioFile.named(scenario);
            sc = byGovernor ? GovernorComparison.of(base, names, units) : SchedulerComparison.of(base, names);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (untilHours != null) {
            sc = sc.withUntil(untilHours * 3600);
        }
        Path dir = out != null ? out : Path.of("out", sc.name() + "-" + what);
        PrintWriter o = spec.commandLine().getOut();
        Comparison c = Comparison.run(sc, dir, o);
        o.print(ComparisonTable.format(c));
        Report.Written w = Report.write(dir);
        o.printf("wrote %s and one folder per %s; report: %s (%d charts)%n", dir.resolve("comparison.csv"), what.substring(0, what.length() - 1),
                w.index().toAbsolutePath().toUri(), w.charts().size());
        return 0;
    }
}
