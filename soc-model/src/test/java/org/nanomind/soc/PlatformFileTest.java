package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Every map of a platform file refuses a key it does not know, at its line, with the key it probably meant. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "      default: 0.50 |      default: 0.50\\n      matmull: 0.4 |matmul|cpu[0].efficiency.matmull",
        "      q4_k: 0.231|      q4_kk: 0.231|q4_k|cpu[0].dequant_dot.q4_kk",
        "      fp16: 16 |      fp61: 16 |fp16|cpu[0].ops_per_cycle.fp61",
        "  camera_standby: 5 mW|  camera_stanby: 5 mW|camera_standby|peripherals.camera_stanby",
        "  gpu: devfreq/fde60000.gpu|  gppu: devfreq/fde60000.gpu|gpu|sysfs.gppu",
        "    unit: gpu|    unit: gpuu|gpu|runtimes.ncnn-vulkan.unit",
        "        gemm: 0.3000|        gemmm: 0.3000|gemm|runtimes.ncnn@2021.efficiency.fp16.gemmm",
        "clocks: {a55: 1416 MHz, gpu: 400 MHz|clocks: {a55: 1416 MHz, gpu0: 400 MHz|gpu|boards[0].clocks.gpu0"})
    void everyMapRefusesAnUnknownKeyWithASuggestion(String from, String to, String meant, String field) throws IOException {
        String ok = builtinText();
        assertTrue(ok.contains(from), "the platform file has '" + from + "'");
        InputException e = bad(ok.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))));
        assertTrue(e.getMessage().contains("did you mean '" + meant + "'"), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(lineOf(ok, from) + (to.contains("\\n") ? 1 : 0), e.line(), e.getMessage());
    }

    @Test
    void aPeripheralTheSchedulesSwitchMustHaveItsPower() throws IOException {
        InputException e = bad(builtinText().replaceFirst("  speaker_playing: 300 mW[^\n]*\n", ""));
        assertTrue(e.getMessage().contains("missing field 'speaker_playing'"), e.getMessage());
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
