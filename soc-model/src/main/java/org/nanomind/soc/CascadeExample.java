package org.nanomind.soc;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.kernels.GgmlType;
import org.nanomind.power.EnergyLedger;
import org.nanomind.power.Pmu;
import org.nanomind.sim.Simulation;

/**
 * The twin's first complete answer (issue 4's "done when"): on the NanoMind platform, one wake-word event
 * through Whisper-base (CPU) -> SigLIP + projector (NPU, INT8) -> Qwen2-0.5B Q4_0 (GPU) -> Piper (CPU);
 * per-module latency, energy by component, peak memory; then the battery hours a fixed event rate gives,
 * by running the cascade until the pack is empty.
 *
 * <p>Workload assumptions (not from the paper, which leaves them open; nothing here is tuned): a question
 * of 12 words (16 prompt tokens), one camera frame (729 image tokens), a 32-token answer of 24 words, and
 * a camera that streams 0.1 s to capture that frame.
 */
public final class CascadeExample {
    public static final Brick.Request REQUEST = new Brick.Request(16, 729, 32, 12, 24);
    public static final double CAMERA_CAPTURE_S = 0.1;

    private CascadeExample() {
    }

    public static List<Cascade.Stage> stages() {
        return List.of(
                new Cascade.Stage(SpeechBrick.fromConfig("whisper-base", ModelConfig.named("whisper-base"), GgmlType.F16), "a55", 4),
                new Cascade.Stage(VisionBrick.fromConfig("siglip-so400m", ModelConfig.named("llava-onevision-qwen2-0.5b-vision"),
                        GgmlType.I8), "npu", 1),
                new Cascade.Stage(DecoderBrick.fromConfig("qwen2-0.5b", ModelConfig.named("qwen2-0.5b"), GgmlType.Q4_0), "gpu", 1),
                new Cascade.Stage(TtsBrick.fromConfig("piper", ModelConfig.named("piper-medium")), "a55", 4));
    }

    /** A twin of {@code platform} with the example's cascade on it. */
    private record Example(Simulation sim, Soc soc, EnergyLedger ledger, Cascade cascade) {
        static Example of(Platform platform, boolean zeroCopy) {
            Twin t = Twin.of(platform);
            return new Example(t.sim(), t.soc(), t.ledger(), new Cascade(t.soc(), stages(), REQUEST, zeroCopy, CAMERA_CAPTURE_S));
        }
    }

    /** One event on a fresh twin. */
    public static Cascade.Result oneEvent(Platform platform, boolean zeroCopy) {
        Example t = Example.of(platform, zeroCopy);
        Cascade.Result[] result = new Cascade.Result[1];
        t.sim().scheduleAt(1.0, () -> t.cascade().trigger(r -> result[0] = r));
        t.sim().runUntil(() -> result[0] != null);
        t.ledger().advance(t.sim().now());
        t.ledger().checkConservation();
        return result[0];
    }

    /** Hours until the battery is empty with an event every {@code 3600 / eventsPerHour} seconds. */
    public static Discharge discharge(Platform platform, double eventsPerHour) {
        Example t = Example.of(platform, true);
        double period = 3600.0 / eventsPerHour;
        int[] events = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> t.cascade().trigger(r -> {
            events[0]++;
            t.sim().scheduleAt(Math.max(t.sim().now(), r.start() + period), next[0]);
        });
        t.sim().scheduleAt(period, next[0]);
        new Pmu(t.sim(), t.ledger(), 1.0, s -> { });
        t.sim().runUntil(() -> t.ledger().battery().isEmpty());
        t.ledger().checkConservation();
        double seconds = t.ledger().emptyAt();
        return new Discharge(seconds / 3600, t.ledger().totalEnergy(seconds) / seconds, events[0],
                t.soc().memory().peak(), t.ledger().battery().emptyReason());
    }

    /** A run to empty: hours, average board power, events served, peak memory. */
    public record Discharge(double hours, double averageWatts, int events, double peakMemoryBytes, String emptyReason) {
    }

    public static void print(PrintWriter out, double eventsPerHour) {
        Platform p = PlatformFile.named("nanomind-rk3566");
        out.printf("NanoMind twin: one wake-word event on %s (%s)%n", p.name(), p.soc());
        out.printf("request: %d prompt tokens, %d image tokens, %d answer tokens; %d words asked, %d answered%n",
                REQUEST.promptTokens(), REQUEST.imageTokens(), REQUEST.answerTokens(), REQUEST.questionWords(), REQUEST.answerWords());
        Cascade.Result r = oneEvent(p, true);
        out.printf("%n%-16s %-6s %10s %10s %10s%n", "module", "unit", "load s", "run s", "total s");
        for (Cascade.StageResult s : r.stages()) {
            out.printf("%-16s %-6s %10.3f %10.3f %10.3f%n", s.brick(), s.unit(), s.loadSeconds(), s.runSeconds(),
                    s.loadSeconds() + s.runSeconds());
        }
        out.printf("latency to the answer's audio: %.3f s; event ends after playback at %.3f s%n", r.latencySeconds(), r.endSeconds());
        out.printf("%nenergy of the event by component (J):%n");
        double total = 0;
        for (var e : r.energyJoules().entrySet()) {
            out.printf("  %-12s %10.3f%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        out.printf("  %-12s %10.3f  (average %.3f W over %.3f s)%n", "total", total, total / r.endSeconds(), r.endSeconds());
        Discharge d = discharge(p, eventsPerHour);
        out.printf("%npeak memory: %.1f MB (one module at a time, plus the TABM pool)%n", d.peakMemoryBytes() / 1e6);
        out.printf("battery: %.0f mAh, converter %.0f %%: %.2f h at %.1f events per hour (%d events), average %.3f W; ended: %s%n",
                p.battery().capacityAh() * 1000, p.battery().converterEfficiency() * 100, d.hours(), eventsPerHour, d.events(),
                d.averageWatts(), d.emptyReason());
        List<String> sweep = new ArrayList<>();
        for (double rate : new double[] {1, 6, 30}) {
            if (rate != eventsPerHour) {
                sweep.add(String.format("%.0f/h: %.2f h", rate, discharge(p, rate).hours()));
            }
        }
        out.println("other event rates: " + String.join(", ", sweep));
        out.flush();
    }
}
