package org.nanomind.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nanomind.sim.Tally;
import org.nanomind.soc.Cascade;

/**
 * What the answered events add up to: their latencies (from arrival, waiting included), decode rate,
 * energy per event, and how busy each unit was while they were being answered.
 */
final class Answers {
    final Tally latency = new Tally("latency");
    private double decodeTokens;
    private double decodeSeconds;
    private double energy;
    private int events;
    private double answerSeconds;
    private final Map<String, Double> busySeconds = new LinkedHashMap<>();

    /** An event of the cascade, which arrived at {@code arrived}, answered {@code answerTokens} tokens. */
    void add(Cascade.Result r, double arrived, int answerTokens) {
        latency.add(r.start() - arrived + r.latencySeconds());
        for (Cascade.StageResult s : r.stages()) {
            if (s.decodeSeconds() > 0) {
                decode(answerTokens, s.decodeSeconds());
            }
        }
        energy += r.energyJoules().values().stream().mapToDouble(Double::doubleValue).sum();
        events++;
        answerSeconds += r.latencySeconds();
        r.busySeconds().forEach((k, v) -> busySeconds.merge(k, v, Double::sum));
    }

    /** An answer of the camera pipeline: its latency and its decoding. */
    void addStream(double latencySeconds, int answerTokens, double decodeSeconds) {
        latency.add(latencySeconds);
        decode(answerTokens, decodeSeconds);
    }

    private void decode(int tokens, double seconds) {
        decodeTokens += tokens;
        decodeSeconds += seconds;
    }

    double decodeTokensPerSecond() {
        return decodeSeconds > 0 ? decodeTokens / decodeSeconds : Double.NaN;
    }

    /** Mean energy of a cascade event (NaN if none was answered). */
    double energyPerEvent() {
        return events > 0 ? energy / events : Double.NaN;
    }

    /** Busy share of each unit over the time the cascade's events were being answered, in percent. */
    Map<String, Double> busyPercent() {
        Map<String, Double> p = new LinkedHashMap<>();
        busySeconds.forEach((k, v) -> p.put(k, answerSeconds > 0 ? 100 * v / answerSeconds : 0.0));
        return p;
    }
}
