package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.PlatformFile;

class BoardAgentTest {
    static final class Crash extends RuntimeException {
        Crash(String step) {
            super("killed at " + step);
        }
    }

    static SignedPolicy signed(Scenario sc, long version) {
        return SignedPolicy.sign(PolicyArtifact.build(sc, version), PolicyTest.KEY.getPrivate(), PolicyTest.KEY.getPublic());
    }

    static Scenario gpuCap(String mhz) {
        return ScenarioFile.parse(ScenarioFile.builtinText("cascade").replace("workload:", "limits:\n  gpu: " + mhz + "\n  dram: "
                + mhz + "\nworkload:"), "cascade.yaml", null);
    }

    static String stage(Path root, SignedPolicy p, String name) throws IOException {
        Path f = root.resolve(BoardAgent.STAGING).resolve(name);
        Files.writeString(f, p.text());
        return "/" + BoardAgent.STAGING + "/" + name;
    }

    /** The files a policy touches, with what they hold. */
    static Map<String, String> touched(Path root, SignedPolicy p) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (PolicyArtifact.Setting s : PolicyArtifact.parse(p.payload(), "p").kernelSettings()) {
            m.put(s.path(), Files.readString(root.resolve(s.path().substring(1))).strip());
        }
        m.put("runtime", Files.exists(root.resolve(BoardAgent.RUNTIME)) ? Files.readString(root.resolve(BoardAgent.RUNTIME)) : "");
        return m;
    }

    static Path board(Path dir) throws IOException {
        VirtualBoard.initialize(dir, PlatformFile.named("nanomind-rk3566"), PolicyTest.KEY.getPublic());
        return dir;
    }

    /** A governor the scenario names reaches the board: its sysfs file written and read back; its tunables signed along. */
    @Test
    void aScenariosGovernorsAreWrittenToTheBoardsSysfs(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        Scenario sc = ScenarioFile.parse(ScenarioFile.builtinText("cascade").replace("workload:",
                "limits:\n  governors: {a55: {name: ondemand, up_threshold: 90}, gpu: powersave}\nworkload:"), "cascade.yaml", null);
        SignedPolicy p = signed(sc, 1);
        assertEquals("schedutil", Files.readString(root.resolve("sys/devices/system/cpu/cpufreq/policy0/scaling_governor")),
                "the board boots with the BSP's");
        assertEquals("applied", new BoardAgent(root, BoardAgent.Faults.NONE).apply(stage(root, p, "g.json")).status());
        assertEquals("ondemand", Files.readString(root.resolve("sys/devices/system/cpu/cpufreq/policy0/scaling_governor")));
        assertEquals("powersave", Files.readString(root.resolve("sys/class/devfreq/fde60000.gpu/governor")));
        assertEquals("rknpu_ondemand", Files.readString(root.resolve("sys/class/devfreq/fde40000.npu/governor")).strip(),
                "a unit the scenario leaves alone keeps its governor");
        var g = PolicyArtifact.parse(p.payload(), "g").payload().get("governors");
        assertEquals(90.0, g.get("a55").get("tunables").get("up_threshold").asDouble(), g.toString());
        assertEquals("powersave", g.get("gpu").get("name").asString());
    }

    /**
     * The tunables a file takes are written after their governor and read back; the scheduler travels in the artifact;
     * simple_ondemand's thresholds, its driver's data, are named as what the board keeps; and a board whose kernel did
     * not make the governor's directory rolls back.
     */
    @Test
    void governorTunablesReachTheirFilesAndTheSchedulerTravelsAlong(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        Scenario sc = ScenarioFile.parse(ScenarioFile.builtinText("cascade").replace("workload:",
                "scheduler: resident\nlimits:\n  governors: {a55: {name: ondemand, up_threshold: 90, sampling_rate: 20 ms},"
                        + " gpu: {name: simple_ondemand, upthreshold: 70, polling_interval: 100 ms}}\nworkload:"), "cascade.yaml", null);
        SignedPolicy p = signed(sc, 1);
        PolicyArtifact a = PolicyArtifact.parse(p.payload(), "t");
        assertEquals("resident", a.payload().get("scheduler").get("name").asString());
        assertEquals(List.of("gpu: simple_ondemand upthreshold"), PolicyArtifact.unwritable(sc));
        assertEquals("applied", new BoardAgent(root, BoardAgent.Faults.NONE).apply(stage(root, p, "t.json")).status());
        Path policy = root.resolve("sys/devices/system/cpu/cpufreq/policy0");
        assertEquals("90", Files.readString(policy.resolve("ondemand/up_threshold")));
        assertEquals("20000", Files.readString(policy.resolve("ondemand/sampling_rate")), "microseconds");
        assertEquals("100", Files.readString(root.resolve("sys/class/devfreq/fde60000.gpu/polling_interval")), "milliseconds");

        Path fresh = board(dir.resolve("fresh"));
        Path ondemand = fresh.resolve("sys/devices/system/cpu/cpufreq/policy0/ondemand");
        try (var files = Files.list(ondemand)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(ondemand);
        BoardAgent.Outcome o = new BoardAgent(fresh, BoardAgent.Faults.NONE).apply(stage(fresh, signed(sc, 1), "t.json"));
        assertEquals("rolled-back", o.status(), o.toString());
        assertEquals("schedutil", Files.readString(fresh.resolve("sys/devices/system/cpu/cpufreq/policy0/scaling_governor")),
                "the governor is back to the board's own");
    }

    /** Nothing outlives its deploy in staging: a refused artifact goes at once, an interrupted upload's .part at reconcile. */
    @Test
    void stagingKeepsNoLeftovers(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        BoardAgent agent = new BoardAgent(root, BoardAgent.Faults.NONE);
        agent.apply(stage(root, signed(gpuCap("600 MHz"), 2), "new.json"));
        String old = stage(root, signed(gpuCap("400 MHz"), 1), "old.json");
        assertThrows(PolicyRejected.class, () -> agent.apply(old));
        assertTrue(Files.notExists(root.resolve(old.substring(1))), "a refused artifact is removed");
        Files.writeString(root.resolve(BoardAgent.STAGING).resolve("next.json.part"), "half an upl");
        String note = new BoardAgent(root, BoardAgent.Faults.NONE).reconcile().message();
        assertTrue(note.contains("cleared 1 file(s) from staging"), note);
        try (var left = Files.list(root.resolve(BoardAgent.STAGING))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aPolicyIsAppliedOnceAndOlderOrForeignOnesAreRefused(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        BoardAgent agent = new BoardAgent(root, BoardAgent.Faults.NONE);
        SignedPolicy v1 = signed(gpuCap("600 MHz"), 1);
        assertEquals("applied", agent.apply(stage(root, v1, "a.json")).status());
        assertEquals("600000000", Files.readString(root.resolve("sys/class/devfreq/fde60000.gpu/max_freq")));
        assertEquals("528000000", Files.readString(root.resolve("sys/class/devfreq/dmc/max_freq")), "the highest DMC OPP under 600 MHz");
        assertEquals("already", agent.apply(stage(root, v1, "b.json")).status(), "the same artifact twice is a no-op");
        SignedPolicy v2 = signed(gpuCap("400 MHz"), 2);
        assertEquals("applied", agent.apply(stage(root, v2, "c.json")).status());
        PolicyRejected older = assertThrows(PolicyRejected.class, () -> agent.apply(stage(root, v1, "d.json")));
        assertEquals(PolicyRejected.Reason.OLDER_VERSION, older.reason());
        Scenario rk3588 = ScenarioFile.parse(ScenarioFile.builtinText("cascade").replace("platform: nanomind-rk3566",
                "platform: orangepi5ultra-rk3588"), "c.yaml", null);
        assertThrows(RuntimeException.class, () -> PolicyArtifact.build(rk3588, 3), "no sysfs section on that platform file");
        assertTrue(agent.status().startsWith("committed version 2"), agent.status());
    }

    @Test
    void devfreqLimitsAreWrittenInTheOrderThatNeverCrossesMinOverMax(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        List<String> order = new ArrayList<>();
        BoardAgent agent = new BoardAgent(root, step -> order.add(step));
        agent.apply(stage(root, signed(gpuCap("400 MHz"), 1), "a.json"));
        String gpu = "/sys/class/devfreq/fde60000.gpu/";
        assertTrue(order.indexOf("wrote " + gpu + "min_freq") < order.indexOf("wrote " + gpu + "max_freq"), "lowering: min first " + order);
        order.clear();
        agent.apply(stage(root, signed(gpuCap("800 MHz"), 2), "b.json"));
        assertTrue(order.indexOf("wrote " + gpu + "max_freq") < order.indexOf("wrote " + gpu + "min_freq"), "raising: max first " + order);
    }

    @Test
    void killedAtAnyStepTheBoardHoldsTheOldPolicyOrTheNewAndARetryCompletes(@TempDir Path dir) throws Exception {
        SignedPolicy v1 = signed(gpuCap("600 MHz"), 1);
        SignedPolicy v2 = signed(gpuCap("400 MHz"), 2);
        // Every step a deploy of v2 over v1 passes, as the agent names them.
        Path probe = board(dir.resolve("probe"));
        new BoardAgent(probe, BoardAgent.Faults.NONE).apply(stage(probe, v1, "a.json"));
        List<String> steps = new ArrayList<>();
        new BoardAgent(probe, steps::add).apply(stage(probe, v2, "b.json"));
        assertTrue(steps.size() >= 10, steps.toString());
        for (int k = 0; k < steps.size(); k++) {
            String step = steps.get(k);
            Path root = board(dir.resolve("board" + k));
            new BoardAgent(root, BoardAgent.Faults.NONE).apply(stage(root, v1, "a.json"));
            Map<String, String> old = touched(root, v2);
            String staged = stage(root, v2, "b.json");
            BoardAgent dying = new BoardAgent(root, s -> {
                if (s.equals(step)) {
                    throw new Crash(s);
                }
            });
            assertThrows(Crash.class, () -> dying.apply(staged), step);
            // The next start of the agent:
            BoardAgent restarted = new BoardAgent(root, BoardAgent.Faults.NONE);
            restarted.reconcile();
            Map<String, String> now = touched(root, v2);
            boolean committed = step.equals("committed");
            if (!committed) {
                assertEquals(old, now, "killed at '" + step + "': every file holds the old policy");
            }
            String retry = restarted.apply(stage(root, v2, "c.json")).status();
            assertEquals(committed ? "already" : "applied", retry, "killed at '" + step + "', then retried");
            Map<String, String> done = touched(root, v2);
            if (committed) {
                assertEquals(done, now, "killed after the commit: every file already held the new policy");
            }
            assertEquals("400000000", done.get("/sys/class/devfreq/fde60000.gpu/max_freq"));
            assertTrue(!Files.exists(root.resolve(BoardAgent.JOURNAL)));
        }
    }

    @Test
    void aSettingThatDoesNotReadBackRollsTheWholePolicyBack(@TempDir Path dir) throws Exception {
        Path root = board(dir);
        new BoardAgent(root, BoardAgent.Faults.NONE).apply(stage(root, signed(gpuCap("600 MHz"), 1), "a.json"));
        SignedPolicy v2 = signed(gpuCap("400 MHz"), 2);
        Map<String, String> old = touched(root, v2);
        Path dmcMax = root.resolve("sys/class/devfreq/dmc/max_freq");
        // A kernel that clamps the value it is given: the read-back differs.
        BoardAgent agent = new BoardAgent(root, step -> {
            if (step.equals("wrote /sys/class/devfreq/dmc/max_freq")) {
                try {
                    Files.writeString(dmcMax, "780000000"); // the change refused: the old value stays
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        BoardAgent.Outcome o = agent.apply(stage(root, v2, "b.json"));
        assertEquals("rolled-back", o.status(), o.toString());
        assertTrue(o.message().contains("dmc/max_freq"), o.message());
        assertEquals(old, touched(root, v2));
        assertEquals(1, agent.committedVersion());
        assertEquals(StandardCharsets.UTF_8.name(), "UTF-8");
    }
}
