package org.nanomind.scenarios.fidelity;

/**
 * One published measurement, a row of a measurements CSV (the calibration set's columns): where it came
 * from, the board and unit, the runtime, the model and its precision, the input, threads, and what was
 * measured ({@code metric}: latency_ms, fps, mem_MBps, latency_ns, score, watts, info) with its value.
 * {@code line} is its line in the file.
 */
public record Measurement(String id, String source, String board, String chip, String unit, String framework,
                          String model, String precision, String input, String threads, String metric, double value,
                          String notes, int line) {
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    /**
     * When the measurement was published: the date its notes give for the entry ("README entry added
     * 2023-08-25"), else the date in its source (a commit's date), else "" (unknown).
     */
    public String published() {
        for (String s : new String[] {notes, source}) {
            int at = s.indexOf("entry added ");
            java.util.regex.Matcher m = DATE.matcher(at >= 0 ? s.substring(at) : s);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }
}
