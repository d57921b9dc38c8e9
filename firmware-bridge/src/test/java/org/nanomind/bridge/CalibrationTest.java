package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.power.DramPower;
import org.nanomind.power.Opp;
import org.nanomind.power.UnitPower;
import org.nanomind.soc.ComputeUnit;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.YamlNode;

class CalibrationTest {
    /** The coefficients the trace is made with: not the platform file's, so the fit must move them. */
    static final double CPU = 240, GPU = 700, NPU = 1200, DRAM_PJ = 14, BASELINE = 0.120;

    /** A trace of the twin's power model with known coefficients, random clocks and loads, and 1 % noise. */
    static Path trace(Path dir, Platform p, int n) throws Exception {
        return trace(dir, p, n, DRAM_PJ);
    }

    /** As above with the DRAM's energy per bit given (0: a board whose traffic costs nothing measurable). */
    static Path trace(Path dir, Platform p, int n, double dramPj) throws Exception {
        Random r = new Random(42);
        ComputeUnit cpu = p.cpuClusters().getFirst();
        UnitPower cpuP = UnitPower.fromDtCoefficient(CPU, cpu.power().staticWatts(), cpu.power().staticRefVolts());
        UnitPower gpuP = UnitPower.fromDtCoefficient(GPU, p.gpu().power().staticWatts(), p.gpu().power().staticRefVolts());
        UnitPower npuP = UnitPower.fromDtCoefficient(NPU, p.npu().power().staticWatts(), p.npu().power().staticRefVolts());
        DramPower dram = p.dram().power();
        double jPerByte = dramPj * 8 * 1e-12;
        StringBuilder b = new StringBuilder("# synthetic\n" + Telemetry.HEADER + "\n");
        for (int i = 0; i < n; i++) {
            Opp c = pick(cpu.opps().opps(), r);
            Opp g = pick(p.gpu().opps().opps(), r);
            Opp u = pick(p.npu().opps().opps(), r);
            Opp d = pick(p.dram().opps().opps(), r);
            double ca = r.nextDouble(), ga = r.nextDouble(), na = r.nextDouble(), da = r.nextDouble();
            double bytes = da * p.dram().achievableBytesPerSecond(d, p.dram().modules());
            double board = BASELINE + cpu.cores() * cpuP.power(c, ca) + gpuP.power(g, ga) + npuP.power(u, na)
                    + dram.background(d) + jPerByte * bytes;
            double volts = 3.6 + 0.5 * r.nextDouble();
            double amps = board / p.battery().converterEfficiency() / volts * (1 + 0.01 * r.nextGaussian());
            b.append(String.format("%d,%.3f,%d,%d,%d,%d,%.3f,%d,%.3f,%d,%.3f,%d,%.3f%n", i, i * 0.2, Math.round(volts * 1e6),
                    Math.round(amps * 1e6), 50, Math.round(c.hz() / 1e3), ca * 100, Math.round(g.hz()), ga * 100,
                    Math.round(u.hz()), na * 100, Math.round(d.hz()), da * 100));
        }
        Path f = dir.resolve("trace.csv");
        Files.writeString(f, b);
        return f;
    }

    static Opp pick(List<Opp> opps, Random r) {
        return opps.get(r.nextInt(opps.size()));
    }

    @Test
    void calibrationRecoversTheCoefficientsOfATraceWithinFivePercent(@TempDir Path dir) throws Exception {
        Platform p = PlatformFile.named("nanomind-rk3566");
        Calibration.Fit f = Calibration.fit(trace(dir, p, 600), p);
        assertEquals(CPU, f.cpuUwPerMhzV2(), 0.05 * CPU, f.toString());
        assertEquals(GPU, f.gpuUwPerMhzV2(), 0.05 * GPU, f.toString());
        assertEquals(NPU, f.npuUwPerMhzV2(), 0.05 * NPU, f.toString());
        assertEquals(DRAM_PJ, f.dramPjPerBit(), 0.05 * DRAM_PJ, f.toString());
        assertEquals(BASELINE, f.baselineWatts(), 0.05 * BASELINE, f.toString());
        assertTrue(f.heldOutRelativeError() < 0.05, "held-out error " + f.heldOutRelativeError());
    }

    @Test
    void theCalibratedPlatformFileHoldsTheFitWithWhereItCameFromAndStillLoads(@TempDir Path dir) throws Exception {
        Platform p = PlatformFile.named("nanomind-rk3566");
        Calibration.Fit f = Calibration.fit(trace(dir, p, 600), p);
        String text = new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String out = Calibration.calibrated(text, f, "trace.csv");
        Platform q = PlatformFile.parse(YamlNode.parse(out, "calibrated.yaml"));
        assertEquals(f.gpuUwPerMhzV2() * 1e-12, q.gpu().power().cEff(), 1e-3 * f.gpuUwPerMhzV2() * 1e-12);
        assertEquals(f.baselineWatts(), q.boardWatts(), 1e-3);
        assertTrue(out.contains("fitted: nanomind calibrate trace.csv (600 samples"), out);
        assertTrue(out.contains("was 953"), "the old value is kept in the comment");
        assertEquals(text.lines().count(), out.lines().count(), "every other line as it was");
    }

    @Test
    void replayPredictsTheTraceWithTheCalibratedFileBetterThanWithTheOriginal(@TempDir Path dir) throws Exception {
        Platform p = PlatformFile.named("nanomind-rk3566");
        Path trace = trace(dir, p, 600);
        Calibration.Replayed before = Calibration.replay(trace, p);
        String text = new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Platform calibrated = PlatformFile.parse(YamlNode.parse(Calibration.calibrated(text, Calibration.fit(trace, p), "t"), "c.yaml"));
        Calibration.Replayed after = Calibration.replay(trace, calibrated);
        assertEquals(600, after.seconds().length);
        assertTrue(after.relativeError() < 0.03, "calibrated: " + after.relativeError());
        assertTrue(before.relativeError() > 2 * after.relativeError(), before.relativeError() + " vs " + after.relativeError());
    }

    /** A fit that would write a value the platform refuses (no DRAM energy: 0.00 pJ/bit) is an error, and writes nothing. */
    @Test
    void aFitThatMakesAPlatformThatDoesNotLoadIsRefused(@TempDir Path dir) throws Exception {
        Platform p = PlatformFile.named("nanomind-rk3566");
        // Power that falls as DRAM traffic rises (a meter on the wrong rail, say): the non-negative fit sets DRAM to 0.
        Path t = trace(dir, p, 400, -5);
        Calibration.Fit f = Calibration.fit(t, p);
        assertEquals(0, f.dramPjPerBit(), 0.004, "written as 0.00 pJ/bit");
        String text = new String(PlatformFile.class.getResourceAsStream("/org/nanomind/soc/platforms/nanomind-rk3566.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        org.nanomind.soc.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.nanomind.soc.InputException.class,
                () -> Calibration.calibratedLoadable(text, f, t));
        assertTrue(e.getMessage().startsWith(t.toString()) && e.getMessage().contains("does not make a platform file that loads"),
                e.getMessage());
        Calibration.calibratedLoadable(text, Calibration.fit(trace(dir, p, 400), p), t); // a trace with DRAM energy: loads
    }
}
