package org.nanomind.soc.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the twin sees it: operators with static shapes in an order where every operator comes after
 * the operators whose outputs it reads (a topological order, checked when the graph is built), and the
 * shapes of its inputs. Every model source (ncnn .param, ONNX, the built-in families) lowers to it.
 */
public record Graph(String name, String source, Map<String, Shape> inputs, List<Node> nodes) {
    public Graph {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        nodes = List.copyOf(nodes);
    }

    /** Multiply-accumulates of one inference: convolutions, GEMMs and attention. */
    public long macs() {
        return nodes.stream().mapToLong(Node::macs).sum();
    }

    /** Weight elements (parameters) of the whole graph. */
    public long weights() {
        return nodes.stream().mapToLong(Node::weights).sum();
    }
}
