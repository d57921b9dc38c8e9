package org.nanomind.soc.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.nanomind.soc.Platform;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.OperatorClass;

/**
 * Fits runtimes' cost-model parameters to measured single-inference times: least squares on log time
 * (a 10 % error weighs the same on a 5 ms and a 500 ms model) with a soft-L1 loss beyond 30 %
 * ({@link #ROBUST_SCALE}), Levenberg-Marquardt from Commons Math, run on each independent block of runtimes alone
 * ({@link Block}: the NPU's runtimes share no parameter and no row with the CPU's and the GPU's).
 * Every parameter is bounded by its transform: efficiencies and the parallel fraction through a logistic
 * (within (0, 1)), launch and invoke overheads and the half size through an exponential (positive). Only parameters
 * that some sample exercises are fitted, and each is held toward a fixed, uninformative prior ({@link #PRIOR})
 * by a weak ridge residual, so that a class seen by few samples cannot run off to a bound and a fold's fit
 * owes nothing to the rows it leaves out. Nothing here knows a model: parameters are per runtime,
 * precision and operator class.
 */
public final class CostFit {
    /** Ridge weight on (theta - prior): a parameter moves freely while the data ask for less than ~e^3 of it. */
    static final double RIDGE = 0.01;
    /** Iterations of Levenberg-Marquardt before the best point so far is taken (a fit settles in far fewer). */
    static final int MAX_ITERATIONS = 200;

    /** The prior every fit starts from and is held toward: a runtime knowing nothing of the data. */
    public record Prior(double launchSeconds, double invokeSeconds, double parallelFraction, double halfSize, double efficiency) {
    }

    public static final Prior PRIOR = new Prior(20e-6, 200e-6, 0.9, 8, 0.3);

    /** A measured single inference: its placed steps, the board platform it ran on, and the measured time. */
    public record Sample(List<Lowering.Placed> steps, Platform board, double seconds) {
    }

    /** The fitted platform, and the root-mean-square log error of the fit on its own samples. */
    public record Result(Platform platform, int parameters, double rmsLogError, int iterations, Set<String> fitted,
                         Set<String> uninformed) {
        /** Whether the efficiency of {@code cls} in {@code runtime}'s {@code table} came from the data (not the prior). */
        public boolean fitted(String runtime, Precision table, OperatorClass cls) {
            return fitted.contains(runtime + "/" + table + "/" + cls) || fitted.contains(runtime + "/" + table + "/*");
        }

        /**
         * Whether the efficiency of {@code cls} in {@code runtime}'s {@code table} was among the fitted parameters but
         * moved no sample's time at the optimum (every one of its operators memory-bound): the prior stands.
         */
        public boolean uninformed(String runtime, Precision table, OperatorClass cls) {
            return uninformed.contains(runtime + "/" + table + "/" + cls);
        }

        /** Whether the fit changed any parameter of {@code runtime}. */
        public boolean touched(String runtime) {
            return fitted.stream().anyMatch(k -> k.startsWith(runtime + "/"));
        }
    }

    private record Param(String runtime, Kind kind, Precision precision, OperatorClass cls) {
    }

    private enum Kind { LAUNCH, INVOKE, PARALLEL, LIGHT_PARALLEL, HALF, WINOGRAD_HALF, EFFICIENCY, FACTOR }

    /** A quantized table's factor on the float table is within (0, 4): INT8 SDOT peaks at 2x FP16 FMA on an A55. */
    static final double MAX_FACTOR = 4;

    private CostFit() {
    }

    /** Fits the runtimes the samples use; the platform's other runtimes and every physical fact are kept. */
    public static Result fit(Platform base, List<Sample> samples) {
        List<Param> params = params(samples, base);
        double[] prior = new double[params.size()];
        for (int i = 0; i < prior.length; i++) {
            prior[i] = priorTheta(params.get(i));
        }
        int n = samples.size();
        Map<String, List<Integer>> uses = uses(base, params, samples);
        Optimum o = optimizeByBlock(base, params, samples, prior, uses);
        Map<String, Runtime> at = runtimes(base, params, o.theta());
        double[] predicted = new double[n];
        double sq = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            predicted[i] = Lowering.seconds(s.steps(), s.board(), at);
            double e = Math.log(predicted[i] / s.seconds());
            sq += e * e;
        }
        Set<String> keys = new TreeSet<>();
        for (Param p : params) {
            keys.add(key(p));
        }
        return new Result(base.withRuntimes(at), params.size(), Math.sqrt(sq / Math.max(1, n)), o.iterations(), keys,
                uninformed(base, params, samples, o.theta(), predicted, uses));
    }

    /** A parameter's name in {@link Result#fitted}: runtime/precision/class, runtime/precision/* or runtime/kind. */
    private static String key(Param p) {
        return switch (p.kind()) {
            case EFFICIENCY -> p.runtime() + "/" + p.precision() + "/" + p.cls();
            case FACTOR -> p.runtime() + "/" + p.precision() + "/*";
            default -> p.runtime() + "/" + p.kind();
        };
    }

    /**
     * The fitted parameters no sample's prediction moves with at the optimum: an operator class whose every operator in
     * the samples is memory-bound (under the cost model's max its efficiency changes no time), so the ridge keeps the
     * prior. Such a value is the prior, not a measurement's, and the platform file says so. {@code t0}: each sample's
     * predicted seconds at {@code theta}; {@code uses}: {@link #uses}.
     */
    private static Set<String> uninformed(Platform base, List<Param> params, List<Sample> samples, double[] theta, double[] t0,
                                          Map<String, List<Integer>> uses) {
        Set<String> out = new TreeSet<>();
        for (int k = 0; k < params.size(); k++) {
            double[] moved = theta.clone();
            moved[k] += 0.1; // a tenth in logit or log space: a change of several per cent in the parameter
            Map<String, Runtime> rs = runtimes(base, params, moved);
            boolean moves = false;
            for (int i : uses.get(params.get(k).runtime())) {
                if (Math.abs(Lowering.seconds(samples.get(i).steps(), samples.get(i).board(), rs) / t0[i] - 1) > 1e-12) {
                    moves = true;
                    break;
                }
            }
            if (!moves) {
                out.add(key(params.get(k)));
            }
        }
        return out;
    }

    /**
     * For each runtime a parameter belongs to, the samples that run it (or a version of it): the only rows its
     * parameters move.
     */
    private static Map<String, List<Integer>> uses(Platform base, List<Param> params, List<Sample> samples) {
        Map<String, List<Integer>> uses = new java.util.HashMap<>();
        for (Param p : params) {
            uses.computeIfAbsent(p.runtime(), r -> java.util.stream.IntStream.range(0, samples.size()).filter(i -> samples.get(i).steps()
                    .stream().map(st -> base.runtime(st.runtime())).anyMatch(rt -> rt.name().equals(r) || rt.like().equals(r)))
                    .boxed().toList());
        }
        return uses;
    }

    /**
     * Minimizes each independent block of the problem alone ({@link Block}): runtimes no row runs together (the
     * CPU and GPU runtimes, which the GPU's fallback joins, and the NPU's) share no parameter, so each is fitted on
     * its own rows only, and a change to one cannot move the other's parameters through a shared damping.
     */
    private static Optimum optimizeByBlock(Platform base, List<Param> params, List<Sample> samples, double[] prior,
                                           Map<String, List<Integer>> uses) {
        List<List<Integer>> movedBy = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            movedBy.add(new ArrayList<>());
        }
        for (int k = 0; k < params.size(); k++) {
            for (int i : uses.get(params.get(k).runtime())) {
                movedBy.get(i).add(k);
            }
        }
        double[] theta = prior.clone();
        int iterations = 0;
        for (Block b : Block.split(params.size(), movedBy)) {
            if (b.samples().isEmpty()) {
                continue; // no row moves these parameters: the prior stands
            }
            Optimum o = optimize(base, b.params().stream().map(params::get).toList(), b.samples().stream().map(samples::get).toList(),
                    b.params().stream().mapToDouble(k -> prior[k]).toArray());
            for (int j = 0; j < b.params().size(); j++) {
                theta[b.params().get(j)] = o.theta()[j];
            }
            iterations = Math.max(iterations, o.iterations());
        }
        return new Optimum(theta, iterations);
    }

    /** The best point LM evaluated, and the iterations it took. */
    private record Optimum(double[] theta, int iterations) {
    }

    /**
     * Levenberg-Marquardt from the prior; returns the best point evaluated (the cost model's max() makes the objective
     * kinked where an operator turns from compute- to memory-bound, so LM can cycle near the optimum: the best point is the answer if it does not
     * settle).
     */
    private static Optimum optimize(Platform base, List<Param> params, List<Sample> samples, double[] prior) {
        int n = samples.size();
        // All zero: the model's values are the residuals themselves (robust log errors, then the ridge terms).
        double[] target = new double[n + params.size()];
        double[] best = prior.clone();
        double[] bestCost = {Double.POSITIVE_INFINITY};
        Map<String, List<Integer>> uses = uses(base, params, samples);
        var model = (org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction) point -> {
            double[] th = point.toArray();
            double[] v = values(base, params, samples, th, prior);
            double c = 0;
            for (int i = 0; i < v.length; i++) {
                c += (v[i] - target[i]) * (v[i] - target[i]);
            }
            if (c < bestCost[0]) {
                bestCost[0] = c;
                System.arraycopy(th, 0, best, 0, th.length);
            }
            double[][] jac = new double[v.length][th.length];
            // Forward differences, a column per parameter; columns are independent, so computing them in
            // parallel changes nothing in the result.
            java.util.stream.IntStream.range(0, th.length).parallel().forEach(k -> {
                double[] t2 = th.clone();
                t2[k] += 1e-6;
                Map<String, Runtime> rs = runtimes(base, params, t2);
                // A parameter moves only the rows that run its runtime (or a version of it): the others' columns are 0.
                for (int i : uses.get(params.get(k).runtime())) {
                    Sample s = samples.get(i);
                    jac[i][k] = (residual(s, rs) - v[i]) / 1e-6;
                }
                jac[n + k][k] = RIDGE;
            });
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(jac, false));
        };
        int iterations;
        try {
            iterations = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(prior).model(model).target(target).maxEvaluations(MAX_ITERATIONS * 2).maxIterations(MAX_ITERATIONS).build())
                    .getIterations();
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException
                 | org.apache.commons.math3.exception.TooManyIterationsException e) {
            iterations = MAX_ITERATIONS;
        }
        return new Optimum(best, iterations);
    }

    /**
     * Scale of the soft-L1 loss on log time: a row off by less than about 30 % weighs as in least squares; one off
     * by more weighs as the square root of its error, so that a family the operator model cannot explain (LPRNet's
     * INT8 rows, 3x slower than its FP16 model) does not pull every other family of its runtime toward it.
     */
    static final double ROBUST_SCALE = 0.3;

    /** A sample's residual: soft-L1 of its log error, sign kept (sum of squares = the soft-L1 loss). */
    private static double residual(Sample s, Map<String, Runtime> rs) {
        double r = Math.log(Lowering.seconds(s.steps(), s.board(), rs) / s.seconds());
        double d = ROBUST_SCALE;
        return Math.signum(r) * d * Math.sqrt(2 * (Math.sqrt(1 + (r / d) * (r / d)) - 1));
    }

    /** Model values: each sample's robust log residual, then the ridge terms. */
    private static double[] values(Platform base, List<Param> params, List<Sample> samples, double[] theta, double[] prior) {
        Map<String, Runtime> rs = runtimes(base, params, theta);
        double[] v = new double[samples.size() + params.size()];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            v[i] = residual(s, rs);
        }
        for (int i = 0; i < params.size(); i++) {
            v[samples.size() + i] = RIDGE * (theta[i] - prior[i]);
        }
        return v;
    }

    /**
     * The parameters the samples exercise, in a fixed order. Efficiencies are fitted per operator class in a
     * runtime's float table; a quantized table (INT8) is the float table times one factor per runtime and
     * precision: the INT8 path runs the same algorithms (im2col GEMM, Winograd, depthwise) with dot-product
     * instructions instead of FP16 FMAs, so its classes keep their ratios and only the level moves. Seven INT8
     * model families cannot pin down six classes each; they pin down one factor.
     */
    private static List<Param> params(List<Sample> samples, Platform base) {
        Set<String> runtimes = new TreeSet<>();
        Map<String, Param> effs = new java.util.TreeMap<>();
        Map<String, Param> factors = new java.util.TreeMap<>();
        boolean multi = false;
        for (Sample s : samples) {
            for (Lowering.Placed st : s.steps()) {
                Runtime r = base.runtime(st.runtime());
                String shared = r.like().isEmpty() ? r.name() : r.like();
                runtimes.add(shared);
                if (st.node() == null) {
                    continue;
                }
                Precision floats = floatTable(r);
                Precision a = r.arithmeticFor(st.stored());
                OperatorClass cls = st.node().cls();
                String floatOwner = r.own().contains(floats) ? r.name() : shared;
                effs.putIfAbsent(floatOwner + "/" + cls, new Param(floatOwner, Kind.EFFICIENCY, floats, cls));
                if (cls.countsMacs() && a != floats) {
                    String owner = r.own().contains(a) ? r.name() : shared;
                    factors.putIfAbsent(owner + "/" + a, new Param(owner, Kind.FACTOR, a, null));
                }
                multi |= st.threads() > 1;
            }
        }
        List<Param> out = new ArrayList<>();
        for (String r : runtimes) {
            out.add(new Param(r, Kind.LAUNCH, null, null));
            // Also on the CPU, where the fixed cost of a call is small by design: compared out of sample (soft-L1 fit),
            // fitting it there too gives the latency rows a p90 of 40.7 % against 44.8 % (5 folds by family) and 38.6 %
            // against 40.3 % (one family out); the CPU rows 37.5 % against 41.8 % with 5 folds.
            out.add(new Param(r, Kind.INVOKE, null, null));
            out.add(new Param(r, Kind.HALF, null, null));
            if (effs.containsKey(r + "/" + OperatorClass.CONV_3X3S1)) {
                out.add(new Param(r, Kind.WINOGRAD_HALF, null, null));
            }
            if (base.unit(base.runtime(r).unit()).cores() > 1 && multi) {
                out.add(new Param(r, Kind.PARALLEL, null, null));
                out.add(new Param(r, Kind.LIGHT_PARALLEL, null, null));
            }
        }
        out.addAll(effs.values());
        out.addAll(factors.values());
        return out;
    }

    /** The table a runtime's non-MAC classes live in: its float arithmetic (quantized graphs compute them in floats). */
    public static Precision floatTable(Runtime r) {
        for (Precision p : List.of(Precision.FP16, Precision.FP32)) {
            if (r.efficiency().containsKey(p)) {
                return p;
            }
        }
        return r.efficiency().keySet().iterator().next();
    }

    private static double priorTheta(Param p) {
        return switch (p.kind()) {
            case LAUNCH -> Math.log(PRIOR.launchSeconds());
            case INVOKE -> Math.log(PRIOR.invokeSeconds());
            case HALF, WINOGRAD_HALF -> Math.log(PRIOR.halfSize());
            case PARALLEL, LIGHT_PARALLEL -> logit(PRIOR.parallelFraction());
            case EFFICIENCY -> logit(PRIOR.efficiency() / p.cls().maxEfficiency());
            case FACTOR -> logit(1 / MAX_FACTOR);
        };
    }

    private static Map<String, Runtime> runtimes(Platform base, List<Param> params, double[] theta) {
        Map<String, double[]> scalars = new LinkedHashMap<>();
        Map<String, Map<Precision, Map<OperatorClass, Double>>> effs = new LinkedHashMap<>();
        Map<String, Map<Precision, Double>> factors = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Runtime r = base.runtime(p.runtime());
            double[] s = scalars.computeIfAbsent(p.runtime(), k -> new double[] {r.launchSeconds(), r.parallelFraction(), r.halfSize(), r.winogradHalfSize(), r.lightParallelFraction(), r.invokeSeconds()});
            switch (p.kind()) {
                case LAUNCH -> s[0] = Math.exp(theta[i]);
                case INVOKE -> s[5] = Math.exp(theta[i]);
                case PARALLEL -> s[1] = logistic(theta[i]);
                case HALF -> s[2] = Math.exp(theta[i]);
                case WINOGRAD_HALF -> s[3] = Math.exp(theta[i]);
                case LIGHT_PARALLEL -> s[4] = logistic(theta[i]);
                case EFFICIENCY -> effs.computeIfAbsent(p.runtime(), k -> copy(r.efficiency()))
                        .computeIfAbsent(p.precision(), k -> new EnumMap<>(OperatorClass.class))
                        .put(p.cls(), p.cls().maxEfficiency() * logistic(theta[i]));
                case FACTOR -> factors.computeIfAbsent(p.runtime(), k -> new EnumMap<>(Precision.class))
                        .put(p.precision(), MAX_FACTOR * logistic(theta[i]));
            }
        }
        Map<String, Runtime> out = new LinkedHashMap<>();
        for (Runtime r : base.runtimes().values()) {
            double[] s = scalars.getOrDefault(r.name(), new double[] {r.launchSeconds(), r.parallelFraction(), r.halfSize(), r.winogradHalfSize(), r.lightParallelFraction(), r.invokeSeconds()});
            out.put(r.name(), r.with(s[0], s[5], s[1], s[4], s[2], s[3], effs.getOrDefault(r.name(), r.efficiency())));
        }
        for (var f : factors.entrySet()) {
            Runtime r = out.get(f.getKey());
            Runtime floats = r.own().contains(floatTable(r)) || r.like().isEmpty() ? r : out.get(r.like());
            Map<Precision, Map<OperatorClass, Double>> t = copy(r.efficiency());
            for (var e : f.getValue().entrySet()) {
                Map<OperatorClass, Double> q = new EnumMap<>(OperatorClass.class);
                floats.efficiency().get(floatTable(floats)).forEach((cls, v) -> {
                    if (cls.countsMacs()) {
                        q.put(cls, Math.min(cls.maxEfficiency(), v * e.getValue()));
                    }
                });
                t.put(e.getKey(), q);
            }
            out.put(r.name(), r.with(r.launchSeconds(), r.invokeSeconds(), r.parallelFraction(), r.lightParallelFraction(), r.halfSize(),
                    r.winogradHalfSize(), t));
        }
        for (Runtime r : base.runtimes().values()) {
            if (!r.like().isEmpty()) {
                out.put(r.name(), out.get(r.name()).versionOf(out.get(r.like())));
            }
        }
        return out;
    }

    private static Map<Precision, Map<OperatorClass, Double>> copy(Map<Precision, Map<OperatorClass, Double>> m) {
        Map<Precision, Map<OperatorClass, Double>> c = new EnumMap<>(Precision.class);
        m.forEach((k, v) -> {
            EnumMap<OperatorClass, Double> e = new EnumMap<>(OperatorClass.class);
            e.putAll(v);
            c.put(k, e);
        });
        return c;
    }

    static double logistic(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
