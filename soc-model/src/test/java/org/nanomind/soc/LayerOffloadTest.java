package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;
import org.nanomind.sim.Simulation;

class LayerOffloadTest {
    private final Platform platform = PlatformFile.named("nanomind-rk3566");
    private final DecoderBrick tiny = DecoderBrick.fromConfig("tinyllama", ModelConfig.named("tinyllama-1.1b"), GgmlType.Q4_0);
    private final Brick.Request request = new Brick.Request(32, 0, 8, 24, 6);

    private record Run(Soc soc, double seconds) {
    }

    private Run run(LayerOffload offload) {
        Twin twin = Twin.of(platform);
        Simulation sim = twin.sim();
        Soc soc = twin.soc();
        boolean[] done = {false};
        if (offload == null) {
            soc.runBrick(tiny, "a55", 4, request, () -> { }, () -> done[0] = true);
        } else {
            offload.run(soc, tiny, "a55", 4, request, () -> { }, () -> done[0] = true);
        }
        sim.runUntil(() -> done[0]);
        assertTrue(done[0]);
        return new Run(soc, sim.now());
    }

    @Test
    void theSplitCoversEveryLayerOnceAndTheHeadOnce() {
        // Also for a mixture, whose layers differ: Q4_K_M puts some layers' v and down projections at Q6_K.
        DecoderBrick mixed = DecoderBrick.fromConfig("tinyllama", ModelConfig.named("tinyllama-1.1b"), org.nanomind.kernels.QuantMix.Q4_K_M);
        for (DecoderBrick d : List.of(tiny, mixed)) {
            int layers = d.layers();
            Work whole = sum(d.decodeStep(40, GgmlType.F32));
            assertEquals(d.weightBytes() - d.types().embeddings().bytesFor((long) d.vocab() * d.hidden()) - (2L * layers + 1) * d.hidden() * 4,
                    whole.weightBytes(), "a token reads every matrix once, the embeddings and norms aside");
            for (int n = 0; n <= layers; n++) {
                Work split = sum(d.decodeStep(40, GgmlType.F32, 0, layers - n, false)).plus(sum(d.decodeStep(40, GgmlType.F32, layers - n, layers, true)));
                assertEquals(whole.macs(), split.macs(), "macs with " + n + " layers on one side");
                assertEquals(whole.weightBytes(), split.weightBytes(), "weights with " + n + " layers on one side");
                // llama.cpp offloads the last layers: the GPU's copy is theirs.
                assertEquals(sum(d.decodeStep(40, GgmlType.F16, layers - n, layers, false)).weightBytes(),
                        new LayerOffload(n).gpuWeightBytes(d), n + " layers on the GPU");
            }
        }
        assertTrue(mixed.weightBytes() > tiny.weightBytes());
    }

    @Test
    void noLayersOnTheGpuIsExactlyTheCpuRun() {
        Run cpu = run(null);
        Run offload = run(new LayerOffload(0));
        assertEquals(cpu.seconds(), offload.seconds(), 1e-12 * cpu.seconds());
        assertEquals(0, offload.soc().busySeconds("gpu"));
    }

    @Test
    void aHostCorePollsWhileTheGpuRunsAndTheActivationsAreCopied() {
        Run offload = run(new LayerOffload(10));
        double gpuBusy = offload.soc().busySeconds("gpu");
        double coreBusy = offload.soc().busySeconds("a55") * 4;
        assertTrue(gpuBusy > 0, "the GPU ran its layers");
        assertTrue(coreBusy >= gpuBusy, "a core is busy whenever the GPU is: " + coreBusy + " core-s vs " + gpuBusy + " s");
        // DRAM carried every operation's bytes, plus each copy read and written once.
        int context = request.promptTokens();
        long copies = 2L * context * tiny.hidden() * 4;
        int l = tiny.layers();
        double ops = sum(tiny.prefill(context, GgmlType.F32, 0, l - 10, false)).bytes()
                + sum(tiny.prefill(context, GgmlType.F16, l - 10, l, false)).bytes() + sum(tiny.prefill(context, GgmlType.F32, l, l, true)).bytes();
        for (int t = 0; t < request.answerTokens(); t++) {
            copies += 2L * tiny.hidden() * 4;
            ops += sum(tiny.decodeStep(context + t, GgmlType.F32, 0, l - 10, false)).bytes()
                    + sum(tiny.decodeStep(context + t, GgmlType.F16, l - 10, l, false)).bytes()
                    + sum(tiny.decodeStep(context + t, GgmlType.F32, l, l, true)).bytes();
        }
        assertEquals(ops + 2.0 * copies, offload.soc().dramResource().delivered(), 1e-9 * ops);
    }

    @Test
    void theGpusCopyOfTheWeightsGrowsWithTheLayersAndTakesTheHeadOnlyPastTheLast() {
        int layers = tiny.layers();
        assertEquals(0, new LayerOffload(0).gpuWeightBytes(tiny));
        long perLayer = tiny.layerWeightBytes(0, 1);
        assertEquals(10 * perLayer, new LayerOffload(10).gpuWeightBytes(tiny));
        assertEquals(layers * perLayer, new LayerOffload(layers).gpuWeightBytes(tiny));
        assertEquals(layers * perLayer + tiny.headWeightBytes(), new LayerOffload(layers + 1).gpuWeightBytes(tiny));
        assertTrue(new LayerOffload(layers + 1).headOnGpu(tiny) && !new LayerOffload(layers).headOnGpu(tiny));
    }

    private static Work sum(List<Op> ops) {
        Work w = Work.NONE;
        for (Op o : ops) {
            w = w.plus(o.work());
        }
        return w;
    }
}
