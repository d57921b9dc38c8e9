package org.nanomind.reports;

/**
 * Fewer points for a chart from a long series: equal-count buckets of consecutive samples, each the mean
 * of its samples' values at the mean of their times. The PMU samples at a fixed rate, so a bucket's mean
 * is its time-weighted mean and sums are kept: the means of parts add up to the mean of their total.
 */
record Buckets(int[] starts, int n) {

    /** At most {@code max} buckets over {@code n} samples. */
    static Buckets of(int n, int max) {
        int count = Math.max(1, Math.min(n, max));
        int[] starts = new int[count + 1];
        for (int b = 0; b <= count; b++) {
            starts[b] = (int) ((long) b * n / count);
        }
        return new Buckets(starts, n);
    }

    int count() {
        return starts.length - 1;
    }

    double[] mean(double[] v) {
        double[] out = new double[count()];
        for (int b = 0; b < out.length; b++) {
            double sum = 0;
            for (int i = starts[b]; i < starts[b + 1]; i++) {
                sum += v[i];
            }
            out[b] = sum / (starts[b + 1] - starts[b]);
        }
        return out;
    }

    /** The largest value of each bucket (a peak stays visible). */
    double[] max(double[] v) {
        double[] out = new double[count()];
        for (int b = 0; b < out.length; b++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = starts[b]; i < starts[b + 1]; i++) {
                m = Math.max(m, v[i]);
            }
            out[b] = m;
        }
        return out;
    }

    /** The last value of each bucket (a level that only falls, such as the state of charge, keeps its shape). */
    double[] last(double[] v) {
        double[] out = new double[count()];
        for (int b = 0; b < out.length; b++) {
            out[b] = v[starts[b + 1] - 1];
        }
        return out;
    }
}
