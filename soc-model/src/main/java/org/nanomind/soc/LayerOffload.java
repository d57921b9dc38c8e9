package org.nanomind.soc;

import java.util.List;
import org.nanomind.kernels.GgmlType;

/**
 * llama.cpp's layer offload ({@code -ngl N}, paper section 2.2 and appendix A.1): the last {@code N} of a
 * decoder's layers run on the GPU, the others on CPU threads. The GPU does not read the CPU's tensors in
 * place: the host copies the hidden state into a GPU buffer before the GPU's layers and the result back
 * after them, and a host thread polls while the GPU runs. As in llama.cpp, the LM head goes to the GPU
 * only when N exceeds the number of layers.
 *
 * @param gpuLayers llama.cpp's n_gpu_layers (0: everything on the CPU)
 */
public record LayerOffload(int gpuLayers) {
    public LayerOffload {
        if (gpuLayers < 0) {
            throw new IllegalArgumentException("gpu layers must be >= 0, got " + gpuLayers);
        }
    }

    /** Layers of {@code d} on the GPU. */
    public int onGpu(DecoderBrick d) {
        return Math.min(gpuLayers, d.layers());
    }

    /** Whether the LM head runs on the GPU. */
    public boolean headOnGpu(DecoderBrick d) {
        return gpuLayers > d.layers();
    }

    /** Bytes of the GPU's own copy of its weights: llama.cpp keeps them besides the mapped model file. */
    public long gpuWeightBytes(DecoderBrick d) {
        return d.layerWeightBytes(d.layers() - onGpu(d), d.layers()) + (headOnGpu(d) ? d.headWeightBytes() : 0);
    }

    /**
     * Runs one request of {@code d}: the CPU part on {@code threads} cores of {@code cpu}, the offloaded part
     * on the GPU; {@code onDecodeStart} is called when the prefill is done.
     */
    public void run(Soc soc, DecoderBrick d, String cpu, int threads, Brick.Request r, Runnable onDecodeStart, Runnable done) {
        if (onGpu(d) == 0) {
            soc.runBrick(d, cpu, threads, r, onDecodeStart, done); // -ngl 0: llama.cpp on the CPU alone
            return;
        }
        int context = r.promptTokens() + r.imageTokens();
        Runnable decode = () -> {
            onDecodeStart.run();
            decodeFrom(soc, d, cpu, threads, context, 0, r.answerTokens(), done);
        };
        if (context < 1) {
            decode.run();
            return;
        }
        int g = onGpu(d);
        GgmlType cpuAct = soc.platform().activations(cpu);
        GgmlType gpuAct = soc.platform().activations("gpu");
        pass(soc, d, cpu, threads, context,
                d.prefill(context, cpuAct, 0, d.layers() - g, false),
                d.prefill(context, gpuAct, d.layers() - g, d.layers(), headOnGpu(d)),
                headOnGpu(d) ? List.of() : d.prefill(context, cpuAct, d.layers(), d.layers(), true), decode);
    }

    private void decodeFrom(Soc soc, DecoderBrick d, String cpu, int threads, int context, int t, int answer, Runnable done) {
        if (t == answer) {
            done.run();
            return;
        }
        int g = onGpu(d);
        int position = context + t;
        GgmlType cpuAct = soc.platform().activations(cpu);
        pass(soc, d, cpu, threads, 1,
                d.decodeStep(position, cpuAct, 0, d.layers() - g, false),
                d.decodeStep(position, soc.platform().activations("gpu"), d.layers() - g, d.layers(), headOnGpu(d)),
                headOnGpu(d) ? List.of() : d.decodeStep(position, cpuAct, d.layers(), d.layers(), true),
                () -> decodeFrom(soc, d, cpu, threads, context, t + 1, answer, done));
    }

    /** CPU layers, copy in, GPU layers (a host thread polling), copy out, then the head where it runs. */
    private void pass(Soc soc, DecoderBrick d, String cpu, int threads, int tokens, List<Op> cpuOps, List<Op> gpuOps,
                      List<Op> headOps, Runnable done) {
        Precision cpuPrecision = soc.platform().precision(cpu, d.weights());
        Runnable head = () -> soc.executeAll(cpu, headOps, cpuPrecision, threads, done);
        soc.executeAll(cpu, cpuOps, cpuPrecision, threads, () -> {
            if (gpuOps.isEmpty()) {
                head.run();
                return;
            }
            long hiddenBytes = (long) tokens * d.hidden() * 4;
            long outBytes = headOnGpu(d) ? (long) d.vocab() * 4 : hiddenBytes;
            soc.copy("hidden state to GPU", hiddenBytes, () -> {
                Runnable stop = soc.spin(cpu, "waiting for the GPU");
                soc.executeAll("gpu", gpuOps, soc.platform().precision("gpu", d.weights()), 1, () -> {
                    stop.run();
                    soc.copy(headOnGpu(d) ? "logits from GPU" : "hidden state from GPU", outBytes, head);
                });
            });
        });
    }
}
