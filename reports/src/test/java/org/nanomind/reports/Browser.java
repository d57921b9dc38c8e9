package org.nanomind.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, JSON messages): open a
 * page, wait for it to load, evaluate an expression in it, take a screenshot, and collect every console
 * error, uncaught exception and failed load it reports.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The browser on this machine, or null: chromium, chromium-browser or google-chrome on the PATH. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    Browser(Path chromium, Path profile) throws Exception {
        process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--no-first-run", "--window-size=1200,900",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String port = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; port == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
            int i = line.indexOf("DevTools listening on ws://127.0.0.1:");
            if (i >= 0) {
                String rest = line.substring(i + "DevTools listening on ws://127.0.0.1:".length());
                port = rest.substring(0, rest.indexOf('/'));
            }
        }
        if (port == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not say where DevTools listens");
        }
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { })); // keep its stderr drained
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String ws = null;
        for (JsonNode t : targets) {
            if (t.path("type").asString("").equals("page")) {
                ws = t.get("webSocketDebuggerUrl").asString();
            }
        }
        if (ws == null) {
            throw new IOException("chromium has no page target: " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Page.enable", Map.of());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                receive(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private void receive(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                if (m.has("error")) {
                    f.completeExceptionally(new IOException("DevTools: " + m.get("error")));
                } else {
                    f.complete(m.get("result"));
                }
            }
            return;
        }
        String method = m.path("method").asString("");
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asString("").equals("error")) {
                    errors.add("console.error: " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asString("").equals("error")) {
                    errors.add(p.path("entry").path("source").asString("") + ": " + p.path("entry").path("text").asString("")
                            + " " + p.path("entry").path("url").asString(""));
                }
            }
            default -> { }
        }
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(30, TimeUnit.SECONDS);
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Opens {@code url} and waits until its load event (every image loaded or failed). */
    void open(String url) throws Exception {
        loaded = new CompletableFuture<>();
        call("Page.navigate", Map.of("url", url));
        loaded.get(60, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression in the page, as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result").path("value");
    }

    /** Lays the page out as a window {@code width} x {@code height} CSS pixels wide would (a laptop's, say). */
    void viewport(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** A PNG of the whole page, from its top to its bottom at the viewport's width. */
    byte[] fullPage() throws Exception {
        JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(), "height", size.path("height").asDouble(),
                "scale", 1);
        String data = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                .get("data").asString();
        return java.util.Base64.getDecoder().decode(data);
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        String data = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).get("data").asString();
        return java.util.Base64.getDecoder().decode(data);
    }

    List<String> errors() {
        return new ArrayList<>(errors);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // The browser goes next in any case.
        }
        // Chromium's helpers (renderer, network and storage services) outlive its main process by a moment and
        // write into the profile as they go: the caller deletes that folder next, so every one of them must be gone
        // first (a helper still writing made the profile's cleanup fail: "DirectoryNotEmptyException .../Default").
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : helpers) {
                h.destroy();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    h.destroyForcibly();
                    h.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            helpers.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a chromium helper did not exit", e);
        }
    }
}
