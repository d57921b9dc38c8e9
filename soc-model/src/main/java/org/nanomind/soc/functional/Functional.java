package org.nanomind.soc.functional;

import org.nanomind.soc.Brick;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.Op;
import org.nanomind.soc.Precision;
import org.nanomind.soc.Soc;
import org.nanomind.soc.Tabm;
import org.nanomind.soc.VisionBrick;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.kernels.GgmlType;
import org.nanomind.kernels.Work;

/**
 * A functional cascade: the vision encoder and the decoder compute for real on the kernels while the
 * simulated clock advances by the timing model. The TABM slots are off-heap memory: the encoder writes
 * its embeddings (F16) into the slot it holds, and the decoder reads that same memory as its input, or,
 * on the copy path, a copy of it. Before an operation is charged, the timing model's charge is checked
 * against the work counted while the kernels and the reference path ran it ({@link CountedWork}): the
 * vision encoder's matrices, each prefill's matrices, and the matrices and attention of each answer's first
 * and last decode steps (counting runs the reference too, so not every step is counted); a mismatch stops
 * the run. Norms and activations are not counted. Speech and text-to-speech stay timing-only.
 */
public final class Functional implements Cascade.BrickRunner, AutoCloseable {
    /** What the functional run produced: answers, checks, and the accuracy proxies of its first event. */
    public record Report(List<String> answers, List<List<Integer>> tokens, int workChecks, Map<String, Object> accuracy,
                         Map<String, String> backends) {
    }

    /** A question the model's tokenizer turns into prompt tokens, cut or repeated to the request's length. */
    static final String QUESTION = "what is in front of me? ";

    private final Soc soc;
    private final Brick.Request request;
    private final Map<String, FunctionalDecoder> decoders;
    private final Map<String, FunctionalVision> visions;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pool;
    private final long slotBytes;
    private final List<String> answers = new ArrayList<>();
    private final List<List<Integer>> tokens = new ArrayList<>();
    private final Map<String, Object> accuracy = new LinkedHashMap<>();
    private final Accuracy.Probe probe;
    private final Map<String, String> backends = new LinkedHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private MemorySegment lastInput;
    private MemorySegment copyBuffer;
    private int checks;
    private int events;

    /**
     * @param probe computes the accuracy proxies on the first event (null: none)
     */
    public Functional(Soc soc, Tabm tabm, Brick.Request request, Map<String, FunctionalDecoder> decoders,
                      Map<String, FunctionalVision> visions, Accuracy.Probe probe) {
        this.soc = soc;
        this.request = request;
        this.decoders = Map.copyOf(decoders);
        this.visions = Map.copyOf(visions);
        this.slotBytes = tabm.slotBytes();
        this.pool = arena.allocate(tabm.poolBytes(), 64);
        this.probe = probe;
    }

    /** Records which kernels a brick runs on ("OpenCL: device", "Vector API", ...), for the report. */
    public void backend(String brick, String backend) {
        backends.put(brick, backend);
    }

    /** Closes {@code c} (an OpenCL context) when the run closes. */
    public void closeWith(AutoCloseable c) {
        closing.add(c);
    }

    @Override
    public boolean handles(Brick b) {
        return decoders.containsKey(b.name()) || visions.containsKey(b.name());
    }

    /** The TABM slot's memory. */
    public MemorySegment slot(int i) {
        return pool.asSlice(i * slotBytes, slotBytes);
    }

    /** The memory the decoder read its image embeddings from, in the last event (null: none). */
    public MemorySegment lastDecoderInput() {
        return lastInput;
    }

    public Report report() {
        return new Report(List.copyOf(answers), List.copyOf(tokens), checks, accuracy, backends);
    }

    @Override
    public void run(Cascade.Stage s, int slot, boolean copied, Runnable onDecodeStart, Runnable done) {
        GgmlType act = soc.platform().activations(s.unit());
        Precision precision = soc.platform().precision(s.unit(), s.brick().weights());
        if (s.brick() instanceof VisionBrick v) {
            float[] image = FunctionalVision.frame(v, events + 1L);
            FunctionalVision.Result r = visions.get(v.name()).encode(image);
            List<Op> ops = v.run(request, act);
            check(ops, r.matmuls(), null);
            MemorySegment out = slot(slot);
            for (int i = 0; i < r.embeddings().length; i++) {
                out.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, Float.floatToFloat16(r.embeddings()[i]));
            }
            if (probe != null && events == 0) {
                accuracy.put("vision", probe.vision(v, image, r.embeddings()));
            }
            soc.executeAll(s.unit(), ops, precision, s.threads(), done);
            return;
        }
        DecoderBrick d = (DecoderBrick) s.brick();
        FunctionalDecoder f = decoders.get(d.name());
        f.reset();
        int h = d.hidden();
        int image = 0;
        float[] x;
        if (slot >= 0) {
            MemorySegment in = slot(slot);
            if (copied) {
                // llama.cpp's path: the CPU copies the tensor into a buffer of its own.
                if (copyBuffer == null) {
                    copyBuffer = arena.allocate(slotBytes, 64);
                }
                MemorySegment.copy(in, 0, copyBuffer, 0, slotBytes);
                in = copyBuffer;
            }
            lastInput = in;
            image = request.imageTokens();
        }
        int prompt = request.promptTokens();
        x = new float[(image + prompt) * h];
        for (int i = 0; i < image * h; i++) {
            x[i] = Float.float16ToFloat(lastInput.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i));
        }
        int[] q = f.tokenizer().encode(QUESTION);
        for (int t = 0; t < prompt; t++) {
            System.arraycopy(f.embed(q[t % q.length]), 0, x, (image + t) * h, h);
        }
        int context = image + prompt;
        float[] input = probe != null && events == 0 ? x.clone() : null; // the forward pass works in place
        FunctionalDecoder.Step p = f.prefill(x, context, true);
        List<Op> pre = d.prefill(context, act);
        check(pre, p.matmuls(), p.attention());
        if (probe != null && events == 0) {
            accuracy.put("logits", probe.logits(d, input, context, image, p.logits()));
        }
        events++;
        List<Integer> answer = new ArrayList<>();
        soc.executeAll(s.unit(), pre, precision, s.threads(), () -> {
            onDecodeStart.run();
            decodeFrom(s, f, d, act, precision, context, 0, p.logits(), answer, done);
        });
    }

    private void decodeFrom(Cascade.Stage s, FunctionalDecoder f, DecoderBrick d, GgmlType act, Precision precision, int context,
                            int t, float[] logits, List<Integer> answer, Runnable done) {
        if (t == request.answerTokens()) {
            tokens.add(List.copyOf(answer));
            answers.add(f.tokenizer().decode(answer));
            done.run();
            return;
        }
        int next = argmax(logits);
        answer.add(next);
        boolean count = t == 0 || t == request.answerTokens() - 1;
        FunctionalDecoder.Step step = f.decode(next, count);
        List<Op> ops = d.decodeStep(context + t, act);
        if (count) {
            check(ops, step.matmuls(), step.attention());
        }
        soc.executeAll(s.unit(), ops, precision, s.threads(),
                () -> decodeFrom(s, f, d, act, precision, context, t + 1, step.logits(), answer, done));
    }

    /** The timing model's matmuls and attention against the work counted (null: not counted), exactly. */
    private void check(List<Op> ops, Work matmuls, Work attention) {
        Work[] did = {matmuls, attention};
        if (ops.size() != 3) {
            throw new IllegalStateException("work check: expected matmuls, attention and norms, got " + ops);
        }
        for (int i = 0; i < did.length; i++) {
            if (did[i] == null) {
                continue;
            }
            checks++;
            if (!ops.get(i).work().equals(did[i])) {
                throw new IllegalStateException("work check failed for '" + ops.get(i).name() + "': the timing model charged "
                        + ops.get(i).work() + ", the count was " + did[i]);
            }
        }
    }

    /** The greedy choice: the index of the largest logit (the first on a tie). */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    @Override
    public void close() {
        decoders.values().forEach(FunctionalDecoder::close);
        visions.values().forEach(FunctionalVision::close);
        arena.close();
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release " + c + ": " + e.getMessage(), e);
            }
        }
    }
}
