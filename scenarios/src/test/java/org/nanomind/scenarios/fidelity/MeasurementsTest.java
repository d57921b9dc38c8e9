package org.nanomind.scenarios.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

class MeasurementsTest {
    static final String HEADER = String.join(",", Measurements.HEADER) + "\n";
    static final String ROW = "a,src,Board,RK3566,cpu,ncnn,resnet18,FP32,\"[1,3,224,224]\",4,latency_ms,%s,\"notes, with \"\"quotes\"\"\nand a line break\"\n";

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, HEADER + ROW.formatted("12.5") + ROW.replace("a,", "b,").formatted("3"));
        List<Measurement> m = Measurements.read(f);
        assertEquals(2, m.size());
        assertEquals("[1,3,224,224]", m.getFirst().input());
        assertEquals("notes, with \"quotes\"\nand a line break", m.getFirst().notes());
        assertEquals(4, m.get(1).line(), "the second row starts on line 4");
    }

    @Test
    void badRowsAreNamedByLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, HEADER + ROW.formatted("fast"));
        InputException e = assertThrows(InputException.class, () -> Measurements.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'value'"), e.getMessage());
        Files.writeString(f, HEADER + ROW.formatted("1") + ROW.formatted("2"));
        assertTrue(assertThrows(InputException.class, () -> Measurements.read(f)).getMessage().contains("duplicate id 'a'"));
        Files.writeString(f, "id,value\n");
        assertTrue(assertThrows(InputException.class, () -> Measurements.read(f)).getMessage().contains("the header must be"));
        Files.writeString(f, HEADER + "a,b,c\n");
        assertEquals(2, assertThrows(InputException.class, () -> Measurements.read(f)).line());
        Files.writeString(f, HEADER + "a,\"never closed\n");
        assertTrue(assertThrows(InputException.class, () -> Measurements.read(f)).getMessage().contains("not closed"));
    }

    @Test
    void theCalibrationSetDatesItsNcnnRows() {
        List<Measurement> m = Measurements.read(FidelityTest.DATA.resolve("measurements.csv"));
        Measurement p2 = m.stream().filter(x -> x.id().equals("ncnn-FireflyStationP2-cpu-t4-01")).findFirst().orElseThrow();
        assertEquals("2021-08-06", p2.published());
    }
}
