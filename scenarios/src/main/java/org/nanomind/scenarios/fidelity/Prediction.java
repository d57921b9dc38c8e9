package org.nanomind.scenarios.fidelity;

/**
 * A measurement and the twin's prediction of it, in the row's own metric (latency_ms, fps, mem_MBps), with
 * the labels the summary groups by. {@code fold} is the cross-validation fold whose fit predicted it (-1:
 * the platform's parameters as given).
 */
public record Prediction(String id, String model, String group, String unit, String precision, String runtime,
                         String board, String metric, double measured, double predicted, int fold, String twinInput) {
    /** Signed error in percent of the measured value. */
    public double errorPercent() {
        return 100 * (predicted - measured) / measured;
    }
}
