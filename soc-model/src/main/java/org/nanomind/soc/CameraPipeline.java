package org.nanomind.soc;

import java.util.List;
import java.util.function.BiConsumer;
import org.nanomind.sim.Event;

/**
 * The unconstrained and throttled states' pipeline: the vision encoder (NPU) and the decoder (GPU) stay
 * loaded, the camera streams, and frames flow through the TABM ring: the NPU encodes frame k+1 into a
 * free slot while the GPU answers frame k from its slot, the two sharing the DRAM. A frame that finds
 * the NPU busy or no free slot is dropped, as a camera overwrites a frame nobody took.
 */
public final class CameraPipeline {
    private final Soc soc;
    private final Cascade.Stage vision;
    private final Cascade.Stage decoder;
    private final Brick.Request request;
    private final Tabm tabm;
    private final BiConsumer<Double, Double> onAnswer;
    private double framePeriod;
    private double lastFrameAt;
    private Event nextFrame;
    private boolean running;
    private boolean stopping;
    private boolean npuBusy;
    private boolean gpuBusy;
    private final java.util.ArrayDeque<Double> captured = new java.util.ArrayDeque<>();
    private Runnable onStopped;
    private int frames;
    private int dropped;
    private String failure;

    /** {@code onAnswer} receives (latency from capture to the last answer token, decode seconds) per frame. */
    public CameraPipeline(Soc soc, Cascade.Stage vision, Cascade.Stage decoder, Brick.Request request, Tabm tabm,
                          BiConsumer<Double, Double> onAnswer) {
        if (!(vision.brick() instanceof VisionBrick) || !(decoder.brick() instanceof DecoderBrick)) {
            throw new IllegalArgumentException("a camera pipeline needs a vision encoder and a decoder");
        }
        this.soc = soc;
        this.vision = vision;
        this.decoder = decoder;
        this.request = request;
        this.tabm = tabm;
        this.onAnswer = onAnswer;
    }

    public boolean isRunning() {
        return running;
    }

    public int frames() {
        return frames;
    }

    public int dropped() {
        return dropped;
    }

    /** Why the pipeline could not start (its modules did not fit in memory), or null. */
    public String failure() {
        return failure;
    }

    /**
     * Loads both modules, then streams at {@code fps} frames per second through the pipeline. If they do not
     * fit in memory together, nothing is loaded and {@link #failure()} says why: an outcome, not a crash.
     */
    public void start(double fps) {
        double now = soc.sim().now();
        long kv = ((DecoderBrick) decoder.brick()).kvBytesPerToken()
                * (request.promptTokens() + request.imageTokens() + request.answerTokens());
        if (!soc.memory().allocate(vision.brick().name(), vision.brick().weightBytes(), now)) {
            failure = "out of memory: " + soc.memory().failures().getLast();
            return;
        }
        if (!soc.memory().allocate(decoder.brick().name(), decoder.brick().weightBytes() + kv, now, soc.platform().gpuMapped(decoder.unit()))) {
            soc.memory().release(vision.brick().name(), now);
            failure = "out of memory: " + soc.memory().failures().getLast();
            return;
        }
        soc.computeAtTop();
        running = true;
        soc.load(vision.brick().name(), vision.brick().weightBytes(), () -> soc.load(decoder.brick().name(),
                decoder.brick().weightBytes(), () -> {
                    soc.setPeripheral(Peripheral.CAMERA_ACTIVE, true);
                    lastFrameAt = soc.sim().now();
                    setFps(fps);
                }));
    }

    /** Changes the frame rate: the next frame comes one new period after the last one (or now, if that is past). */
    public void setFps(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be > 0, got " + fps);
        }
        framePeriod = 1.0 / fps;
        if (!running || stopping || !soc.memory().holds(decoder.brick().name())) {
            return;
        }
        double at = Math.max(soc.sim().now(), lastFrameAt + framePeriod);
        if (nextFrame == null) {
            nextFrame = soc.sim().scheduleAt(at, this::frame);
        } else {
            soc.sim().reschedule(nextFrame, at);
        }
    }

    /** Stops streaming; when the frames in flight are answered, releases both modules and calls {@code stopped}. */
    public void stop(Runnable stopped) {
        stopping = true;
        onStopped = stopped;
        if (nextFrame != null) {
            soc.sim().cancel(nextFrame);
        }
        soc.setPeripheral(Peripheral.CAMERA_ACTIVE, false);
        maybeStopped();
    }

    private void frame() {
        lastFrameAt = soc.sim().now();
        soc.sim().reschedule(nextFrame, soc.sim().now() + framePeriod);
        frames++;
        int slot = npuBusy ? -1 : tabm.acquireWrite();
        if (slot < 0) {
            dropped++;
            return;
        }
        npuBusy = true;
        double capturedAt = soc.sim().now();
        soc.runBrick(vision.brick(), vision.unit(), vision.threads(), request, () -> { }, () -> {
            npuBusy = false;
            tabm.commit(slot);
            captured.add(capturedAt);
            decodeNext();
            maybeStopped();
        });
    }

    /** The GPU binds the oldest ready slot as its input: no copy. */
    private void decodeNext() {
        if (gpuBusy) {
            return;
        }
        int slot = tabm.acquireRead();
        if (slot < 0) {
            return;
        }
        gpuBusy = true;
        double capturedAt = captured.poll();
        double[] decodeStart = new double[1];
        soc.runBrick(decoder.brick(), decoder.unit(), decoder.threads(), request, () -> decodeStart[0] = soc.sim().now(), () -> {
            tabm.release(slot);
            gpuBusy = false;
            onAnswer.accept(soc.sim().now() - capturedAt, soc.sim().now() - decodeStart[0]);
            decodeNext();
            maybeStopped();
        });
    }

    private void maybeStopped() {
        if (!stopping || npuBusy || gpuBusy || !running) {
            return;
        }
        running = false;
        double now = soc.sim().now();
        for (Cascade.Stage s : List.of(vision, decoder)) {
            if (soc.memory().holds(s.brick().name())) {
                soc.memory().release(s.brick().name(), now);
            }
        }
        while (tabm.acquireRead() >= 0) {
            // frames encoded but never answered: their slots go back to the ring
        }
        for (int s = 0; s < tabm.slots(); s++) {
            if (tabm.state(s) == Tabm.State.ALLOCATED_FOR_READ) {
                tabm.release(s);
            }
        }
        captured.clear();
        if (onStopped != null) {
            onStopped.run();
        }
    }
}
