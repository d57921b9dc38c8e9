package org.nanomind.soc.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The KL divergence of token distributions, against values worked out by hand. */
class KlDivergenceTest {
    @Test
    void itIsZeroForTheSameDistributionAndBlindToAShiftOfTheLogits() {
        float[] a = {1.5f, -2f, 0.25f, 3f};
        assertEquals(0.0, Accuracy.kld(a, a.clone(), 4), 1e-15);
        float[] shifted = {11.5f, 8f, 10.25f, 13f};
        assertEquals(0.0, Accuracy.kld(a, shifted, 4), 1e-12, "softmax ignores a constant added to every logit");
    }

    @Test
    void itMatchesTheDefinitionOnTwoWorkedRows() {
        // Row 1: P = (1/2, 1/2), Q = (3/4, 1/4): KL = 1/2 ln(2/3) + 1/2 ln 2 = 1/2 ln(4/3).
        // Row 2: P = (1/4, 3/4), Q = (1/2, 1/2): KL = 1/4 ln(1/2) + 3/4 ln(3/2).
        float[] p = {0f, 0f, 0f, (float) Math.log(3)};
        float[] q = {(float) Math.log(3), 0f, 0f, 0f};
        double row1 = 0.5 * Math.log(4.0 / 3);
        double row2 = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
        assertEquals((row1 + row2) / 2, Accuracy.kld(p, q, 2), 1e-7, "the mean over the positions");
        assertEquals(row1, Accuracy.kld(new float[] {0f, 0f}, new float[] {(float) Math.log(3), 0f}, 2), 1e-7);
        double reverse = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
        assertEquals(reverse, Accuracy.kld(new float[] {(float) Math.log(3), 0f}, new float[] {0f, 0f}, 2), 1e-7,
                "not symmetric: KL(Q || P) is another number");
        assertThrows(IllegalArgumentException.class, () -> Accuracy.kld(new float[3], new float[3], 2));
    }
}
