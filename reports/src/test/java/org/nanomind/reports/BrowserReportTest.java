package org.nanomind.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.ScenarioFile;
import tools.jackson.databind.JsonNode;

/**
 * The report in a real browser: headless Chromium (Debian's, which .ci/run installs) opens index.html from
 * a file URL; every image must have loaded and the console must show no error. In CI a missing browser
 * fails the test; on a developer's machine without one it is skipped.
 */
class BrowserReportTest {

    @Test
    void theReportOpensInChromiumWithEveryImageLoadedAndNoConsoleError(@TempDir Path out, @TempDir Path profile) throws Exception {
        Path chromium = Browser.find();
        if (System.getenv("CI") != null) {
            assertNotNull(chromium, "CI installs chromium (.ci/run); it is not on the PATH");
        }
        if (chromium == null) {
            System.err.println("SKIPPED " + getClass().getSimpleName() + ": no chromium on this machine; install it with"
                    + " `sudo apt-get install chromium` (bash .ci/run installs every tool the tests need)");
        }
        assumeTrue(chromium != null, "no chromium on this machine: sudo apt-get install chromium");
        Runner.run(ScenarioFile.named("cascade").withUntil(3 * 3600), out, null);
        Report.write(out);
        try (Browser b = new Browser(chromium, profile)) {
            b.open(out.resolve("index.html").toUri().toString());
            JsonNode images = b.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])");
            assertEquals(7, images.size(), images.toString());
            for (JsonNode i : images) {
                assertTrue(i.get(1).asBoolean() && i.get(2).asInt() > 0, "image did not load: " + i);
            }
            byte[] png = b.screenshot();
            Files.write(out.resolve("screenshot.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(shot.getWidth() > 0 && shot.getHeight() > 2 * 480, "the page with its charts: " + shot.getHeight() + " px");
            assertEquals(java.util.List.of(), b.errors(), "the console shows no error");
            // On a laptop's screen: nothing wider than the window, the headline figures above the first chart.
            b.viewport(1280, 800);
            b.open(out.resolve("index.html").toUri().toString());
            JsonNode layout = b.evaluate("""
                    ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                      wide: Array.from(document.querySelectorAll('img, table, figure, pre')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5).length,
                      headline: Array.from(document.querySelectorAll('.headline .label')).map(e => e.textContent),
                      headlineBottom: document.querySelector('.headline').getBoundingClientRect().bottom,
                      firstChart: document.images[0].getBoundingClientRect().top,
                      captions: Array.from(document.querySelectorAll('figure')).filter(f => f.querySelector('figcaption') && f.querySelector('img').alt).length,
                      figures: document.querySelectorAll('figure').length,
                      lists: document.querySelectorAll('.assumptions li').length})""");
            assertTrue(layout.get("scroll").asInt() <= layout.get("inner").asInt(), "no sideways scrolling: " + layout);
            assertEquals(0, layout.get("wide").asInt(), "every chart, table and listing fits the window: " + layout);
            assertEquals("[\"battery life\",\"energy per query\",\"latency p50 / p95\",\"average power\"]", layout.get("headline").toString());
            assertTrue(layout.get("headlineBottom").asDouble() < layout.get("firstChart").asDouble(), "the headline comes first: " + layout);
            assertEquals(layout.get("figures").asInt(), layout.get("captions").asInt(), "every chart has a caption and alt text");
            assertTrue(layout.get("lists").asInt() >= 3, "the assumptions render as the Markdown list they are: " + layout);
            Files.write(out.resolve("report-cascade.png"), b.fullPage());
            Path docs = Path.of(System.getProperty("report.screenshot", "target/report-cascade.png"));
            Files.createDirectories(docs.toAbsolutePath().getParent());
            Files.copy(out.resolve("report-cascade.png"), docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // The check is real: a page with a missing image fails it.
            Files.delete(out.resolve("power.png"));
            b.open(out.resolve("index.html").toUri().toString());
            JsonNode broken = b.evaluate("Array.from(document.images).filter(i => i.naturalWidth === 0).length");
            assertEquals(1, broken.asInt());
            assertTrue(b.errors().stream().anyMatch(e -> e.contains("power.png")), b.errors().toString());
        }
    }
}
