package org.nanomind.soc.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nanomind.soc.Platform;
import org.nanomind.soc.Precision;
import org.nanomind.soc.graph.Graph;
import org.nanomind.soc.graph.Node;

/**
 * Places a graph on a runtime: every operator the runtime runs at its stored precision stays there, the
 * rest fall back along the runtime's fallback chain (ncnn's Vulkan path has no INT8 layers, so a quantized
 * convolution runs on the CPU), and each tensor that crosses between units is handed over through a copy
 * charged on DRAM; the inference call itself is a first step of fixed time. Placement does not depend on the cost parameters, so a fit places once and costs many
 * times; a run costs each step with the same {@link CostModel}.
 */
public final class Lowering {
    private Lowering() {
    }

    /**
     * One placed step: an operator ({@code node}), a handover of {@code handoverBytes} (node null), or the
     * inference call itself (neither), on {@code unit} by {@code runtime} with {@code threads}; {@code fellBack}
     * when it left the runtime asked for.
     */
    public record Placed(String name, Node node, Precision stored, String runtime, String unit, int threads,
                         double handoverBytes, boolean fellBack) {
        public boolean handover() {
            return node == null && handoverBytes > 0;
        }

        /** Whether this step is the runtime's fixed per-inference call. */
        public boolean invoke() {
            return node == null && handoverBytes == 0;
        }

        /** This step's demands under the platform's current parameters. */
        public CostModel.Cost cost(Platform p) {
            return cost(p, p.runtime(runtime));
        }

        /** This step's demands with {@code rt} (its runtime, with other parameters) on platform {@code p}. */
        public CostModel.Cost cost(Platform p, Runtime rt) {
            if (invoke()) {
                return new CostModel.Cost(rt.invokeSeconds(), 0, 1, 0);
            }
            return node == null ? CostModel.copy(handoverBytes, rt.launchSeconds(), p.cpu())
                    : CostModel.of(node, stored, rt, p.unit(unit), threads);
        }
    }

    /**
     * The graph's steps on {@code runtime} with {@code threads} CPU threads; graph inputs start in host memory
     * and Input layers cost nothing. {@code floats} is how the graph stores its unquantized operators.
     */
    public static List<Placed> place(Graph g, Precision floats, String runtime, Platform p, int threads) {
        Runtime home = p.runtime(runtime);
        String host = p.cpu().name();
        Map<String, Set<String>> residentOn = new HashMap<>();
        Map<String, Long> elements = new HashMap<>();
        List<Placed> steps = new ArrayList<>();
        // One call of the home runtime runs the whole graph (its fallbacks' operators included): its fixed cost once.
        steps.add(new Placed("invoke " + home.name(), null, floats, home.name(), home.unit(), 1, 0, false));
        g.inputs().forEach((name, shape) -> {
            residentOn.put(name, new HashSet<>(Set.of(host)));
            elements.put(name, shape.elements());
        });
        for (Node n : g.nodes()) {
            String unit = host; // where the node's outputs live: an Input's in host memory
            if (!n.type().equals("Input")) {
                Precision stored = n.int8() ? Precision.INT8 : floats;
                Runtime rt = home;
                while (!rt.runs(n.cls(), stored)) {
                    if (rt.fallback().isEmpty()) {
                        throw new IllegalArgumentException("node '" + n.name() + "' (" + n.cls().key() + ", " + stored + ") is not run by "
                                + rt.name() + ", which has no fallback");
                    }
                    rt = p.runtime(rt.fallback());
                }
                for (String in : n.inputs()) {
                    Set<String> on = residentOn.get(in);
                    if (on != null && !on.contains(rt.unit())) {
                        // The accelerator's runtime pays the launch of an upload or download; one host core copies.
                        String accelerator = rt.unit().equals(host) ? owner(p, home, on) : rt.name();
                        steps.add(new Placed("handover " + in, null, stored, accelerator, host, 1,
                                (double) elements.get(in) * CostModel.width(rt.arithmeticFor(stored)), false));
                        on.add(rt.unit());
                    }
                }
                int threadsThere = p.unit(rt.unit()).cores() > 1 ? threads : 1;
                steps.add(new Placed(n.name(), n, stored, rt.name(), rt.unit(), threadsThere, 0, rt != home));
                unit = rt.unit();
            }
            for (int i = 0; i < n.outputs().size(); i++) {
                residentOn.put(n.outputs().get(i), new HashSet<>(Set.of(unit)));
                elements.put(n.outputs().get(i), n.outputShapes().get(i).elements());
            }
        }
        return steps;
    }

    /** The runtime along {@code home}'s fallback chain that owns one of the units in {@code on}. */
    private static String owner(Platform p, Runtime home, Set<String> on) {
        for (Runtime r = home; ; r = p.runtime(r.fallback())) {
            if (on.contains(r.unit()) || r.fallback().isEmpty()) {
                return r.name();
            }
        }
    }

    /** Seconds of the steps one after another on an idle board: what a single-inference run measures. */
    public static double seconds(List<Placed> steps, Platform p) {
        return seconds(steps, p, p.runtimes());
    }

    /** As above with the runtimes' parameters taken from {@code runtimes} (a fit's trial values). */
    public static double seconds(List<Placed> steps, Platform p, Map<String, Runtime> runtimes) {
        double bw = p.dram().achievableBytesPerSecond(p.dram().opps().highest(), p.dram().modules());
        double s = 0;
        for (Placed st : steps) {
            s += st.cost(p, runtimes.get(st.runtime())).seconds(p.unit(st.unit()).opps().highest().hz(), bw);
        }
        return s;
    }
}
