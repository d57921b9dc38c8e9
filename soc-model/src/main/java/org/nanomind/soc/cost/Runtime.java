package org.nanomind.soc.cost;

import java.util.EnumMap;
import java.util.Map;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.OperatorClass;

/**
 * An inference runtime on one unit (ncnn on the A55s, ncnn's Vulkan path on the Mali-G52, RKNN on the NPU)
 * as the cost model's parameters: the arithmetic it uses for each stored precision (ncnn computes FP32
 * models in FP16 on ARMv8.2 cores), the runtime to which it hands operators it cannot run, the fixed time
 * of launching one operator, the parallel fraction of a multi-threaded operator (Amdahl), the operator
 * size at which a MAC class reaches half its efficiency, and the efficiency of each operator class at each
 * arithmetic. The numbers are fitted, never per model: see {@link CostFit}.
 *
 * @param since      the first date (ISO, "" for always) of the runtime's releases these parameters describe: a
 *                   framework's kernels change between releases (ncnn's INT8 kernels were rewritten), so a
 *                   measurement runs on the newest version of its framework released before it was published
 * @param like       "" or the runtime this one is a version of: it shares that runtime's launch, threading, size
 *                   curve and every efficiency table but its {@code own} (one parameter, fitted once for both)
 * @param arithmetic stored precision -> the arithmetic the unit runs it at; a precision not listed falls back
 * @param unsupported operator classes the runtime hands to its fallback whatever their precision (an NPU's
 *                   detection post-processing)
 * @param fallback   the runtime that runs what this one cannot ("" for none)
 * @param invokeSeconds the fixed time of one inference call, whatever the graph: rknn_run's job submission, cache
 *                   maintenance and wait for the NPU's interrupt; ncnn's extractor set-up
 * @param lightParallelFraction the parallel fraction of operators without multiply-accumulates (activations,
 *                   pooling, data movement): bound by memory and by ncnn's per-channel loops, they gain little
 *                   from more threads. Detection post-processing is not among them: it takes
 *                   {@code parallelFraction} ({@link OperatorClass#parallelLikeMacs})
 * @param halfSize   narrowest GEMM dimension at which a MAC class runs at half its efficiency
 * @param winogradHalfSize the same for 3x3 stride-1 convolutions: Winograd's input and output transforms cost
 *                   per channel what its products save per pair of channels, so it amortizes over more channels
 */
public record Runtime(String name, String unit, String since, String like, java.util.Set<Precision> own,
                      Map<Precision, Precision> arithmetic, java.util.Set<OperatorClass> unsupported, String fallback,
                      double launchSeconds, double invokeSeconds, double parallelFraction, double lightParallelFraction, double halfSize,
                      double winogradHalfSize,
                      Map<Precision, Map<OperatorClass, Double>> efficiency) {
    public Runtime {
        unsupported = java.util.Collections.unmodifiableSet(unsupported.isEmpty() ? java.util.EnumSet.noneOf(OperatorClass.class)
                : java.util.EnumSet.copyOf(unsupported));
        own = java.util.Collections.unmodifiableSet(own.isEmpty() ? java.util.EnumSet.noneOf(Precision.class) : java.util.EnumSet.copyOf(own));
        // Enum-ordered copies: iteration order (what calibration writes) must not depend on the JVM's hash salt.
        Map<Precision, Precision> ar = new EnumMap<>(Precision.class);
        ar.putAll(arithmetic);
        arithmetic = java.util.Collections.unmodifiableMap(ar);
        Map<Precision, Map<OperatorClass, Double>> e = new EnumMap<>(Precision.class);
        efficiency.forEach((p, m) -> {
            Map<OperatorClass, Double> t = new EnumMap<>(OperatorClass.class);
            t.putAll(m);
            e.put(p, java.util.Collections.unmodifiableMap(t));
        });
        efficiency = java.util.Collections.unmodifiableMap(e);
        if (!(parallelFraction >= 0 && parallelFraction <= 1 && lightParallelFraction >= 0 && lightParallelFraction <= 1)) {
            throw new IllegalArgumentException("parallel fraction must be within [0, 1], got " + parallelFraction);
        }
        for (Precision a : arithmetic.values()) {
            if (!efficiency.containsKey(a) && like.isEmpty()) { // a version is checked once merged with its parent
                throw new IllegalArgumentException("runtime " + name + " computes in " + a + " but has no efficiency table for it");
            }
        }
    }

    /** Whether this runtime runs operators stored at {@code stored}. */
    public boolean runs(Precision stored) {
        return arithmetic.containsKey(stored);
    }

    /** Whether this runtime runs an operator of {@code cls} stored at {@code stored}. */
    public boolean runs(OperatorClass cls, Precision stored) {
        return runs(stored) && !unsupported.contains(cls);
    }

    public Precision arithmeticFor(Precision stored) {
        Precision a = arithmetic.get(stored);
        if (a == null) {
            throw new IllegalArgumentException("runtime " + name + " does not run " + stored + " operators (it runs "
                    + arithmetic.keySet() + ")");
        }
        return a;
    }

    /**
     * The efficiency of {@code cls} at {@code arithmetic}: the table's own entry, else the float table's (a
     * quantized graph computes its non-MAC operators in floats), else the class's MAC sibling (GEMV and
     * attention as GEMM), else 1 % as a refusal to guess high.
     */
    public double efficiency(Precision arith, OperatorClass cls) {
        Map<OperatorClass, Double> t = efficiency.get(arith);
        Double v = t == null ? null : t.get(cls);
        if (v == null) {
            for (Map<OperatorClass, Double> other : efficiency.values()) {
                v = v == null ? other.get(cls) : v;
            }
        }
        if (v == null && (cls == OperatorClass.GEMV || cls == OperatorClass.ATTENTION)) {
            return efficiency(arith, OperatorClass.GEMM);
        }
        return v == null ? 0.01 : v;
    }

    /** The size at which {@code cls} reaches half its efficiency. */
    public double halfSize(OperatorClass cls) {
        return cls == OperatorClass.CONV_3X3S1 ? winogradHalfSize : halfSize;
    }

    /** This runtime with its parameters replaced: what a fit writes back. */
    public Runtime with(double launch, double invoke, double parallel, double lightParallel, double half, double winogradHalf,
                        Map<Precision, Map<OperatorClass, Double>> eff) {
        return new Runtime(name, unit, since, like, own, arithmetic, unsupported, fallback, launch, invoke, parallel, lightParallel, half,
                winogradHalf, eff);
    }

    /** The parallel fraction of an operator of {@code cls} ({@link OperatorClass#parallelLikeMacs}). */
    public double parallelFraction(OperatorClass cls) {
        return cls.parallelLikeMacs() ? parallelFraction : lightParallelFraction;
    }

    /** This version of {@code parent}: the parent's shared parameters with this runtime's own tables kept. */
    public Runtime versionOf(Runtime parent) {
        Map<Precision, Map<OperatorClass, Double>> eff = new java.util.EnumMap<>(Precision.class);
        eff.putAll(parent.efficiency());
        own.forEach(p -> eff.put(p, efficiency.get(p)));
        return new Runtime(name, unit.isEmpty() ? parent.unit() : unit, since, like, own,
                arithmetic.isEmpty() ? parent.arithmetic() : arithmetic, unsupported.isEmpty() ? parent.unsupported() : unsupported,
                fallback.isEmpty() ? parent.fallback() : fallback,
                parent.launchSeconds(), parent.invokeSeconds(), parent.parallelFraction(), parent.lightParallelFraction(), parent.halfSize(),
                parent.winogradHalfSize(), eff);
    }
}
