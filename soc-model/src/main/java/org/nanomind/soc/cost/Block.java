package org.nanomind.soc.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent part of a least-squares problem: parameters joined by the rows that move them. Two blocks share
 * no parameter and no row, so the sum of squares is the sum of theirs and each can be minimized alone; fitted
 * together, one damping and one step length serve both, and a change to one block's rows moves the other's optimum.
 *
 * @param params  the parameters' indices, ascending
 * @param samples the rows' indices, ascending
 */
record Block(List<Integer> params, List<Integer> samples) {
    Block {
        params = List.copyOf(params);
        samples = List.copyOf(samples);
    }

    /**
     * Splits {@code parameters} parameters into blocks, given for each row the parameters it moves. A row that moves
     * none belongs to no block; a parameter no row moves is a block of its own, with no rows.
     */
    static List<Block> split(int parameters, List<List<Integer>> movedBy) {
        int[] root = new int[parameters];
        for (int k = 0; k < parameters; k++) {
            root[k] = k;
        }
        for (List<Integer> ks : movedBy) {
            for (int k : ks) {
                union(root, ks.getFirst(), k);
            }
        }
        Map<Integer, List<Integer>> params = new TreeMap<>();
        for (int k = 0; k < parameters; k++) {
            params.computeIfAbsent(find(root, k), r -> new ArrayList<>()).add(k);
        }
        Map<Integer, List<Integer>> rows = new TreeMap<>();
        for (int i = 0; i < movedBy.size(); i++) {
            if (!movedBy.get(i).isEmpty()) {
                rows.computeIfAbsent(find(root, movedBy.get(i).getFirst()), r -> new ArrayList<>()).add(i);
            }
        }
        List<Block> out = new ArrayList<>();
        params.forEach((r, ks) -> out.add(new Block(ks, rows.getOrDefault(r, List.of()))));
        return out;
    }

    private static int find(int[] root, int k) {
        while (root[k] != k) {
            root[k] = root[root[k]];
            k = root[k];
        }
        return k;
    }

    private static void union(int[] root, int a, int b) {
        int ra = find(root, a);
        int rb = find(root, b);
        // The smaller index roots the block, so the blocks come out in the order of their first parameter.
        root[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
