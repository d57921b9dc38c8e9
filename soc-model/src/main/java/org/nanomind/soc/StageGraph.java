package org.nanomind.soc;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a cascade's stages as a directed acyclic graph: each stage starts when every stage it comes
 * {@code after} has finished, so branches on different units run at once and meet where a stage needs both (speech
 * and vision encoded together, then the decoder). A stage that names nothing follows the one listed before it: the
 * linear cascade is the graph's simplest case. A stage may come only after stages listed before it, which keeps the
 * graph acyclic by construction.
 */
record StageGraph(List<List<Integer>> predecessors, List<List<Integer>> successors) {
    static StageGraph of(List<Cascade.Stage> stages) {
        List<List<Integer>> pred = new ArrayList<>();
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            succ.add(new ArrayList<>());
            List<String> after = stages.get(i).after();
            List<Integer> p = new ArrayList<>();
            if (after == null) {
                if (i > 0) {
                    p.add(i - 1);
                }
            } else {
                for (String name : after) {
                    int j = indexOf(stages, name);
                    if (j < 0 || j >= i) {
                        throw new IllegalArgumentException("stage '" + stages.get(i).brick().name() + "' comes after '" + name
                                + "', which is not a stage listed before it (stages before it: "
                                + stages.subList(0, i).stream().map(s -> s.brick().name()).toList() + ")");
                    }
                    if (!p.contains(j)) {
                        p.add(j);
                    }
                }
            }
            pred.add(List.copyOf(p));
        }
        for (int i = 0; i < pred.size(); i++) {
            for (int j : pred.get(i)) {
                succ.get(j).add(i);
            }
        }
        return new StageGraph(List.copyOf(pred), succ.stream().map(List::copyOf).toList());
    }

    /**
     * The stages' graph, checked: each names only stages listed before it, and a decoder comes (directly or not)
     * after every vision encoder, whose embeddings it reads. An IllegalArgumentException says which stage is wrong.
     */
    static StageGraph checked(List<Cascade.Stage> stages) {
        StageGraph graph = of(stages);
        for (int d = 0; d < stages.size(); d++) {
            for (int v = 0; v < stages.size(); v++) {
                if (stages.get(d).brick() instanceof DecoderBrick && stages.get(v).brick() instanceof VisionBrick && !graph.reaches(v, d)) {
                    throw new IllegalArgumentException("the decoder '" + stages.get(d).brick().name() + "' reads the embeddings of '"
                            + stages.get(v).brick().name() + "': it must come after it");
                }
            }
        }
        return graph;
    }

    /** Whether stage {@code j} comes (directly or through others) after stage {@code i}. */
    boolean reaches(int i, int j) {
        for (int k : predecessors.get(j)) {
            if (k == i || reaches(i, k)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(List<Cascade.Stage> stages, String name) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).brick().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
