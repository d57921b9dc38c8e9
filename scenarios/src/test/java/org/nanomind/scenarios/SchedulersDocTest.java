package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.scheduler.Schedulers;
import org.nanomind.soc.InputException;

/**
 * docs/schedulers.md's example, compiled from the page, packaged in a jar with its service file, and run from a
 * scenario by name: a user's scheduler runs in the twin without a line of the project changed.
 */
class SchedulersDocTest {

    static Path jar(Path dir) throws Exception {
        String page = Files.readString(Path.of("..", "docs", "schedulers.md"));
        String from = "<!-- the example: SchedulersDocTest compiles what stands between these markers -->\n```java\n";
        String source = page.substring(page.indexOf(from) + from.length(), page.indexOf("```\n<!-- end of the example -->"));
        Path src = Files.createDirectories(dir.resolve("src/example")).resolve("Batch.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, rc, "the page's example compiles");
        Path jar = dir.resolve("batch.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    j.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    j.write(Files.readAllBytes(f));
                }
            }
            j.putNextEntry(new JarEntry("META-INF/services/org.nanomind.scenarios.scheduler.SchedulerProvider"));
            OutputStream o = j;
            o.write("example.Batch$Provider\n".getBytes());
        }
        return jar;
    }

    @Test
    void aSchedulerFromAJarRunsFromAScenario(@TempDir Path dir) throws Exception {
        String text = ScenarioFile.builtinText("cascade").replace("workload:", "scheduler: {name: batch, params: {n: 3, max_wait_s: 1800}}\nworkload:");
        InputException unknown = assertThrows(InputException.class, () -> ScenarioFile.parse(text, "b.yaml", null));
        assertTrue(unknown.getMessage().contains("unknown scheduler 'batch'") && unknown.getMessage().contains("on-demand, resident"), unknown.getMessage());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar(dir).toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(withJar);
            assertTrue(Schedulers.all().containsKey("batch"));
            Scenario batched = ScenarioFile.parse(text, "b.yaml", null).withUntil(6 * 3600);
            Summary fifo = Runner.run(ScenarioFile.named("cascade").withUntil(6 * 3600), null, null);
            Summary batch = Runner.run(batched, null, null);
            // The same events answered; each waits for its batch, so the median wait grows by a good part of the window.
            assertTrue(Math.abs(batch.queries() - fifo.queries()) <= 3, batch.queries() + " vs " + fifo.queries());
            assertTrue(batch.latencyP50() > fifo.latencyP50() + 300, batch.latencyP50() + " vs " + fifo.latencyP50());
            InputException badParam = assertThrows(InputException.class, () -> ScenarioFile.parse(
                    text.replace("max_wait_s", "max_wait"), "p.yaml", null));
            assertTrue(badParam.getMessage().contains("max_wait") && badParam.getMessage().contains("max_wait_s"), badParam.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertEquals(List.of("on-demand", "resident", "three-state", "layer-offload"), List.copyOf(Schedulers.all().keySet()), "without the jar only the built-ins");
    }
}
