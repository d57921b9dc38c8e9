package org.nanomind.soc.functional;

import org.nanomind.soc.DecoderBrick;
import org.nanomind.soc.VisionBrick;
/**
 * How far a tensor is from its reference (paper section 4.2's accuracy proxy): the relative error
 * ||x - ref|| / ||ref|| and the cosine similarity of the two.
 */
public record Accuracy(double relativeError, double cosine) {
    public static Accuracy of(float[] x, float[] ref) {
        if (x.length != ref.length) {
            throw new IllegalArgumentException("lengths differ: " + x.length + " and " + ref.length);
        }
        double diff = 0;
        double norm = 0;
        double xx = 0;
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - ref[i];
            diff += d * d;
            norm += (double) ref[i] * ref[i];
            xx += (double) x[i] * x[i];
            dot += (double) x[i] * ref[i];
        }
        return new Accuracy(Math.sqrt(diff / Math.max(norm, 1e-300)), dot / Math.max(Math.sqrt(xx * norm), 1e-300));
    }

    /**
     * The mean KL divergence of {@code test}'s token distributions from {@code reference}'s, over rows of
     * {@code vocab} logits, as llama.cpp's perplexity tool computes it with --kl-divergence: at each position
     * KL(P_ref || P_test) = sum_i p_ref(i) (log p_ref(i) - log p_test(i)), both log-softmaxed from the logits
     * (the maximum taken off first), averaged over the positions; in nats, double precision.
     */
    public static double kld(float[] reference, float[] test, int vocab) {
        if (reference.length != test.length || vocab < 1 || reference.length % vocab != 0 || reference.length == 0) {
            throw new IllegalArgumentException("need equal whole rows of " + vocab + " logits: " + reference.length + " and " + test.length);
        }
        int rows = reference.length / vocab;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double[] lr = logSoftmax(reference, r * vocab, vocab);
            double[] lt = logSoftmax(test, r * vocab, vocab);
            double kl = 0;
            for (int i = 0; i < vocab; i++) {
                kl += StrictMath.exp(lr[i]) * (lr[i] - lt[i]);
            }
            sum += kl;
        }
        return sum / rows;
    }

    private static double[] logSoftmax(float[] logits, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += StrictMath.exp(logits[off + i] - max);
        }
        double logZ = StrictMath.log(z);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logits[off + i] - max - logZ;
        }
        return out;
    }

    /**
     * Computes a functional run's accuracy proxies against references: the vision embeddings of the same
     * frame (FP32 weights), and the decoder's logits after the same input, with the KL divergence of its
     * token distributions over the prompt's positions ({@code from} on) from the reference model's.
     */
    public interface Probe {
        java.util.Map<String, Object> vision(VisionBrick v, float[] image, float[] embeddings);

        java.util.Map<String, Object> logits(DecoderBrick d, float[] input, int tokens, int from, float[] logits);
    }

    /** As summary.json writes it. */
    public java.util.Map<String, Object> asMap(String precision) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("precision", precision);
        m.put("relative_error", relativeError);
        m.put("cosine", cosine);
        return m;
    }
}
