package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;
import org.nanomind.power.EnergyLedger;
import org.nanomind.sim.Simulation;

/** The timing model against the roofline it claims: bandwidth-bound, compute-bound, shared. */
class TimingTest {
    private final Platform platform = PlatformFile.named("nanomind-rk3566");
    private final Twin twin = Twin.of(platform);
    private final Simulation sim = twin.sim();
    private final EnergyLedger ledger = twin.ledger();
    private final Soc soc = twin.soc();
    private final DecoderBrick qwen = DecoderBrick.fromConfig("qwen2-0.5b", ModelConfig.named("qwen2-0.5b"), GgmlType.Q4_0);

    private double bandwidth() {
        return platform.dram().achievableBytesPerSecond(platform.dram().opps().highest(), platform.dram().modules());
    }

    /** Runs ops one after another on a unit and returns the time they took. */
    private double time(String unit, List<Op> ops, GgmlType weights) {
        double start = sim.now();
        double[] end = new double[1];
        Runnable[] step = new Runnable[1];
        int[] k = {0};
        step[0] = () -> {
            if (k[0] == ops.size()) {
                end[0] = sim.now();
                return;
            }
            soc.execute(unit, ops.get(k[0]++), soc.platform().precision(unit, weights), 4, step[0]);
        };
        step[0].run();
        sim.run();
        return end[0] - start;
    }

    @Test
    void decodeIsMemoryBoundAtAchievableBandwidthOverBytesPerToken() {
        List<Op> step = qwen.decodeStep(100, GgmlType.F16);
        long bytes = step.stream().mapToLong(o -> o.work().bytes()).sum();
        double overhead = step.stream().mapToDouble(o -> o.launches() * platform.gpu().launchSeconds()).sum();
        double seconds = time("gpu", step, GgmlType.Q4_0) - overhead;
        double tokensPerSecond = 1 / seconds;
        double roofline = bandwidth() / bytes;
        assertEquals(roofline, tokensPerSecond, 0.02 * roofline, "tokens/s = achievable bandwidth / bytes per token");
        assertTrue(bytes > 0.9 * qwen.weightBytes() - 140e6, "a decode step streams (almost) all the weights once");
    }

    /**
     * On one A55, a decode step's matmuls take the cycles of llama.cpp's dot products over every weight: Q2_K
     * (ggml's vec_dot, 0.559 cycles a weight) runs slower than Q4_K (the repacked GEMV, 0.231) although it reads
     * fewer bytes, and neither is bound by its bytes.
     */
    @Test
    void aCpuDecodeStepPaysItsDotProductsPerWeight() {
        DecoderBrick q2 = DecoderBrick.fromConfig("llama-3-8b", ModelConfig.named("llama-3-8b"), GgmlType.Q2_K);
        DecoderBrick q4 = DecoderBrick.fromConfig("llama-3-8b", ModelConfig.named("llama-3-8b"), GgmlType.Q4_K);
        ComputeUnit a55 = platform.unit("a55");
        double hz = a55.opps().highest().hz();
        double[] seconds = new double[2];
        long[] bytes = new long[2];
        List<DecoderBrick> both = List.of(q2, q4);
        for (int i = 0; i < 2; i++) {
            Op mm = both.get(i).decodeStep(10, GgmlType.F32).getFirst();
            assertEquals(Op.OpClass.MATMUL, mm.opClass());
            var cost = org.nanomind.soc.cost.CostModel.of(mm, a55, soc.platform().precision("a55", both.get(i).weights()), 1);
            seconds[i] = cost.cyclesPerCore() / hz;
            bytes[i] = mm.work().bytes();
            long weights = mm.gemvWeights().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(both.get(i).layerWeightBytes(0, both.get(i).layers()) + both.get(i).headWeightBytes(), mm.work().weightBytes());
            assertTrue(seconds[i] > bytes[i] / bandwidth(), "compute-bound on one core: " + seconds[i]);
            assertTrue(weights > 7.4e9, "every weight of layers and head: " + weights);
        }
        assertTrue(bytes[0] < bytes[1] && seconds[0] > 2 * seconds[1], "Q2_K: fewer bytes, more than twice the cycles");
    }

    @Test
    void aComputeBoundOpRunsAtPeakTimesEfficiency() {
        // A long prefill on the GPU: FLOPs dominate bytes.
        Work w = Work.gemm(GgmlType.Q4_0, 4864, 896, 2048, GgmlType.F16);
        Op op = new Op("big gemm", Op.OpClass.MATMUL, w, 1);
        double seconds = time("gpu", List.of(op), GgmlType.Q4_0) - platform.gpu().launchSeconds();
        ComputeUnit gpu = platform.gpu();
        double expected = 2.0 * w.macs() / (gpu.peak(Precision.FP16, gpu.opps().highest()) * gpu.efficiency("matmul"));
        assertTrue(w.bytes() / bandwidth() < 0.2 * expected, "compute-bound case");
        assertEquals(expected, seconds, 1e-9 * expected);
    }

    @Test
    void twoOverlappingStreamsEachGetHalfTheBandwidth() {
        long bytes = 1_000_000_000L;
        Op gpuRead = new Op("gpu stream", Op.OpClass.MATMUL, new Work(1, bytes, 0, 0, 0, 0), 0);
        Op npuRead = new Op("npu stream", Op.OpClass.MATMUL, new Work(1, bytes, 0, 0, 0, 0), 0);
        double[] ends = new double[2];
        soc.execute("gpu", gpuRead, Precision.FP16, 1, () -> ends[0] = sim.now());
        soc.execute("npu", npuRead, Precision.INT8, 1, () -> ends[1] = sim.now());
        sim.run();
        double alone = bytes / bandwidth();
        assertEquals(2 * alone, ends[0], 1e-9 * alone, "each gets half: twice the lone time");
        assertEquals(2 * alone, ends[1], 1e-9 * alone);
    }

    @Test
    void aDvfsStepSlowsComputeAndFewerModulesCapBandwidth() {
        Work w = Work.gemm(GgmlType.Q4_0, 4864, 896, 2048, GgmlType.F16);
        Op op = new Op("gemm", Op.OpClass.MATMUL, w, 0);
        double fast = time("gpu", List.of(op), GgmlType.Q4_0);
        soc.setOpp("gpu", platform.gpu().opps().lowest());
        double slow = time("gpu", List.of(op), GgmlType.Q4_0);
        assertEquals(800.0 / 200.0, slow / fast, 1e-9, "200 MHz is 4x slower than 800 MHz");
        soc.setDramModules(1);
        assertEquals(bandwidth() / 2, soc.dramResource().capacity(), 1e-3, "one 16-bit package: half the 32-bit bus");
    }

    @Test
    void decodeTokensPerSecondOfTheBigModelsAreBoundByDram() {
        // The fact sheet's decode ceiling: LLaMA-3-8B Q4 ~1.1-1.3 tok/s, Qwen2-0.5B Q4 ~12-15 tok/s at 5-6 GB/s.
        DecoderBrick llama = DecoderBrick.fromConfig("llama-3-8b", ModelConfig.named("llama-3-8b"), GgmlType.Q4_0);
        double llamaBytes = llama.decodeStep(0, GgmlType.F16).stream().mapToLong(o -> o.work().bytes()).sum();
        double qwenBytes = qwen.decodeStep(0, GgmlType.F16).stream().mapToLong(o -> o.work().bytes()).sum();
        assertEquals(4.6e9, llama.weightBytes(), 0.15e9, "LLaMA-3-8B at 4.5 bits a weight");
        assertTrue(bandwidth() / llamaBytes > 0.9 && bandwidth() / llamaBytes < 1.3, "tok/s " + bandwidth() / llamaBytes);
        // The sheet's 12-15 tok/s assumes a 0.4 GB file (real Q4_0 files keep embeddings in Q8_0 or F16); with every
        // matrix at Q4_0 a token streams 0.28 GB, so up to about 18 tok/s.
        assertTrue(bandwidth() / qwenBytes > 10 && bandwidth() / qwenBytes < 19, "tok/s " + bandwidth() / qwenBytes);
    }
}
