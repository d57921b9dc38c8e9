package org.nanomind.soc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nanomind.soc.InputException;

/** Bad .param files get an error naming the file, the line and what is wrong; mutated files never crash. */
class NcnnErrorsTest {
    static InputException bad(String text) {
        return assertThrows(InputException.class, () -> NcnnParam.parse("bad.param", text, List.of()));
    }

    static final String HEAD = "7767517\n";

    @Test
    void eachDefectIsNamedWithItsLine() {
        assertTrue(bad("7767518\n1 1\nInput in 0 1 x 0=4\n").getMessage().startsWith("bad.param:1:1:"));
        InputException unknown = bad(HEAD + "2 2\nInput in 0 1 x 0=8 1=8 2=3\nFancyConv f 1 1 x y\n");
        assertEquals(4, unknown.line());
        assertTrue(unknown.getMessage().contains("unknown layer type") && unknown.getMessage().contains("Convolution"));
        InputException cycle = bad(HEAD + "3 3\nInput in 0 1 x 0=8 1=8 2=3\nReLU a 1 1 z y\nReLU b 1 1 y z\n");
        assertEquals(4, cycle.line());
        assertTrue(cycle.getMessage().contains("before the layer on line 5"), cycle.getMessage());
        InputException mismatch = bad(HEAD + "2 2\nInput in 0 1 x 0=8 1=8 2=3\nConvolution c 1 1 x y 0=16 1=3 6=999\n");
        assertTrue(mismatch.getMessage().contains("weight_data_size") && mismatch.getMessage().contains("432"), mismatch.getMessage());
        InputException huge = bad(HEAD + "1 1\nInput in 0 1 x 0=1099511627776 1=8 2=3\n");
        assertEquals(3, huge.line());
        InputException big = bad(HEAD + "1 1\nInput in 0 1 x 0=16777217 1=8 2=3\n");
        assertTrue(big.getMessage().contains("16777216"), big.getMessage());
        InputException hint = bad(HEAD + "2 2\nInput in 0 1 x 0=8 1=8 2=3 -23330=4,3,8,8,3\n"
                + "Pooling p 1 1 x y 1=2 2=2 -23330=4,3,5,5,3\n");
        assertTrue(hint.getMessage().contains("[3, 4, 4]") && hint.getMessage().contains("[3, 5, 5]"), hint.getMessage());
        assertTrue(bad(HEAD + "3 3\nInput in 0 1 x 0=8\n").getMessage().contains("the header says 3 layers"));
        assertTrue(bad(HEAD + "2 2\nInput in 0 1 x 0=8 1=8 2=3\nReLU r 1 1 nowhere y\n").getMessage().contains("which no layer writes"));
        InputException head = bad(HEAD + "2 2\nInput in 0 1 x 0=10 1=10 2=250\nYolov3DetectionOutput d 1 1 x y 0=80 1=3\n");
        assertEquals(4, head.line());
        assertTrue(head.getMessage().contains("3 x 85") && head.getMessage().contains("[250, 10, 10]"), head.getMessage());
    }

    /**
     * Seeded mutations of the real graphs: drop a token, change a number, swap two lines, truncate. Each
     * mutant either loads or fails with an InputException that names the file and a line; nothing else.
     */
    @Test
    void mutatedGraphsFailOnlyWithNamedErrors() throws IOException {
        Random rnd = new Random(20261202);
        int failures = 0;
        int mutants = 0;
        for (String m : NcnnGraphsTest.models()) {
            List<String> lines = Files.readAllLines(NcnnGraphs.MODELS.resolve(m + ".param"));
            for (int k = 0; k < 40; k++) {
                List<String> mut = new ArrayList<>(lines);
                int i = 1 + rnd.nextInt(mut.size() - 1);
                String[] tok = mut.get(i).trim().split("\\s+");
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        int t = rnd.nextInt(tok.length);
                        List<String> l = new ArrayList<>(List.of(tok));
                        l.remove(t);
                        mut.set(i, String.join(" ", l));
                    }
                    case 1 -> mut.set(i, mut.get(i).replaceFirst("=\\d+", "=" + (rnd.nextBoolean() ? rnd.nextInt(5000) : -rnd.nextInt(300))));
                    case 2 -> java.util.Collections.swap(mut, i, 1 + rnd.nextInt(mut.size() - 1));
                    case 3 -> mut = mut.subList(0, i);
                    default -> mut.set(i, mut.get(i).replaceFirst("=\\d+", "=9" + "9".repeat(rnd.nextInt(15))));
                }
                mutants++;
                try {
                    NcnnParam.parse(m + ".param", String.join("\n", mut), List.of());
                } catch (InputException e) {
                    failures++;
                    assertTrue(e.getMessage().startsWith(m + ".param:") && e.line() > 0, e.getMessage());
                } catch (RuntimeException e) {
                    fail(m + " mutant " + k + " threw " + e + " instead of a named error");
                }
            }
        }
        assertTrue(failures > mutants / 4, "most mutants are broken files: " + failures + " of " + mutants);
    }
}
