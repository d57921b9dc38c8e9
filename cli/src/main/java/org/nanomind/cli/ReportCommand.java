package org.nanomind.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.reports.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind report DIR}: the charts and index.html of an existing output folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a run's report again: charts (PNG, SVG) and index.html.",
                "Reads the files the run left in DIR (`nanomind run` writes the report already)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The output folder of `nanomind run`.")
    Path dir;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Report.Written w = Report.write(dir);
        spec.commandLine().getOut().printf("wrote %s (%d charts: %s)%n", w.index(), w.charts().size(), String.join(", ", w.charts()));
        return 0;
    }
}
