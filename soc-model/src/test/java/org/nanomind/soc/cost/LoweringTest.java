package org.nanomind.soc.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.Graph;
import org.nanomind.soc.graph.NcnnGraphs;
import org.nanomind.soc.graph.Node;

/** Placement: what a runtime cannot run falls back, and every crossing between units is handed over once. */
class LoweringTest {
    final Platform p = PlatformFile.named("nanomind-rk3566");

    @Test
    void aFloatGraphOnTheGpuStaysThereAfterUploadingItsInput() throws IOException {
        var steps = Lowering.place(NcnnGraphs.load("resnet18"), Precision.FP32, "ncnn-vulkan", p, 1);
        assertTrue(steps.stream().noneMatch(Lowering.Placed::fellBack));
        List<Lowering.Placed> handovers = steps.stream().filter(Lowering.Placed::handover).toList();
        assertEquals(1, handovers.size(), "the image goes up once");
        assertEquals(3 * 224 * 224 * 2.0, handovers.getFirst().handoverBytes(), "as FP16");
        assertTrue(steps.getFirst().invoke(), "the inference call comes first, once");
        assertEquals(1, steps.stream().filter(Lowering.Placed::invoke).count());
        assertTrue(handovers.getFirst() == steps.get(1), "then the upload");
    }

    @Test
    void quantizedLayersOnTheGpuFallBackToTheCpuWithAHandoverAtEveryCrossing() throws IOException {
        Graph g = NcnnGraphs.load("resnet18_int8");
        var steps = Lowering.place(g, Precision.FP32, "ncnn-vulkan", p, 1);
        long int8 = g.nodes().stream().filter(Node::int8).count();
        assertTrue(int8 > 10);
        assertEquals(int8, steps.stream().filter(Lowering.Placed::fellBack).count(), "exactly the INT8 layers fall back");
        for (Lowering.Placed s : steps) {
            if (s.node() != null) {
                assertEquals(s.node().int8() ? "a55" : "gpu", s.unit(), s.name());
            }
        }
        // Walk the steps: a handover precedes each operator that reads a tensor last written on the other unit.
        java.util.Map<String, java.util.Set<String>> on = new java.util.HashMap<>();
        g.nodes().stream().filter(n -> n.type().equals("Input")).forEach(n -> on.put(n.outputs().getFirst(), new java.util.HashSet<>(List.of("a55"))));
        int expected = 0;
        for (Lowering.Placed s : steps) {
            if (s.node() == null) {
                continue;
            }
            for (String in : s.node().inputs()) {
                if (!on.get(in).contains(s.unit())) {
                    expected++;
                    on.get(in).add(s.unit());
                }
            }
            for (String out : s.node().outputs()) {
                on.put(out, new java.util.HashSet<>(List.of(s.unit())));
            }
        }
        assertEquals(expected, steps.stream().filter(Lowering.Placed::handover).count());
        assertTrue(expected > 2);
    }

    @Test
    void onTheCpuNothingFallsBackAndNothingIsHandedOver() throws IOException {
        var steps = Lowering.place(NcnnGraphs.load("mobilenet_ssd_int8"), Precision.FP32, "ncnn", p, 4);
        assertFalse(steps.stream().anyMatch(s -> s.fellBack() || s.handover()));
        assertTrue(steps.stream().filter(s -> s.node() != null).allMatch(s -> s.threads() == 4));
    }
}
