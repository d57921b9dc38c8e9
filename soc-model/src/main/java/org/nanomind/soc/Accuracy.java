package org.nanomind.soc;

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
     * Computes a functional run's accuracy proxies against FP32 references of the same weights: the vision
     * embeddings of the same frame, and the decoder's logits after the same input.
     */
    public interface Probe {
        java.util.Map<String, Object> vision(VisionBrick v, float[] image, float[] embeddings);

        java.util.Map<String, Object> logits(DecoderBrick d, float[] input, int tokens, float[] logits);
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
