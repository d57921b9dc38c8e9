package org.nanomind.soc.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.ComputeUnit;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.Graph;
import org.nanomind.soc.graph.NcnnGraphs;
import org.nanomind.soc.graph.Node;
import org.nanomind.soc.graph.OperatorClass;

/** How operators share out over threads: by the runtime's fraction for the work they are bound by. */
class CostModelTest {
    final Platform p = PlatformFile.named("nanomind-rk3566");

    static Node first(Graph g, OperatorClass cls) {
        return g.nodes().stream().filter(n -> n.cls() == cls).findFirst().orElseThrow();
    }

    /** Cycles on one thread over cycles per core on four: what the operator gains from the threads. */
    double speedup(Node n, Runtime rt, ComputeUnit cpu) {
        return CostModel.of(n, Precision.FP32, rt, cpu, 1).cyclesPerCore() / CostModel.of(n, Precision.FP32, rt, cpu, 4).cyclesPerCore();
    }

    /**
     * ncnn's detection heads split their scans over anchors or classes with OpenMP, as its convolutions split theirs over
     * channels: four threads speed YOLOv3's head up as much as a convolution, and more than an activation, which
     * memory and per-channel loops hold back.
     */
    @Test
    void detectionHeadsShareOutLikeConvolutions() throws IOException {
        Graph g = NcnnGraphs.load("yolo-fastest-1.1");
        Runtime ncnn = p.runtime("ncnn");
        ComputeUnit cpu = p.cpu();
        assertTrue(ncnn.parallelFraction() > ncnn.lightParallelFraction(), "the fitted fractions differ, so the check can fail");
        double head = speedup(first(g, OperatorClass.POSTPROCESS), ncnn, cpu);
        assertEquals(speedup(first(g, OperatorClass.CONV_1X1), ncnn, cpu), head, 1e-12);
        assertTrue(head > speedup(first(g, OperatorClass.ELEMENTWISE), ncnn, cpu));
    }
}
