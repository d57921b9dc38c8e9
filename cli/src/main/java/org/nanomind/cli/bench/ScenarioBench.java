package org.nanomind.cli.bench;

import java.io.PrintWriter;
import java.util.Map;
import org.nanomind.scenarios.ScenarioFile;

/** Runs {@link ScenarioBenchmarks} for every built-in scenario, in forks capped at a 512 MB heap. */
public final class ScenarioBench {
    private final Jmh jmh;

    public ScenarioBench(int forks, int warmups, int iterations) {
        this.jmh = new Jmh(forks, warmups, iterations, 1);
    }

    public void run(PrintWriter out) {
        out.println("scenario benchmark: " + jmh.describe() + "; single-shot whole runs (to battery empty, or every variant of a comparison), heap capped at 512 MB");
        StringBuilder table = new StringBuilder(String.format("%-20s %16s %10s%n", "scenario", "wall s per run", "target"));
        for (String name : ScenarioFile.BUILTIN) {
            Jmh.Score s = jmh.measure(out, ScenarioBenchmarks.class, "runToEmpty", name + " whole run", "512m",
                    Map.of("scenario", name));
            table.append(String.format("%-20s %16s %10s%n", name, s.format(1), name.equals("cascade") ? "< 2 s" : ""));
        }
        out.println();
        out.print(table);
        out.println("every run completed inside -Xmx512m (series and traces stream to disk when written)");
        out.flush();
    }
}
