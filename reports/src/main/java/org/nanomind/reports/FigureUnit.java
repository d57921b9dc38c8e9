package org.nanomind.reports;

/**
 * The unit of a summary figure, read from the suffix its name carries by convention (battery_hours in h,
 * energy_j.cpu in J, latency_s.p95 in s, average_power_w in W, peak_memory_mb in MB, busy_percent.gpu in %,
 * decode_tokens_per_s in tokens/s), for axis labels that say what their numbers are.
 */
final class FigureUnit {
    private FigureUnit() {
    }

    /** The figure's name with its unit in parentheses: "battery_hours (h)". */
    static String label(String figure) {
        return figure + " (" + of(figure) + ")";
    }

    static String of(String figure) {
        String base = figure.contains(".") ? figure.substring(0, figure.indexOf('.')) : figure;
        if (base.endsWith("tokens_per_s")) {
            return "tokens/s";
        }
        if (base.endsWith("_hours")) {
            return "h";
        }
        if (base.endsWith("_percent") || base.endsWith("_pct")) {
            return "%";
        }
        if (base.endsWith("_mb")) {
            return "MB";
        }
        if (base.endsWith("_j")) {
            return "J";
        }
        if (base.endsWith("_w")) {
            return "W";
        }
        if (base.endsWith("_s")) {
            return "s";
        }
        return switch (base) {
            case "kld", "functional_kld" -> "KL divergence a token";
            case "delta_ppl" -> "perplexity change, fraction";
            case "queries", "events" -> "count";
            default -> "as in summary.json";
        };
    }
}
