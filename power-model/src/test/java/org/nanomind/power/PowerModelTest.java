package org.nanomind.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nanomind.sim.Simulation;

class PowerModelTest {

    static BatterySpec flat(double volts, double efficiency) {
        return new BatterySpec(2.0, new double[] {0, 1}, new double[] {volts, volts}, 0.0, efficiency, 1.0, 0.4, 2.5);
    }

    @Test
    void oppTablesMustBeSortedWithVoltagesInRange() {
        assertThrows(IllegalArgumentException.class, () -> new Opp(1e9, 1.6));
        assertThrows(IllegalArgumentException.class, () -> new Opp(-1, 1.0));
        var unsorted = assertThrows(IllegalArgumentException.class,
                () -> new OppTable(List.of(new Opp(600e6, 0.9), new Opp(408e6, 0.9))));
        assertTrue(unsorted.getMessage().contains("increasing frequency"), unsorted.getMessage());
        OppTable t = new OppTable(List.of(new Opp(408e6, 0.85), new Opp(1416e6, 1.025), new Opp(1800e6, 1.15)));
        assertEquals(1416e6, t.atMost(1500e6).hz());
        assertEquals(408e6, t.atMost(100e6).hz(), "below the table: the lowest OPP");
    }

    @Test
    void theA55DeviceTreeCoefficientGives445MilliwattsAtTheTopOpp() {
        // rk3568.dtsi dynamic-power-coefficient = 187: P[mW] = 187 * mV^2 * MHz / 1e9 (fact sheet, section 1).
        UnitPower core = UnitPower.fromDtCoefficient(187, 0.0, 1.0);
        assertEquals(0.4451, core.power(new Opp(1800e6, 1.15), 1.0), 1e-4);
        assertEquals(0.4451 / 2, core.power(new Opp(1800e6, 1.15), 0.5), 1e-4, "half as busy, half the dynamic power");
    }

    @Test
    void theFactSheetsBatteryAssumptionsGiveItsHours() {
        // 2000 mAh at 0.375 W: 3.9 V lossless -> 20.8 h; 3.7 V lossless -> 19.7 h; 3.7 V at 85 % -> 16.8 h.
        assertEquals(20.8, hours(flat(3.9, 1.0), 0.375), 0.05);
        assertEquals(19.73, hours(flat(3.7, 1.0), 0.375), 0.05);
        assertEquals(16.77, hours(flat(3.7, 0.85), 0.375), 0.05);
    }

    static double hours(BatterySpec spec, double watts) {
        Battery b = new Battery(spec);
        double lasted = b.draw(watts, 1e7);
        assertTrue(b.isEmpty(), "the pack emptied");
        return lasted / 3600;
    }

    @Test
    void resistanceAndTheRateEffectShortenARunAndCostEnergy() {
        BatterySpec ideal = flat(3.7, 1.0);
        BatterySpec real = new BatterySpec(2.0, new double[] {0, 1}, new double[] {3.7, 3.7}, 0.15, 1.0, 1.1, 0.4, 2.5);
        double light = hours(real, 0.375) / hours(ideal, 0.375);
        double heavy = hours(real, 3.0) / hours(ideal, 3.0);
        // Peukert: below the rated 0.4 A a pack gives more than its rating, above it less.
        assertTrue(light > 1 && heavy < 1 && heavy < light, "heavier loads lose more: " + light + " vs " + heavy);
        Battery b = new Battery(real);
        b.draw(3.0, 600);
        assertTrue(b.resistiveLossJoules() > 0);
        assertEquals(3.0 * 600, b.terminalJoules(), 1e-9, "the terminals deliver exactly the load");
    }

    @Test
    void voltageCutOffEndsARunBeforeTheChargeIsGone() {
        BatterySpec sloped = new BatterySpec(2.0, new double[] {0, 0.1, 1}, new double[] {3.0, 3.5, 4.2}, 0.1, 0.9,
                1.0, 0.4, 3.2);
        Battery b = new Battery(sloped);
        b.draw(1.0, 1e7);
        assertTrue(b.isEmpty());
        assertTrue(b.soc() > 0.02, "stopped by the cut-off at SoC " + b.soc());
        assertTrue(b.emptyReason().contains("cut-off"), b.emptyReason());
    }

    @Test
    void theLedgerConservesEnergyAndCatchesEnergyDrawnBehindItsBack() {
        Simulation sim = new Simulation();
        EnergyLedger ledger = new EnergyLedger(new Battery(flat(3.7, 0.8)), 0.0, List.of("cpu", "dram", "board"));
        sim.scheduleAt(0.0, () -> ledger.set(0.0, Map.of("cpu", 0.5, "board", 0.1)));
        sim.scheduleAt(10.0, () -> ledger.set(10.0, Map.of("cpu", 0.05, "dram", 0.2)));
        sim.scheduleAt(100.0, () -> ledger.advance(100.0));
        sim.run();
        assertEquals(0.5 * 10 + 0.05 * 90, ledger.energy("cpu", 100.0), 1e-9);
        assertEquals(0.1 * 100, ledger.energy("board", 100.0), 1e-9);
        ledger.checkConservation();
        ledger.battery().draw(1.0, 5.0); // energy that no component accounts for
        var e = assertThrows(IllegalStateException.class, ledger::checkConservation);
        assertTrue(e.getMessage().contains("not conserved"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.set(100.0, Map.of("gpu", 1.0)));
    }

    @Test
    void aChangeAfterThePackEmptiedDoesNotCount() {
        BatterySpec small = new BatterySpec(0.001, new double[] {0, 1}, new double[] {3.7, 3.7}, 0, 1, 1, 0.4, 2.5);
        EnergyLedger ledger = new EnergyLedger(new Battery(small), 0.0, List.of("cpu"));
        ledger.set(0.0, Map.of("cpu", 3.7)); // empty at 3.6 s
        ledger.set(10.0, Map.of("cpu", 50.0)); // found empty only now
        assertEquals(3.6, ledger.emptyAt(), 1e-9);
        assertEquals(3.7 * 3.6, ledger.energy("cpu", 3.6), 1e-9);
        ledger.checkConservation();
    }

    @Test
    void thePmuSamplesAtItsRateUntilTheBatteryIsEmpty() {
        Simulation sim = new Simulation();
        BatterySpec small = new BatterySpec(0.001, new double[] {0, 1}, new double[] {3.7, 3.7}, 0, 1, 1, 0.4, 2.5);
        EnergyLedger ledger = new EnergyLedger(new Battery(small), 0.0, List.of("board"));
        ledger.set(0.0, Map.of("board", 3.7)); // 1 A from a 1 mAh cell: 3.6 s
        List<PmuSample> samples = new ArrayList<>();
        new Pmu(sim, ledger, 10.0, samples::add);
        sim.run();
        assertEquals(3.6, ledger.emptyAt(), 1e-9);
        assertEquals(37, samples.size(), "t = 0.0, 0.1, ..., 3.6 s: the last one finds the pack empty");
        assertEquals(1.0, samples.get(5).amps(), 1e-12);
        assertEquals(0.5, samples.get(18).soc(), 1e-9);
        ledger.checkConservation();
    }
}
