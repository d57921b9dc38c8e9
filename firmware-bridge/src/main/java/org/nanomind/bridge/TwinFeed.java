package org.nanomind.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.nanomind.scenarios.Runner;
import org.nanomind.scenarios.Scenario;
import org.nanomind.soc.Platform;

/**
 * The twin playing the board's PMU: a scenario's run, sample by sample, written into the virtual board's
 * power_supply files (voltage_now in uV, current_now in uA, capacity in %) at {@code speed} simulated
 * seconds per second of wall time, so a telemetry pull reads what the twin's battery does.
 */
public final class TwinFeed implements AutoCloseable {
    private final Thread thread;

    private TwinFeed(Thread thread) {
        this.thread = thread;
    }

    public static TwinFeed start(Path root, Platform p, Scenario sc, double speed) throws IOException {
        Path run = Files.createTempDirectory("nanomind-twin-");
        Runner.run(sc.withOutputs(List.of("series")), run, null); // the PMU's samples are all the board needs
        List<String> rows = Files.readAllLines(run.resolve("series.csv"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("time_s")).toList();
        try (var files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(run);
        Path dir = root.resolve("sys/class/" + p.sysfs().get("battery"));
        Thread t = Thread.ofPlatform().daemon().name("twin feed").start(() -> {
            long start = System.nanoTime();
            try {
                for (String row : rows) {
                    String[] f = row.split(",");
                    long due = start + (long) (Double.parseDouble(f[0]) / speed * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    put(dir.resolve("voltage_now"), Math.round(Double.parseDouble(f[2]) * 1e6));
                    put(dir.resolve("current_now"), Math.round(Double.parseDouble(f[3]) * 1e6));
                    put(dir.resolve("capacity"), Math.round(Double.parseDouble(f[1]) * 100));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("twin feed stopped: " + e.getMessage());
            }
        });
        return new TwinFeed(t);
    }

    private static void put(Path file, long value) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
        Files.writeString(tmp, Long.toString(value));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops the feed and waits until it has: nothing writes to the board after this returns. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
