package org.nanomind.scenarios;

import java.util.Arrays;
import java.util.Locale;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;

/**
 * What a run may simulate and write, checked before it starts: a run that would go on past
 * {@code maxHours} of simulated time, or take more than {@code maxSeriesRows} PMU samples (rows of series.csv), is
 * refused up front with the figure and the option that raises the limit, instead of filling a disk.
 *
 * <p>The run's length is bounded before it runs: by its duration, else by the battery (every joule of the
 * pack at its highest voltage, spent at no less than the board's baseline power).
 */
public record RunBudget(long maxSeriesRows, double maxHours) {
    /** About 400 MB of series.csv, and a year of simulated time. */
    public static final RunBudget DEFAULT = new RunBudget(5_000_000, 24 * 365);

    public RunBudget {
        if (maxSeriesRows < 1 || !(maxHours > 0)) {
            throw new IllegalArgumentException("a budget needs at least one row and some hours, got " + maxSeriesRows + " and " + maxHours);
        }
    }

    /** The most simulated seconds {@code sc} can run on {@code platform}. */
    static double longestSeconds(Scenario sc, Platform platform) {
        if (Double.isFinite(sc.untilSeconds())) {
            return sc.untilSeconds();
        }
        double volts = Arrays.stream(platform.battery().ocvVolts()).max().orElse(0);
        return platform.battery().capacityAh() * 3600 * volts / platform.boardWatts();
    }

    /** Refuses {@code sc} if it could exceed this budget. */
    void check(Scenario sc, Platform platform) {
        double seconds = longestSeconds(sc, platform);
        String how = Double.isFinite(sc.untilSeconds()) ? "its duration"
                : String.format(Locale.ROOT, "its %.0f mAh battery at the board's %.0f mW baseline", platform.battery().capacityAh() * 1000,
                        platform.boardWatts() * 1000);
        if (seconds / 3600 > maxHours) {
            throw new InputException(sc.source(), 0, 0, "duration", String.format(Locale.ROOT,
                    "the run could simulate up to %,.0f h (%s); the budget is %,.0f h: give a duration, or raise it with --max-hours",
                    seconds / 3600, how, maxHours));
        }
        // The PMU samples whether series.csv is written or not: each sample is an event, and a row when it is.
        double rows = Math.floor(seconds * sc.pmuHz()) + 1;
        if (rows > maxSeriesRows) {
            throw new InputException(sc.source(), 0, 0, "pmu_rate", String.format(Locale.ROOT,
                    "the PMU could take %,.0f samples, each a row of series.csv (%,.1f h at %s Hz, %s); the budget is %,d: lower"
                            + " pmu_rate, shorten the run, or raise it with --max-series-rows",
                    rows, seconds / 3600, fmt(sc.pmuHz()), how, maxSeriesRows));
        }
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? String.format(Locale.ROOT, "%,.0f", hz) : Double.toString(hz);
    }
}
