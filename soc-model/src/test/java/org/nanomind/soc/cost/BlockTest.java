package org.nanomind.soc.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A problem's independent blocks: on seeded random problems, checked against what a block must be. */
class BlockTest {
    @Test
    void blocksAreTheConnectedPartsOfTheProblem() {
        Random rnd = new Random(20261202);
        for (int trial = 0; trial < 500; trial++) {
            int parameters = 1 + rnd.nextInt(30);
            List<List<Integer>> movedBy = new ArrayList<>();
            for (int i = rnd.nextInt(40); i > 0; i--) {
                List<Integer> ks = new ArrayList<>();
                for (int j = rnd.nextInt(4); j > 0; j--) {
                    ks.add(rnd.nextInt(parameters));
                }
                movedBy.add(ks);
            }
            List<Block> blocks = Block.split(parameters, movedBy);
            int[] blockOf = new int[parameters];
            Set<Integer> seen = new HashSet<>();
            for (int b = 0; b < blocks.size(); b++) {
                for (int k : blocks.get(b).params()) {
                    assertTrue(seen.add(k), "parameter " + k + " is in one block");
                    blockOf[k] = b;
                }
            }
            assertEquals(parameters, seen.size(), "every parameter is in a block");
            Set<Integer> rows = new HashSet<>();
            for (int b = 0; b < blocks.size(); b++) {
                for (int i : blocks.get(b).samples()) {
                    assertTrue(rows.add(i), "row " + i + " is in one block");
                    for (int k : movedBy.get(i)) {
                        assertEquals(b, blockOf[k], "a row's parameters are in its block");
                    }
                }
            }
            for (int i = 0; i < movedBy.size(); i++) {
                assertEquals(!movedBy.get(i).isEmpty(), rows.contains(i), "a row is in a block exactly when it moves a parameter");
            }
            for (Block b : blocks) {
                assertEquals(new HashSet<>(b.params()), reach(b.params().getFirst(), movedBy), "a block is joined through its rows, and no more");
            }
        }
    }

    /** The parameters reachable from {@code k} through rows that move two at once. */
    private static Set<Integer> reach(int k, List<List<Integer>> movedBy) {
        Set<Integer> out = new HashSet<>(List.of(k));
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(k));
        while (!todo.isEmpty()) {
            int at = todo.pop();
            for (List<Integer> ks : movedBy) {
                if (ks.contains(at)) {
                    for (int j : ks) {
                        if (out.add(j)) {
                            todo.push(j);
                        }
                    }
                }
            }
        }
        return out;
    }
}
