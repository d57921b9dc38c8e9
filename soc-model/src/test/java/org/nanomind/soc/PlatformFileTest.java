package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlatformFileTest {

    static String builtinText() throws IOException {
        try (InputStream in = PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theNanoMindBoardLoadsWithTheFactSheetsNumbers() {
        Platform p = PlatformFile.named("nanomind-rk3566");
        assertEquals(4, p.cpu().cores());
        assertEquals(1800e6, p.cpu().opps().highest().hz());
        assertEquals(57.6e9, p.cpu().peak(Precision.FP32, p.cpu().opps().highest()), 1e6);
        assertEquals(38.4e9, p.gpu().peak(Precision.FP32, p.gpu().opps().highest()), 1e6);
        Dram d = p.dram();
        assertEquals(32, d.effectiveWidthBits(4), "four packages, one 32-bit interface");
        assertEquals(8.448e9, d.peakBytesPerSecond(d.opps().highest(), 4), 1e6);
        assertEquals(4.22e9, d.peakBytesPerSecond(d.opps().highest(), 1), 1e7, "one 16-bit package alone halves it");
        assertEquals(2.0, p.battery().capacityAh());
        assertEquals(0.85, p.battery().converterEfficiency());
        Platform big = PlatformFile.named("orangepi5ultra-rk3588");
        assertEquals(2, big.cpuClusters().size());
        assertTrue(big.dram().peakBytesPerSecond(big.dram().opps().highest(), 2) > 3 * d.peakBytesPerSecond(d.opps().highest(), 4));
    }

    private static InputException bad(String yaml) {
        return assertThrows(InputException.class, () -> PlatformFile.parse(YamlNode.parse(yaml, "board.yaml")));
    }

    @Test
    void impossibleValuesAreRefusedWithFileLineAndField() throws IOException {
        String ok = builtinText();
        InputException volts = bad(ok.replace("1800 MHz @ 1.150 V", "1800 MHz @ 1.650 V"));
        assertTrue(volts.getMessage().matches("board\\.yaml:\\d+:\\d+: 'cpu\\[0\\]\\.opps\\[6\\]': OPP voltage must be within 0\\.5-1\\.5 V.*"),
                volts.getMessage());
        InputException unsorted = bad(ok.replace("- 1608 MHz @ 1.100 V", "- 1508 MHz @ 1.100 V").replace("- 1416 MHz @ 1.025 V", "- 1616 MHz @ 1.025 V"));
        assertTrue(unsorted.getMessage().contains("increasing frequency"), unsorted.getMessage());
        assertEquals("cpu[0].opps", unsorted.field());
        InputException unit = bad(ok.replace("read_bandwidth: 150 MB/s", "read_bandwidth: 150 Mbps"));
        assertTrue(unit.getMessage().contains("'storage.read_bandwidth': unknown unit 'Mbps'"), unit.getMessage());
        assertTrue(unit.getMessage().contains("allowed:"), unit.getMessage());
        InputException zero = bad(ok.replace("fp32: 48 ", "fp32: 0 "));
        assertTrue(zero.getMessage().contains("'gpu.ops_per_cycle.fp32': must be > 0"), zero.getMessage());
        InputException negative = bad(ok.replace("capacity: 2000 mAh", "capacity: -2000 mAh"));
        assertTrue(negative.getMessage().contains("battery.capacity"), negative.getMessage());
        InputException typo = bad(ok.replace("achievable_fraction:", "achievable_fracton:"));
        assertTrue(typo.getMessage().contains("did you mean 'achievable_fraction'"), typo.getMessage());
        assertEquals(typo.line(), lineOf(ok, "achievable_fraction:"));
        InputException yaml = bad("name: [unclosed");
        assertTrue(yaml.getMessage().startsWith("board.yaml:"), yaml.getMessage());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return -1;
    }
}
