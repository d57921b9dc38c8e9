package org.nanomind.scenarios.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisagreementTest {
    static Prediction row(String id, String board, String input, double measured) {
        return new Prediction(id, "m", "m", "cpu", "FP32", "ncnn", board, "latency_ms", measured, 1.0, -1, input);
    }

    /** The worst |error %| of one prediction over the group's measured values. */
    static double worst(double predicted, double[] measured) {
        double w = 0;
        for (double m : measured) {
            w = Math.max(w, 100 * Math.abs(predicted - m) / m);
        }
        return w;
    }

    @Test
    void theFloorIsTheLeastWorstErrorAnyPredictionCanHave() {
        Random r = new Random(20261202);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + r.nextInt(4);
            double[] m = new double[n];
            List<Prediction> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                m[i] = Math.exp(r.nextGaussian() * 0.4 + 3);
                rows.add(row("r" + i, "board " + i, "same", m[i]));
            }
            Disagreement d = Disagreement.of(rows);
            assertEquals(1, d.spreads().size());
            double floor = d.spreads().getFirst().floorPct();
            // A search over predictions from a tenth of the lowest to ten times the highest value finds none better,
            // and one as good (to the grid's step).
            double lo = java.util.Arrays.stream(m).min().orElseThrow();
            double hi = java.util.Arrays.stream(m).max().orElseThrow();
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= 200_000; k++) {
                double p = lo / 10 * Math.pow(100 * hi / lo, k / 200_000.0);
                best = Math.min(best, worst(p, m));
            }
            assertTrue(best >= floor - 1e-9, "a prediction beat the floor: " + best + " < " + floor);
            assertTrue(best - floor < 0.01, "the floor is not reached: " + best + " against " + floor);
        }
    }

    @Test
    void onlyRowsTheTwinCannotTellApartAreGroupedAndEqualOnesAreNoDisagreement() {
        Disagreement d = Disagreement.of(List.of(
                row("a", "board A", "x|RK3566{a55=1.8E9}", 10), row("b", "board B", "x|RK3566{a55=1.8E9}", 20),
                row("c", "board C", "x|RK3568{a55=2.0E9}", 40), // other clocks: its own group of one
                row("d", "board D", "y", 5), row("e", "board E", "y", 5))); // the same value twice: no spread
        assertEquals(1, d.spreads().size());
        assertEquals(List.of("a", "b"), d.spreads().getFirst().ids());
        assertEquals(List.of("board A", "board B"), d.spreads().getFirst().boards());
        assertEquals(1, d.atLeast(25).size());
        assertEquals(0, d.atLeast(40).size());
    }

    @Test
    void inTheCalibrationSetBoardsOfOneChipAndClockAreOneToTheTwinAndOthersNeverMeet() {
        Fidelity.Result r = Fidelity.run(FidelityTest.subset(), FidelityTest.DATA.resolve("ncnn-models"), FidelityTest.P, 0, s -> { });
        Disagreement d = Disagreement.of(r.predictions());
        // Firefly Station P2 and Radxa ROCK 3A are both RK3568 boards at 1992 MHz running ncnn's 2021 release: the
        // twin gives their rows one prediction, so their differences are disagreement.
        assertTrue(d.spreads().stream().anyMatch(s -> Set.copyOf(s.boards()).equals(Set.of("Firefly Station P2", "Radxa ROCK 3A"))));
        // The Radxa Zero 3W runs its A55s at 1416 MHz: no group puts it with another board.
        assertFalse(d.spreads().stream().anyMatch(s -> s.boards().contains("Radxa Zero 3W")));
        for (Disagreement.Spread s : d.spreads()) {
            List<Prediction> members = r.predictions().stream().filter(p -> s.ids().contains(p.id())).toList();
            assertEquals(1, members.stream().map(Prediction::predicted).distinct().count(), s.ids() + " got different predictions");
        }
    }
}
