package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.kernels.GgmlType;
import org.nanomind.power.EnergyLedger;
import org.nanomind.sim.Simulation;

class CascadeTest {
    private final Platform platform = PlatformFile.named("nanomind-rk3566");

    @Test
    void theCascadeReleasesEachModulesMemoryBeforeTheNextLoads() {
        Cascade.Result r = CascadeExample.oneEvent(platform, true);
        assertEquals(List.of("whisper-base", "siglip-so400m", "qwen2-0.5b", "piper"),
                r.stages().stream().map(Cascade.StageResult::brick).toList());
        // The decoder's KV cache holds the whole context: the prompt, the image's tokens and the answer.
        Brick.Request q = CascadeExample.REQUEST;
        int context = q.promptTokens() + q.imageTokens() + q.answerTokens();
        long biggest = 0;
        for (Cascade.Stage s : CascadeExample.stages()) {
            long runtime = s.brick() instanceof DecoderBrick d ? d.kvBytesPerToken() * context : 0;
            biggest = Math.max(biggest, s.brick().weightBytes() + runtime);
        }
        Twin twin = Twin.of(platform);
        Simulation sim = twin.sim();
        EnergyLedger ledger = twin.ledger();
        Soc soc = twin.soc();
        Cascade c = new Cascade(soc, CascadeExample.stages(), CascadeExample.REQUEST, true, 0.1);
        boolean[] done = new boolean[1];
        c.trigger(x -> done[0] = true);
        sim.runUntil(() -> done[0]);
        assertEquals(biggest + c.tabm().poolBytes(), soc.memory().peak(), 1.0, "peak = the largest module + the TABM pool");
        assertEquals(c.tabm().poolBytes(), soc.memory().used(), "all modules released after the event");
    }

    /**
     * Physical lower bounds on one event (oneEvent also checks the ledger's energy conservation): a module
     * cannot load faster than storage reads its weights, a decoder cannot produce its answer faster than DRAM
     * reads every weight once a token, and no joule is spent below the board's baseline power over the event.
     */
    @Test
    void everyStageRespectsTheStorageAndDramBounds() {
        Cascade.Result r = CascadeExample.oneEvent(platform, true);
        List<Cascade.Stage> stages = CascadeExample.stages();
        assertEquals(stages.size(), r.stages().size());
        for (int i = 0; i < stages.size(); i++) {
            Brick b = stages.get(i).brick();
            Cascade.StageResult s = r.stages().get(i);
            assertTrue(s.loadSeconds() >= b.weightBytes() / platform.storageReadBytesPerSecond() * (1 - 1e-9),
                    s + ": " + b.weightBytes() + " bytes from storage at " + platform.storageReadBytesPerSecond() + " B/s");
            if (b instanceof DecoderBrick d) {
                Dram dram = platform.dram();
                double bandwidth = dram.peakBytesPerSecond(dram.opps().highest(), 4);
                double bound = CascadeExample.REQUEST.answerTokens() * (double) d.weightBytes() / bandwidth;
                assertTrue(s.decodeSeconds() >= bound, s + ": decoding reads the weights once a token, at least " + bound + " s");
            }
        }
        double latency = r.stages().stream().mapToDouble(s -> s.loadSeconds() + s.runSeconds()).sum();
        assertTrue(r.latencySeconds() >= latency, "stages run one after another");
        double total = r.energyJoules().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(total >= platform.boardWatts() * r.latencySeconds(), total + " J over " + r.latencySeconds() + " s");
    }

    @Test
    void theCopyingPathCostsMoreMemoryAndEnergyThanZeroCopy() {
        Cascade.Result zero = CascadeExample.oneEvent(platform, true);
        Cascade.Result copy = CascadeExample.oneEvent(platform, false);
        double ez = zero.energyJoules().values().stream().mapToDouble(Double::doubleValue).sum();
        double ec = copy.energyJoules().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(ec > ez, "copying embeddings through the CPU costs energy: " + ec + " vs " + ez);
        assertTrue(copy.latencySeconds() > zero.latencySeconds());
    }

    @Test
    void aFasterEventRateEmptiesTheBatterySooner() {
        CascadeExample.Discharge slow = CascadeExample.discharge(platform, 2);
        CascadeExample.Discharge fast = CascadeExample.discharge(platform, 20);
        assertTrue(slow.hours() > fast.hours(), slow + " vs " + fast);
        assertTrue(fast.averageWatts() > slow.averageWatts());
    }

    @Test
    void runningOutOfMemoryIsReportedNotACrash() throws Exception {
        String small = PlatformFileTest.builtinText().replace("capacity: 8 GiB", "capacity: 300 MiB");
        Platform tiny = PlatformFile.parse(YamlNode.parse(small, "small.yaml"));
        Cascade.Result r = CascadeExample.oneEvent(tiny, true);
        assertTrue(r.failure() != null && r.failure().contains("out of memory") && r.failure().contains("siglip"), r.failure());
        assertEquals(1, r.stages().size(), "whisper ran; the vision encoder did not fit");
    }

    @Test
    void theNpuRecompilesOnlyWhenTheInputShapeChanges() {
        Soc soc = Twin.of(platform).soc();
        assertEquals(0.0, soc.npuShapeChange("384x384"), "the first build is part of deployment");
        assertEquals(0.0, soc.npuShapeChange("384x384"), "every image is resized to the same shape");
        assertEquals(30.0, soc.npuShapeChange("512x512"), "a new shape costs the platform's recompile time");
    }

    @Test
    void theBatteryPolicyHasThreeStatesAndAScaleBetween() {
        Policies.BatteryPolicy p = new Policies.BatteryPolicy(0.5, 0.2, 0.25);
        assertEquals(Policies.PowerState.UNCONSTRAINED, p.state(0.8));
        assertEquals(Policies.PowerState.THROTTLED, p.state(0.35));
        assertEquals(Policies.PowerState.CRITICAL, p.state(0.1));
        assertEquals(1.0, p.scale(0.6));
        assertEquals(0.625, p.scale(0.35), 1e-12, "halfway between the thresholds: halfway between 1 and 0.25");
        assertEquals(0.25, p.scale(0.05));
    }

    @Test
    void aDecoderComesFromARealGgufHeaderToo() throws Exception {
        var w = new org.nanomind.kernels.GgufWriter()
                .put("general.architecture", org.nanomind.kernels.GgufValue.of("qwen2"))
                .put("qwen2.embedding_length", org.nanomind.kernels.GgufValue.uint32(64))
                .put("qwen2.block_count", org.nanomind.kernels.GgufValue.uint32(2))
                .put("qwen2.feed_forward_length", org.nanomind.kernels.GgufValue.uint32(128))
                .put("qwen2.attention.head_count", org.nanomind.kernels.GgufValue.uint32(4))
                .put("qwen2.attention.head_count_kv", org.nanomind.kernels.GgufValue.uint32(2));
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            w.tensor("token_embd.weight", GgmlType.Q8_0, new long[] {64, 100}, arena.allocate(GgmlType.Q8_0.bytesFor(6400)));
            w.tensor("blk.0.attn_q.weight", GgmlType.Q4_0, new long[] {64, 64}, arena.allocate(GgmlType.Q4_0.bytesFor(4096)));
            var bytes = w.toBytes();
            try (var f = org.nanomind.kernels.GgufFile.parse(java.lang.foreign.MemorySegment.ofArray(bytes), "tiny.gguf")) {
                DecoderBrick d = DecoderBrick.fromGguf("tiny", f);
                assertEquals(64, d.hidden());
                assertEquals(2, d.layers());
                assertEquals(2, d.kvHeads());
                assertEquals(100, d.vocab());
                assertEquals(GgmlType.Q4_0, d.weights());
                assertEquals(GgmlType.Q8_0.bytesFor(6400) + GgmlType.Q4_0.bytesFor(4096), d.weightBytes());
            }
        }
    }
}
