package org.nanomind.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * DIR/index.html: the figures, the scenario's assumptions (its comments, then the file itself), the charts
 * and links to the data. Everything it shows sits next to it: no script, font or style from the network.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
            main{max-width:1000px;margin:0 auto;padding:1.5rem 1rem 3rem}
            h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
            .meta{color:#666}table{border-collapse:collapse;font-size:.9rem;background:#fff}
            td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}
            figure{margin:1.2rem 0;background:#fff;border:1px solid #e4e4e4;padding:.5rem}
            img{max-width:100%;height:auto;display:block}figcaption{color:#444;font-size:.9rem;margin-top:.3rem}
            pre{background:#fff;border:1px solid #e4e4e4;padding:.6rem;overflow-x:auto;font-size:.8rem}
            .scroll{overflow-x:auto}
            .headline{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
            .figure{flex:1 1 12rem;background:#fff;border:1px solid #e4e4e4;padding:.6rem .8rem}
            .figure .value{font-size:1.5rem;font-weight:600}.figure .label{color:#555}
            .groups{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
            caption{text-align:left;font-weight:600;padding:.2rem 0}
            """;

    private HtmlReport() {
    }

    /** The page: a title, then sections of ready HTML in order. */
    static void write(Path dir, String title, String meta, List<String> sections) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" - NanoMind Twin</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(esc(meta)).append("</p>\n");
        sections.forEach(b::append);
        b.append("</main>\n</body>\n</html>\n");
        try {
            Files.writeString(dir.resolve("index.html"), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("index.html"), e);
        }
    }

    static String table(String heading, List<String> columns, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<h2>").append(esc(heading)).append("</h2>\n<div class=\"scroll\"><table>\n<tr>");
        columns.forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            r.forEach(c -> b.append("<td>").append(c).append("</td>"));
            b.append("</tr>\n");
        }
        return b.append("</table></div>\n").toString();
    }

    /**
     * The summary: its first group (battery life, energy per query, latency, power) as large figures a reader
     * sees first, then every group as a small two-column table, side by side where the page is wide enough.
     */
    static String summary(List<SummaryView.Group> groups) {
        StringBuilder b = new StringBuilder("<section class=\"headline\">\n");
        for (SummaryView.Row r : groups.getFirst().rows()) {
            b.append("<div class=\"figure\"><div class=\"value\">").append(esc(r.value())).append("</div><div class=\"label\">")
                    .append(esc(r.label())).append("</div></div>\n");
        }
        b.append("</section>\n<h2>Summary</h2>\n<div class=\"groups\">\n");
        for (SummaryView.Group g : groups.subList(1, groups.size())) {
            b.append("<table><caption>").append(esc(g.title())).append("</caption>\n");
            g.rows().forEach(r -> b.append("<tr><td>").append(esc(r.label())).append("</td><td>").append(esc(r.value())).append("</td></tr>\n"));
            b.append("</table>\n");
        }
        return b.append("</div>\n").toString();
    }

    /** Every figure of summary.json by its dotted name, folded away: what the grouped view leaves out is here. */
    static String allFigures(java.util.Map<String, String> figures) {
        StringBuilder b = new StringBuilder("<details><summary>every figure of summary.json</summary><div class=\"scroll\"><table>\n");
        figures.forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n"));
        return b.append("</table></div></details>\n").toString();
    }

    static String charts(List<Chart> charts) {
        StringBuilder b = new StringBuilder("<h2>Charts</h2>\n");
        for (Chart c : charts) {
            b.append("<figure><img src=\"").append(c.stem()).append(".png\" width=\"").append(ChartFiles.WIDTH)
                    .append("\" height=\"").append(ChartFiles.HEIGHT).append("\" alt=\"").append(esc(c.caption()))
                    .append("\"><figcaption>").append(esc(c.caption())).append(" (<a href=\"").append(c.stem())
                    .append(".svg\">SVG</a>)</figcaption></figure>\n");
        }
        return b.toString();
    }

    /**
     * The scenario's leading comments as its stated assumptions, rendered as the Markdown they are written in
     * (lists, `code`, emphasis; commonmark-java, raw HTML escaped), then the whole file folded away.
     */
    static String assumptions(String scenarioText) {
        if (scenarioText.isBlank()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        for (String l : scenarioText.lines().toList()) {
            if (!l.startsWith("#")) {
                break;
            }
            // "# text" -> "text": one space after the hash is the comment's, further indentation the Markdown's.
            md.append(l.startsWith("# ") ? l.substring(2) : l.substring(1)).append('\n');
        }
        String html = org.commonmark.renderer.html.HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build()
                .render(org.commonmark.parser.Parser.builder().build().parse(md.toString()));
        return "<h2>Scenario and its assumptions</h2>\n<div class=\"assumptions\">" + html + "</div>\n"
                + "<details><summary>the scenario file</summary><pre>" + esc(scenarioText) + "</pre></details>\n";
    }

    static String links(Path dir, List<String> files) {
        StringBuilder b = new StringBuilder("<h2>Data</h2>\n<ul>\n");
        for (String f : files) {
            if (Files.exists(dir.resolve(f))) {
                b.append("<li><a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a>")
                        .append(f.equals("trace.json") ? ": open it in ui.perfetto.dev (the timeline: a track per core, GPU and NPU;"
                                + " counters of load, power and battery)" : "").append("</li>\n");
            }
        }
        return b.append("</ul>\n").toString();
    }

    /** A table cell's number in the digits the summary uses ({@link SummaryView#number}); text as it is. */
    static String number(String v) {
        try {
            return SummaryView.number(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
