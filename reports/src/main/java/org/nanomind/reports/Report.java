package org.nanomind.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.soc.InputException;

/**
 * Makes the report of an output folder from the files a run left in it: the charts (PNG and SVG) and
 * index.html. A run's folder gets the charts over time and of its events; a comparison's folder gets the
 * side-by-side charts and a table of its variants, and each variant's folder its own report.
 */
public final class Report {
    /** What was written: the page, and the charts by file stem. */
    public record Written(Path index, List<String> charts) {
    }

    private Report() {
    }

    /** Writes the report of {@code dir}, the output of `nanomind run`. */
    public static Written write(Path dir) {
        System.setProperty("java.awt.headless", "true");
        if (Files.exists(dir.resolve("comparison.csv"))) {
            return comparison(dir);
        }
        RunFiles run = RunFiles.read(dir);
        List<Chart> charts = charts(run);
        charts.forEach(c -> ChartFiles.write(c, dir));
        List<String> sections = new ArrayList<>();
        sections.add(HtmlReport.summary(SummaryView.of(run.summary())));
        sections.add(HtmlReport.allFigures(run.figures()));
        sections.add(HtmlReport.charts(charts));
        sections.add(HtmlReport.assumptions(run.scenarioText()));
        sections.add(HtmlReport.links(dir, List.of("summary.json", "scenario.yaml", "series.csv", "queries.csv", "timeline.csv",
                "trace.json")));
        HtmlReport.write(dir, run.scenario(), "seed " + run.summary().path("seed").asString("?") + "; report of " + dir, sections);
        return new Written(dir.resolve("index.html"), charts.stream().map(Chart::stem).toList());
    }

    private static final List<String> ORDER = List.of("battery", "latency", "energy", "power", "power-event", "memory", "timeline");

    /** The charts of one run, from what its folder holds. */
    static List<Chart> charts(RunFiles run) {
        List<Chart> charts = new ArrayList<>(run.series() == null ? List.of() : RunCharts.of(run.series()));
        charts.addAll(QueryCharts.of(run.queries(), run.timeline()));
        charts.addAll(EventCharts.of(run.series(), run.queries(), run.timeline()));
        // What a user asks first leads: the battery, latency and energy per query, then power and memory over the run and
        // during one event, then that event's timeline.
        charts.sort(java.util.Comparator.comparingInt(c -> ORDER.indexOf(c.stem())));
        return charts;
    }

    private static Written comparison(Path dir) {
        Csv c = Csv.read(dir.resolve("comparison.csv"));
        List<Chart> charts = ComparisonCharts.of(c);
        charts.forEach(ch -> ChartFiles.write(ch, dir));
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < c.rows().size(); r++) {
            List<String> row = new ArrayList<>();
            String variant = c.text(r, "variant");
            boolean hasReport = Files.exists(dir.resolve(variant).resolve("summary.json"));
            if (hasReport) {
                write(dir.resolve(variant));
            }
            for (int k = 0; k < c.header().size(); k++) {
                String v = c.rows().get(r)[k];
                row.add(k == 0 && hasReport ? "<a href=\"" + HtmlReport.esc(variant) + "/index.html\">" + HtmlReport.esc(v) + "</a>"
                        : HtmlReport.esc(HtmlReport.number(v)));
            }
            rows.add(row);
        }
        String scenario = c.file().getParent().getFileName().toString();
        String text = readOrEmpty(dir.resolve("scenario.yaml"));
        HtmlReport.write(dir, scenario + " (comparison)", "the first variant is the baseline of the *_change_pct columns; report of "
                + dir, List.of(HtmlReport.table("Variants", c.header(), rows), HtmlReport.charts(charts), HtmlReport.assumptions(text),
                HtmlReport.links(dir, List.of("comparison.csv", "comparison.json", "scenario.yaml"))));
        return new Written(dir.resolve("index.html"), charts.stream().map(Chart::stem).toList());
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            throw new InputException(p.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
    }
}
