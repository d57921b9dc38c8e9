package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.soc.cost.Lowering;
import org.nanomind.soc.graph.Graph;

/**
 * A model given as an operator graph (an ncnn .param file, or any importer's graph) run by an inference
 * runtime of the platform: each request is one inference, its operators placed on the brick's unit with
 * fallbacks to the CPU and costed by the cost model, as `nanomind fidelity` runs the calibration set.
 *
 * @param runtime the platform runtime that runs it ("" for the unit's newest)
 */
public record GraphBrick(String name, Graph graph, String runtime) implements Brick {
    /**
     * Weights as the runtime holds them: INT8 layers at one byte, the rest at two (ncnn converts FP32 weights to
     * FP16 at load on ARMv8.2 cores and on the GPU).
     */
    @Override
    public long weightBytes() {
        return graph.nodes().stream().mapToLong(n -> n.weights() * (n.int8() ? 1 : 2)).sum();
    }

    @Override
    public GgmlType weights() {
        return graph.nodes().stream().anyMatch(n -> n.int8()) ? GgmlType.I8 : GgmlType.F16;
    }

    /** The runtime this brick runs on {@code unit} of {@code p}. */
    public String runtimeOn(Platform p, String unit) {
        return runtime.isEmpty() ? p.newestRuntime(unit) : runtime;
    }

    /** The graph's operators placed on {@code unit} with {@code threads} CPU threads. */
    public List<Lowering.Placed> place(Platform p, String unit, int threads) {
        String rt = runtimeOn(p, unit);
        if (!p.runtime(rt).unit().equals(unit)) {
            throw new IllegalArgumentException("runtime " + rt + " runs on " + p.runtime(rt).unit() + ", not on " + unit);
        }
        return Lowering.place(graph, Precision.FP32, rt, p, threads);
    }
}
