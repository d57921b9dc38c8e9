package org.nanomind.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.Cascade;
import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.GraphBrick;
import org.nanomind.soc.QuantLoss;
import org.nanomind.soc.SpeechBrick;
import org.nanomind.soc.VisionBrick;

/**
 * The accuracy estimate of every brick of a run, for summary.json: a decoder's quantization loss from the
 * sourced table ({@link QuantLoss}: KL divergence and perplexity increase against FP16, with the table, the
 * row and how it matched); every other brick {@code kld: null} with the reason, since no loss of it is
 * published here. Never a made-up number.
 */
final class BrickAccuracy {
    private BrickAccuracy() {
    }

    /**
     * Every brick's estimate; a functional decoder's also carries the KL divergence its run measured against
     * its reference ({@code functional}: the functional run's accuracy proxies, empty without one), next to
     * the table's figure for the same type.
     */
    static Map<String, Object> of(Scenario sc, List<Cascade.Stage> stages, Map<String, Object> functional) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            Scenario.BrickSpec spec = sc.bricks().get(i);
            Map<String, Object> m = estimate(spec, stages.get(i));
            if (spec.functional() && stages.get(i).brick() instanceof DecoderBrick
                    && functional.get("logits") instanceof Map<?, ?> logits && logits.get("kld") instanceof Number k) {
                m.put("functional_kld", k.doubleValue());
                m.put("functional_kld_positions", logits.get("kld_positions"));
                m.put("functional_kld_reference", logits.get("kld_reference"));
            }
            out.put(spec.name(), m);
        }
        return out;
    }

    private static Map<String, Object> estimate(Scenario.BrickSpec spec, Cascade.Stage stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quantization", spec.quantization());
        if (stage.brick() instanceof DecoderBrick) {
            var loss = QuantLoss.of(spec.quantization());
            if (loss.isPresent()) {
                QuantLoss l = loss.get();
                m.put("kld", l.kld());
                m.put("delta_ppl", l.deltaPpl());
                m.put("table", l.table());
                m.put("row", l.row());
                m.put("match", l.match());
                m.put("model_note", spec.model().toLowerCase(java.util.Locale.ROOT).contains("llama-3-8b") ? "the table's own model"
                        : "the table is LLaMA 3 8B's, the only one the project has: " + spec.model() + " has none of its own, and a"
                                + " smaller model loses more at the same bit width");
                m.put("source", QuantLoss.SOURCE);
                return m;
            }
            m.put("kld", null);
            m.put("delta_ppl", null);
            m.put("reason", QuantLoss.noRow(spec.quantization()));
            return m;
        }
        m.put("kld", null);
        m.put("delta_ppl", null);
        m.put("reason", switch (stage.brick()) {
            case VisionBrick v -> "no published loss of " + spec.model() + " at " + spec.quantization() + " on " + spec.unit()
                    + "; functional mode measures a proxy on generated weights";
            case SpeechBrick s -> "no published word-error change of " + spec.model() + " at " + spec.quantization();
            case GraphBrick g -> "no published accuracy change of " + spec.model() + " at " + spec.quantization() + " on " + spec.unit();
            default -> "no published quality loss of " + spec.model() + " at " + spec.quantization();
        });
        return m;
    }

    /**
     * The run's figures of quality loss: the largest KL divergence and perplexity increase of its decoders
     * (NaN when none has a sourced one), so that a sweep can take them as objectives and constraints.
     */
    static Map<String, Double> figures(Map<String, Object> accuracy) {
        double kld = Double.NaN;
        double ppl = Double.NaN;
        for (Object o : accuracy.values()) {
            if (o instanceof Map<?, ?> m && m.get("kld") instanceof Number k && m.get("delta_ppl") instanceof Number p) {
                kld = Double.isNaN(kld) ? k.doubleValue() : Math.max(kld, k.doubleValue());
                ppl = Double.isNaN(ppl) ? p.doubleValue() : Math.max(ppl, p.doubleValue());
            }
        }
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("kld", kld);
        f.put("delta_ppl", ppl);
        return f;
    }
}
