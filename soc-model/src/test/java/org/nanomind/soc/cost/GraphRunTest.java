package org.nanomind.soc.cost;

import org.nanomind.soc.Twin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.sim.Simulation;
import org.nanomind.soc.GraphRun;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Precision;
import org.nanomind.soc.Soc;
import org.nanomind.soc.graph.Graph;
import org.nanomind.soc.graph.NcnnGraphs;

/**
 * The DES and the cost model agree where they must (one inference alone on an idle board takes the sum of
 * its operators' times, which is what a fit uses) and differ where they must (two inferences at once share
 * the DRAM and each takes longer than alone).
 */
class GraphRunTest {
    @Test
    void aSingleInferenceInTheDesTakesTheSumOfItsOperatorTimes() throws IOException {
        Platform base = PlatformFile.named("nanomind-rk3566");
        for (String board : List.of("Firefly Station P2", "Firefly Station M2 / ROC-RK3566-PC")) {
            Platform on = base.on(base.board(board).orElseThrow());
            for (String m : List.of("resnet18", "mobilenet_ssd_int8", "vgg16_int8", "efficientnetv2_b0")) {
                Graph g = NcnnGraphs.load(m);
                for (String runtime : List.of("ncnn", "ncnn@2021", "ncnn-vulkan")) {
                    var steps = Lowering.place(g, Precision.FP32, runtime, on, 4);
                    double des = GraphRun.singleInference(on, steps);
                    double sum = Lowering.seconds(steps, on);
                    assertEquals(sum, des, 1e-9 * sum, m + " on " + runtime + " at " + board);
                }
            }
        }
    }

    @Test
    void twoInferencesAtOnceShareTheDramAndEachTakesLonger() throws IOException {
        Platform full = PlatformFile.named("nanomind-rk3566");
        // The DMC at its lowest OPP (1.5 GB/s), where VGG-16's fully connected layers (250 MB of weights) are
        // memory-bound on either unit.
        Platform p = full.on(new Board(List.of("slow DRAM"), "RK3566", java.util.Map.of("dram", 324e6), "a test"));
        var cpu = Lowering.place(NcnnGraphs.load("vgg16"), Precision.FP32, "ncnn", p, 2);
        var gpu = Lowering.place(NcnnGraphs.load("vgg16"), Precision.FP32, "ncnn-vulkan", p, 1);
        double cpuAlone = GraphRun.singleInference(p, cpu);
        double gpuAlone = GraphRun.singleInference(p, gpu);
        Twin twin = Twin.of(p);
        Simulation sim = twin.sim();
        Soc soc = twin.soc();
        double[] end = new double[2];
        GraphRun.run(soc, cpu, () -> end[0] = sim.now());
        GraphRun.run(soc, gpu, () -> end[1] = sim.now());
        sim.run();
        assertTrue(end[0] > cpuAlone * 1.001, "the CPU inference is slowed by the GPU's traffic: " + end[0] + " vs " + cpuAlone);
        assertTrue(end[1] > gpuAlone * 1.001, "and the GPU's by the CPU's: " + end[1] + " vs " + gpuAlone);
        assertTrue(Math.max(end[0], end[1]) < cpuAlone + gpuAlone, "yet together they finish before one after the other");
    }
}
