package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;

/**
 * Garbage in a telemetry trace is refused where it is read, with the file, line and column, before any fit or
 * replay: NaN, values the quantity cannot take, time running backwards, no header; a trace whose loads never
 * change cannot be fitted, and says what it lacks; a pull keeps every sample taken when it is killed.
 */
class TraceValidationTest {
    static final Platform P = PlatformFile.named("nanomind-rk3566");

    /** The good synthetic trace with line {@code line} (1-based) of the file's rows changed by {@code edit}. */
    static Path edited(Path dir, int row, int col, String value) throws Exception {
        Path good = CalibrationTest.trace(dir, P, 200);
        List<String> lines = new ArrayList<>(Files.readAllLines(good));
        String[] f = lines.get(row + 1).split(",", -1); // line 0 the comment, 1 the header
        f[col] = value;
        lines.set(row + 1, String.join(",", f));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        return bad;
    }

    static Stream<Arguments> garbage() {
        return Stream.of(Arguments.of(5, 3, "NaN", "current_ua"), Arguments.of(7, 8, "150", "gpu_load_pct"),
                Arguments.of(9, 10, "-4", "npu_load_pct"), Arguments.of(11, 2, "99000000000", "voltage_uv"),
                Arguments.of(13, 1, "0.0", "t_s"), Arguments.of(15, 12, "x", "dmc_load_pct"),
                Arguments.of(17, 3, "Infinity", "current_ua"));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void aBadValueIsRefusedAtItsLineAndColumnByFitAndReplay(int row, int col, String value, String field, @TempDir Path dir)
            throws Exception {
        Path bad = edited(dir, row, col, value);
        InputException fit = assertThrows(InputException.class, () -> Calibration.fit(bad, P));
        assertTrue(fit.getMessage().startsWith(bad + ":" + (row + 2) + ":"), fit.getMessage());
        assertTrue(fit.getMessage().contains(field), fit.getMessage());
        InputException replay = assertThrows(InputException.class, () -> Calibration.replay(bad, P));
        assertEquals(fit.getMessage(), replay.getMessage());
    }

    @Test
    void aFileThatIsNotATraceSaysSo(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertTrue(assertThrows(InputException.class, () -> Calibration.fit(empty, P)).getMessage().contains("no telemetry header"));
        Path headerOnly = Files.writeString(dir.resolve("h.csv"), Telemetry.HEADER + "\n");
        assertTrue(assertThrows(InputException.class, () -> Calibration.fit(headerOnly, P)).getMessage().contains("a fit needs at least"));
    }

    @Test
    void aTraceWhoseLoadsNeverChangeCannotBeFittedAndSaysWhatItLacks(@TempDir Path dir) throws Exception {
        Path good = CalibrationTest.trace(dir, P, 200);
        List<String> lines = new ArrayList<>(Files.readAllLines(good));
        for (int i = 2; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            f[7] = Long.toString(Math.round(P.gpu().opps().lowest().hz())); // the GPU idles at one clock
            f[8] = "0";
            lines.set(i, String.join(",", f));
        }
        Path flat = dir.resolve("flat.csv");
        Files.write(flat, lines);
        InputException e = assertThrows(InputException.class, () -> Calibration.fit(flat, P));
        assertTrue(e.getMessage().contains("cannot fit the gpu term") && e.getMessage().contains("loads to vary"), e.getMessage());
        // The same trace with the GPU working fits: the check is about the data, not the file.
        Calibration.fit(good, P);
    }

    @Test
    void aKilledPullKeepsEverySampleTakenSoFar(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trace.csv");
        int[] calls = {0};
        List<Long> rowsSeen = new ArrayList<>();
        BoardLink board = new BoardLink() {
            @Override
            public String run(String command) throws java.io.IOException {
                // What a kill -9 at this moment would leave: count the rows already on disk.
                if (calls[0]++ > 0) {
                    rowsSeen.add(Files.readAllLines(out).stream().filter(l -> !l.startsWith("#") && !l.startsWith("seq")).count());
                }
                return String.join("\n", "3900000", "120000", "60", "1800000", "800000000", "40@800000000Hz", "1000000000",
                        "NPU load:  0%", "1056000000", "10@1056000000Hz");
            }

            @Override
            public void upload(byte[] bytes, String path) {
                throw new UnsupportedOperationException();
            }
        };
        Telemetry.pull(board, P, 50, 0.2, out);
        assertFalse(rowsSeen.isEmpty());
        for (int k = 0; k < rowsSeen.size(); k++) {
            assertEquals(k + 1, rowsSeen.get(k), "before sample " + (k + 2) + ", every earlier sample is on disk");
        }
    }
}
