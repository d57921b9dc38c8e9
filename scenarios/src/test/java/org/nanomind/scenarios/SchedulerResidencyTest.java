package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.scheduler.Scheduler;
import org.nanomind.scenarios.scheduler.SchedulerProvider;
import org.nanomind.soc.InputException;

/**
 * Residency is the scheduler's decision: on-demand loads every module within each event, resident loads them once
 * before the first, and a scheduler of one's own can keep them for a while and let them go (Board.preload, release).
 */
class SchedulerResidencyTest {
    private static Scenario cascade(Scenario.SchedulerSpec s) {
        Scenario sc = ScenarioFile.named("cascade").withUntil(4 * 3600);
        return sc.variant(new Scenario.Variant("x", null, null, null, null, s));
    }

    @Test
    void residentLoadsOnceAndHoldsEveryModuleOnDemandLoadsEachEvent() {
        Summary onDemand = Runner.run(cascade(Scenario.SchedulerSpec.ON_DEMAND), null, null);
        Summary resident = Runner.run(cascade(Scenario.SchedulerSpec.RESIDENT), null, null);
        assertTrue(onDemand.queries() > 10 && Math.abs(onDemand.queries() - resident.queries()) <= 1,
                onDemand.queries() + " and " + resident.queries() + " events: the same arrivals");
        // No load in a resident event: its latency is the on-demand one less the four modules' loading (6 s here).
        assertTrue(resident.latencyP50() < onDemand.latencyP50() - 3, resident.latencyP50() + " vs " + onDemand.latencyP50());
        // Held together, the modules' memory adds up; one at a time, the peak is the largest module and the pool.
        assertTrue(resident.peakMemoryMb() > 2 * onDemand.peakMemoryMb(), resident.peakMemoryMb() + " vs " + onDemand.peakMemoryMb());
        assertTrue(onDemand.failures().isEmpty() && resident.failures().isEmpty());
    }

    @Test
    void residencyAndASchedulerTogetherAreRefusedAtTheResidencyLine() {
        String text = ScenarioFile.builtinText("cascade").replace("workload:", "residency: resident\nscheduler: on-demand\nworkload:");
        InputException e = assertThrows(InputException.class, () -> ScenarioFile.parse(text, "both.yaml", null));
        assertTrue(e.getMessage().contains("both.yaml:") && e.getMessage().contains("not both"), e.getMessage());
        String shorthand = ScenarioFile.builtinText("cascade").replace("workload:", "residency: resident\nworkload:");
        assertEquals(Scenario.SchedulerSpec.RESIDENT, ScenarioFile.parse(shorthand, "r.yaml", null).scheduler());
    }

    /** Keeps the modules loaded for its first {@code keep} events, then releases them: later events load their own. */
    public static final class KeepFirst implements Scheduler {
        private final int keep;
        private int answered;

        KeepFirst(int keep) {
            this.keep = keep;
        }

        @Override
        public void begins(Board board, Runnable ready) {
            board.preload(ready);
        }

        @Override
        public void arrived(Board board, Event e) {
            if (board.busy()) {
                board.drop(e, "busy");
            } else {
                board.start(e);
            }
        }

        @Override
        public void finished(Board board, Event e, boolean answered) {
            if (++this.answered == keep) {
                board.release();
            }
        }

        public static final class Provider implements SchedulerProvider {
            @Override
            public String name() {
                return "keep-first";
            }

            @Override
            public Set<String> parameters() {
                return Set.of("events");
            }

            @Override
            public Scheduler create(Map<String, Double> params) {
                return new KeepFirst(params.getOrDefault("events", 1.0).intValue());
            }
        }
    }

    @Test
    void aSchedulerReleasesWhatItPreloadedAndLaterEventsLoadTheirOwn(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
        Files.writeString(services.resolve(SchedulerProvider.class.getName()), KeepFirst.Provider.class.getName() + "\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("services").toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(loader);
            String text = ScenarioFile.builtinText("cascade").replace("workload:", "scheduler: {name: keep-first, params: {events: 2}}\nworkload:")
                    .replaceAll("duration: .*", "duration: 4 events");
            Summary s = Runner.run(ScenarioFile.parse(text, "keep.yaml", null), dir.resolve("out"), null);
            assertEquals(4, s.queries());
            List<String> rows = Files.readAllLines(dir.resolve("out/queries.csv")).stream().filter(l -> !l.startsWith("#")).toList();
            List<String> header = Arrays.asList(rows.getFirst().split(","));
            List<Integer> loads = header.stream().filter(h -> h.endsWith(" load_s")).map(header::indexOf).toList();
            double[] loadSeconds = rows.stream().skip(1).mapToDouble(r -> {
                String[] f = r.split(",");
                return loads.stream().mapToDouble(i -> Double.parseDouble(f[i])).sum();
            }).toArray();
            assertEquals(0, loadSeconds[0], "the first events find every module loaded");
            assertEquals(0, loadSeconds[1]);
            assertTrue(loadSeconds[2] > 1 && Math.abs(loadSeconds[3] - loadSeconds[2]) < 1e-9, "after the release each event loads: " + Arrays.toString(loadSeconds));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
