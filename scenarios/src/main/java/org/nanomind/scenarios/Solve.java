package org.nanomind.scenarios;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.NoBracketingException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;

/**
 * Finds the value of an open workload assumption that makes a run reproduce a figure, by Brent's method
 * on whole runs of the twin. The answer is the assumption the figure implies, reported rather than tuned
 * into a file.
 */
public final class Solve {
    public static final List<String> OBJECTIVES = List.of("battery_hours", "average_power_w");
    public static final List<String> VARIABLES = List.of("workload.rate_per_hour");

    private Solve() {
    }

    /** The answer, and the run at it. */
    public record Answer(String variable, double value, String objective, double target, Summary run, int evaluations) {
    }

    public static Answer solve(Scenario sc, String objective, double target, String variable, double lo, double hi) {
        return solve(sc, objective, target, variable, lo, hi, null);
    }

    /** As above, printing each run of the twin to {@code progress} (null: silent) as it finishes. */
    public static Answer solve(Scenario sc, String objective, double target, String variable, double lo, double hi,
                               java.io.PrintWriter progress) {
        if (!OBJECTIVES.contains(objective)) {
            throw new IllegalArgumentException("cannot solve for '" + objective + "' (allowed: " + String.join(", ", OBJECTIVES) + ")");
        }
        if (!VARIABLES.contains(variable)) {
            throw new IllegalArgumentException("cannot vary '" + variable + "' (allowed: " + String.join(", ", VARIABLES) + ")");
        }
        if (!sc.workload().arrivals().equals("poisson") && !sc.workload().arrivals().equals("periodic")) {
            throw new IllegalArgumentException("varying the event rate needs poisson or periodic arrivals, not "
                    + sc.workload().arrivals());
        }
        ToDoubleFunction<Summary> figure = objective.equals("battery_hours")
                ? s -> s.batteryHours() == null ? Double.NaN : s.batteryHours()
                : Summary::averagePowerWatts;
        int[] evaluations = {0};
        UnivariateFunction f = rate -> {
            evaluations[0]++;
            long t0 = System.nanoTime();
            double v = figure.applyAsDouble(Runner.run(sc.withRate(rate), null, null));
            if (progress != null) {
                progress.printf(java.util.Locale.ROOT, "  run %d: %s = %.4g -> %s = %.4g (target %.4g), %.1f s%n", evaluations[0], variable,
                        rate, objective, v, target, (System.nanoTime() - t0) / 1e9);
                progress.flush();
            }
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("the battery did not run out at " + rate + " events per hour; give the scenario"
                        + " duration: until-empty");
            }
            return v - target;
        };
        double x;
        try {
            x = new BrentSolver(1e-4, 1e-3).solve(60, f, lo, hi);
        } catch (NoBracketingException e) {
            throw new IllegalArgumentException(String.format("%s = %g is not reached between %g and %g events per hour"
                    + " (there it is %g and %g)", objective, target, lo, hi, e.getFLo() + target, e.getFHi() + target));
        } catch (TooManyEvaluationsException e) {
            throw new IllegalStateException("no convergence in 60 runs", e);
        }
        Summary at = Runner.run(sc.withRate(x), null, null);
        return new Answer(variable, x, objective, target, at, evaluations[0] + 1);
    }
}
