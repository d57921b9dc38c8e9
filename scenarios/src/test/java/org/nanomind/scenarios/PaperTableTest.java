package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaperTableTest {

    @Test
    void everyFigureOfThePaperHasAVerdictAndEveryDifferenceAReason() {
        PaperTable.Result r = PaperTable.build();
        assertEquals(List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"), r.rows().stream().map(PaperTable.Row::id).toList());
        for (PaperTable.Row row : r.rows()) {
            assertTrue(Set.of("reproduced", "differs", "input").contains(row.verdict()), row.toString());
            assertTrue(row.verdict().equals("reproduced") || row.why().length() > 40, "a difference says why: " + row);
        }
        assertEquals("input", r.rows().get(2).verdict(), "the pack is an input, not a result");
        assertEquals(9, r.table1().size());
        for (PaperTable.OffloadRow t : r.table1()) {
            assertEquals(t.gpuLayers() == 0, t.gpuTwin() == 0, t.toString());
        }
    }
}
