package org.nanomind.soc.cost;

import org.nanomind.soc.ComputeUnit;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.Node;

/**
 * The one place an operator's time is decided. An operator costs a launch, then whichever is longer of
 * its arithmetic at the unit's achieved rate and its bytes at the DRAM share it gets:
 *
 * <pre>
 *   t = launch + max(ops / (peak(unit, arithmetic) x efficiency(class, arithmetic) x s(size)), bytes / DRAM share)
 *   s(d) = d / (d + d_half)       for convolutions, GEMMs and attention; 1 for the rest
 * </pre>
 *
 * The size curve is in the narrowest dimension of the GEMM an operator lowers to (output channels,
 * reduction length, output pixels): a NEON or Mali tile is 4 to 16 wide in each, and a dimension near the
 * tile wastes the part of it that is padding, with a hyperbolic approach to the large-size efficiency that
 * one fitted d_half describes for a whole runtime. Threads split the arithmetic by Amdahl's law with the
 * runtime's parallel fraction (one for MAC operators and detection post-processing, one for the light ones,
 * which memory and per-channel loops keep from scaling); every thread is busy for the whole operator (ncnn's OpenMP workers spin at
 * the barrier), which is also what the power model should see. The DES charges the cycles to the cores and
 * the bytes to the shared DRAM, so overlapping work slows down as it would on the board; alone on an idle
 * board the DES and {@link Cost#seconds} agree exactly.
 */
public final class CostModel {
    private CostModel() {
    }

    /** What an operator demands: a launch, cycles on each of {@code cores} cores, and DRAM bytes. */
    public record Cost(double launchSeconds, double cyclesPerCore, int cores, double bytes) {
        /** The time alone on a board: the unit at {@code hz}, the DRAM giving {@code bytesPerSecond}. */
        public double seconds(double hz, double bytesPerSecond) {
            return launchSeconds + Math.max(cyclesPerCore / hz, bytes / bytesPerSecond);
        }
    }

    /** Bytes a value takes at {@code p}: the width the runtime stores activations and weights in. */
    public static int width(Precision p) {
        return switch (p) {
            case FP32 -> 4;
            case FP16, INT16 -> 2;
            case INT8 -> 1;
        };
    }

    /**
     * The cost of graph operator {@code n}, stored at {@code stored}, run by {@code rt} on {@code unit} with
     * {@code threads} threads (1 on an accelerator).
     */
    public static Cost of(Node n, Precision stored, Runtime rt, ComputeUnit unit, int threads) {
        Precision arith = rt.arithmeticFor(stored);
        double size = n.cls().countsMacs() && n.narrowest() > 0 ? n.narrowest() / (n.narrowest() + rt.halfSize(n.cls())) : 1.0;
        double cycles = n.ops() / (unit.opsPerCycle(arith) * rt.efficiency(arith, n.cls()) * size);
        int cores = Math.max(1, Math.min(threads, unit.cores()));
        double pf = rt.parallelFraction(n.cls());
        double perCore = cores == 1 ? cycles : cycles * ((1 - pf) + pf / cores);
        double bytes = (double) n.weights() * width(arith) + (double) (n.inputElements() + n.outputElements()) * width(arith);
        // An operator that moves and computes nothing (ncnn's Split hands out references) is not launched as a kernel.
        double launch = bytes == 0 && n.ops() == 0 ? 0 : rt.launchSeconds();
        return new Cost(launch, perCore, cores, bytes);
    }

    /**
     * The cost of a brick's grouped operation (the transformer bricks' decode steps, prefill matmuls,
     * encoder layers): cycles from its multiply-accumulates at the unit's efficiency for its class, split
     * evenly over the cores it runs on (on a CPU, at least the cycles of llama.cpp's dot products over the
     * weights of each GGUF type), and its launches (the NPU runs a compiled graph: one rknn_run call
     * for an operation, however many kernels it holds).
     */
    public static Cost of(org.nanomind.soc.Op op, ComputeUnit u, Precision precision, int threads) {
        double cycles = 2.0 * op.work().macs() / (u.opsPerCycle(precision) * u.efficiency(op.opClass().key()));
        // A quantized GEMV on a CPU runs llama.cpp's dot product over every weight: its instructions per weight, not
        // the multiply-accumulates alone, bound it (a type the unit gives no figure for keeps the MAC bound).
        double dots = 0;
        for (var e : op.gemvWeights().entrySet()) {
            dots += e.getValue() * u.dequantDotCycles().getOrDefault(e.getKey(), 0.0);
        }
        cycles = Math.max(cycles, dots);
        int n = u.cores() > 1 ? Math.max(1, threads) : 1;
        double overhead = (u.kind() == org.nanomind.soc.ComputeUnit.Kind.NPU ? Math.min(1, op.launches()) : op.launches()) * u.launchSeconds();
        return new Cost(overhead, cycles / n, n, op.work().bytes());
    }

    /**
     * A handover of {@code bytes} between units through CPU-managed buffers: one core copies (read and
     * write on DRAM) after the sending runtime's launch, as ncnn's upload and download do.
     */
    public static Cost copy(double bytes, double launchSeconds, ComputeUnit cpu) {
        return new Cost(launchSeconds, bytes / cpu.copyBytesPerCycle(), 1, 2 * bytes);
    }
}
