package org.nanomind.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.reports.SweepReport;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepFile;
import org.nanomind.scenarios.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind sweep FILE --out DIR}: a design-space sweep on local cores (or on Spark), its Pareto front and report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Design-space exploration: run a sweep file's points, find the Pareto front.",
                "Writes DIR/results.csv (one row a point), DIR/pareto.csv (the non-dominated feasible points) and",
                "DIR/index.html (the objectives, the front, and how each parameter moves each objective); docs/sweeps.md."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file.")
    Path file;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<sweep>).")
    Path out;
    @Option(names = "--workers", paramLabel = "N", description = "Points run at once (default: the cores, ${DEFAULT-VALUE}).")
    int workers = Runtime.getRuntime().availableProcessors();
    @Option(names = "--resume", description = "Continue a sweep that stopped: keep the rows DIR/results.csv has.")
    boolean resume;
    @Option(names = "--first", paramLabel = "N", description = "Run only the first N points: a quick check of a sweep file (local engine).")
    Integer first;
    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where the points run: local cores, or Apache Spark (the sweep-spark module; see docs/sweeps.md).")
    String engine;
    @Option(names = "--master", paramLabel = "URL", description = "Spark master URL, e.g. local[2] or spark://host:7077.")
    String master;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Sweep sw = SweepFile.read(file);
        Path dir = out != null ? out : Path.of("out", sw.name());
        PrintWriter o = spec.commandLine().getOut();
        o.printf("sweep %s: %d points of %s (%s), %d objectives, %d constraints%n", sw.name(), sw.size(), sw.baseName(),
                sw.sampling(), sw.objectives().size(), sw.constraints().size());
        o.flush();
        SweepRun.Result r;
        switch (engine) {
            case "local" -> {
                o.printf("on %d local workers%n", workers);
                if (first != null && first < 1) {
                    throw new ParameterException(spec.commandLine(), "--first must be >= 1, got " + first);
                }
                r = SweepRun.run(sw, dir, workers, resume, first == null ? Integer.MAX_VALUE : first, o);
            }
            case "spark" -> {
                if (first != null) {
                    throw new ParameterException(spec.commandLine(), "--first runs on the local engine only");
                }
                r = SparkEngine.run(sw, dir, master, spec);
            }
            default -> throw new ParameterException(spec.commandLine(), "--engine is local or spark, got '" + engine + "'");
        }
        o.printf("%d points (%d run now) in %.1f s: %.2f points/s%n", r.points(), r.ran(), r.seconds(), r.pointsPerSecond());
        SweepReport.Written w = SweepReport.write(dir);
        o.printf("Pareto front: %d of %d points (%s); report: %s%n", w.front(), r.points(), dir.resolve("pareto.csv"),
                w.index().toAbsolutePath().toUri());
        return 0;
    }
}
