package org.nanomind.reports;

/** Seconds shown in the unit that suits the span: s, min or h. */
record TimeAxis(String label, double divisor) {

    static TimeAxis forSpan(double seconds) {
        if (seconds > 2 * 3600) {
            return new TimeAxis("time (h)", 3600);
        }
        if (seconds > 120) {
            return new TimeAxis("time (min)", 60);
        }
        return new TimeAxis("time (s)", 1);
    }

    double[] scale(double[] seconds) {
        double[] out = new double[seconds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = seconds[i] / divisor;
        }
        return out;
    }
}
