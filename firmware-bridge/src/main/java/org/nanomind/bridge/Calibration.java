package org.nanomind.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;
import org.nanomind.soc.ComputeUnit;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;

/**
 * Fits the power model's free coefficients to a telemetry trace. The board's power is the battery's V x I
 * times the converter's efficiency; what the platform file already fixes (each unit's static power at its
 * voltage, the DRAM's background at its clock) is taken off, and the rest is fitted, by non-negative least
 * squares, as P0 + sum over units of C_u x load x f x V^2 + e x DRAM bytes/s: C_eff per unit, the DRAM's
 * energy per byte, and P0, the board baseline (with whatever peripherals were on). The first 80 % of the
 * samples fit, the last 20 % measure the error.
 */
public final class Calibration {
    /** The fitted coefficients in the platform file's units, and the error on held-out samples. */
    public record Fit(double baselineWatts, double cpuUwPerMhzV2, double gpuUwPerMhzV2, double npuUwPerMhzV2,
                      double dramPjPerBit, boolean cpuFitted, int samples, double heldOutRelativeError) {
    }

    private static final String[] TERMS = {"baseline", "cpu", "gpu", "npu", "dram"};

    private Calibration() {
    }

    /** Per sample: the time, the board's measured power, and the platform file's prediction at its clocks and loads. */
    public record Replayed(double[] seconds, double[] measuredWatts, double[] predictedWatts, double relativeError) {
    }

    /**
     * The trace replayed through the platform's power model as it stands: what the twin predicts for each
     * sample's clocks and loads against what the board measured.
     */
    public static Replayed replay(Path trace, Platform p) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> known = new ArrayList<>();
        Csv csv = samples(trace, p, x, y, known);
        ComputeUnit cpu = p.cpuClusters().getFirst();
        double[] coef = {p.boardWatts(), cpu.power().cEff(), p.gpu().power().cEff(), p.npu().power().cEff(), p.dram().power().joulesPerByte()};
        int n = x.size();
        double[] t = new double[n];
        double[] measured = new double[n];
        double[] predicted = new double[n];
        double err = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            t[i] = csv.number(i, 1);
            measured[i] = y.get(i) + known.get(i);
            predicted[i] = known.get(i);
            for (int k = 0; k < coef.length; k++) {
                predicted[i] += coef[k] * x.get(i)[k];
            }
            err += (predicted[i] - measured[i]) * (predicted[i] - measured[i]);
            sum += measured[i] * measured[i];
        }
        return new Replayed(t, measured, predicted, Math.sqrt(err / Math.max(sum, 1e-30)));
    }

    public static Fit fit(Path trace, Platform p) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        Csv csv = samples(trace, p, x, y, new ArrayList<>());
        boolean cpuLoad = csv.rows().stream().allMatch(r -> !r[6].isEmpty());
        int fitN = (int) Math.floor(x.size() * 0.8);
        if (fitN < TERMS.length * 4) {
            throw new InputException(trace.toString(), 0, 0, "", "has " + x.size() + " samples; a fit needs at least "
                    + (TERMS.length * 5) + " (a fifth are kept back to measure the error)");
        }
        boolean[] active = {true, cpuLoad, true, true, true};
        identifiable(trace, x.subList(0, fitN), active);
        double[] coef = nnls(x.subList(0, fitN), y.subList(0, fitN), active);
        double err = 0;
        double sum = 0;
        for (int i = fitN; i < x.size(); i++) {
            double pred = 0;
            for (int k = 0; k < coef.length; k++) {
                pred += coef[k] * x.get(i)[k];
            }
            double measured = y.get(i);
            err += (pred - measured) * (pred - measured);
            sum += measured * measured;
        }
        // C in farads -> uW/MHz/V^2: 1 uW/MHz/V^2 is 1e-12 F. Joules per byte -> pJ per bit.
        return new Fit(coef[0], coef[1] * 1e12, coef[2] * 1e12, coef[3] * 1e12, coef[4] / 8 * 1e12, cpuLoad, x.size(),
                Math.sqrt(err / Math.max(sum, 1e-30)));
    }

    /**
     * Reads the trace into the fit's terms: per sample, the regressors (1, cores x load x f V^2 for the CPU,
     * load x f V^2 for the GPU and NPU, DRAM bytes/s), the power left to explain, and the part the platform
     * file fixes (statics, the DRAM's background, and the CPU's dynamic part when the trace has no CPU load).
     */
    private static Csv samples(Path trace, Platform p, List<double[]> x, List<Double> y, List<Double> fixed) {
        Csv csv = Csv.read(trace, Telemetry.HEADER);
        boolean cpuLoad = csv.rows().stream().allMatch(r -> !r[6].isEmpty());
        ComputeUnit cpu = p.cpuClusters().getFirst();
        double eta = p.battery().converterEfficiency();
        for (int i = 0; i < csv.rows().size(); i++) {
            double watts = csv.number(i, 2) * 1e-6 * csv.number(i, 3) * 1e-6 * eta;
            Opp c = opp(cpu.opps(), csv.number(i, 5) * 1e3, trace, i);
            Opp g = opp(p.gpu().opps(), csv.number(i, 7), trace, i);
            Opp n = opp(p.npu().opps(), csv.number(i, 9), trace, i);
            Opp d = opp(p.dram().opps(), csv.number(i, 11), trace, i);
            double cpuA = cpuLoad ? csv.number(i, 6) / 100 : 0;
            double gpuA = csv.number(i, 8) / 100;
            double npuA = csv.number(i, 10) / 100;
            double bytes = csv.number(i, 12) / 100 * p.dram().achievableBytesPerSecond(d, p.dram().modules());
            double known = cpu.cores() * cpu.power().staticPower(c) + p.gpu().power().staticPower(g) + p.npu().power().staticPower(n)
                    + p.dram().power().background(d);
            if (!cpuLoad) {
                known += cpu.cores() * cpu.power().dynamicPower(c, 0); // no load column: the CPU's dynamic part is not fitted
            }
            x.add(new double[] {1, cpu.cores() * cpuA * fv2(c), gpuA * fv2(g), npuA * fv2(n), bytes});
            y.add(watts - known);
            fixed.add(known);
        }
        return csv;
    }

    private static double fv2(Opp o) {
        return o.hz() * o.volts() * o.volts();
    }

    private static Opp opp(OppTable t, double hz, Path trace, int row) {
        for (Opp o : t.opps()) {
            if (Math.abs(o.hz() - hz) <= 1e-3 * hz) {
                return o;
            }
        }
        throw new InputException(trace.toString(), row + 3, 0, "", "a clock of " + hz / 1e6 + " MHz is not an OPP of the platform");
    }

    /**
     * Refuses a fit the trace cannot decide: each unit's term must vary over the samples (a load or clock that
     * never changes cannot be told apart from the board's baseline), and no term may be a multiple of another.
     */
    private static void identifiable(Path trace, List<double[]> x, boolean[] active) {
        String[] lacks = {"", "the CPU's load or clock", "the GPU's load or clock", "the NPU's load or clock", "the DRAM's traffic"};
        for (int k = 1; k < active.length; k++) {
            if (!active[k]) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                min = Math.min(min, row[k]);
                max = Math.max(max, row[k]);
            }
            if (!(max - min > 1e-6 * Math.max(Math.abs(max), 1e-30)) || max == 0) {
                throw new InputException(trace.toString(), 0, 0, "", "cannot fit the " + TERMS[k] + " term: " + lacks[k] + " never"
                        + " changes in this trace, so its power cannot be told from the board's. Record a trace in which it both"
                        + " works and rests (the fit needs the loads to vary).");
            }
        }
    }

    /** Least squares with every coefficient >= 0: fit, drop the most negative term, fit again (an active set). */
    static double[] nnls(List<double[]> x, List<Double> y, boolean[] active) {
        while (true) {
            List<Integer> cols = new ArrayList<>();
            for (int k = 0; k < active.length; k++) {
                if (active[k]) {
                    cols.add(k);
                }
            }
            double[][] a = new double[x.size()][cols.size()];
            double[] scale = new double[cols.size()];
            for (int j = 0; j < cols.size(); j++) {
                for (double[] row : x) {
                    scale[j] = Math.max(scale[j], Math.abs(row[cols.get(j)]));
                }
                scale[j] = scale[j] == 0 ? 1 : scale[j];
            }
            for (int i = 0; i < x.size(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    a[i][j] = x.get(i)[cols.get(j)] / scale[j]; // columns scaled to 1: the QR stays well conditioned
                }
            }
            RealVector b = new ArrayRealVector(y.stream().mapToDouble(Double::doubleValue).toArray());
            RealVector s = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(b);
            double[] coef = new double[active.length];
            int worst = -1;
            for (int j = 0; j < cols.size(); j++) {
                coef[cols.get(j)] = s.getEntry(j) / scale[j];
                if (coef[cols.get(j)] < 0 && (worst < 0 || coef[cols.get(j)] < coef[worst])) {
                    worst = cols.get(j);
                }
            }
            if (worst < 0) {
                return coef;
            }
            active[worst] = false;
        }
    }

    /**
     * {@link #calibrated}, checked to load as a platform file: a fit can land a value the platform refuses (0.00
     * pJ/bit from a trace whose DRAM traffic costs nothing it can see), and such a file is an error on the trace.
     */
    public static String calibratedLoadable(String platformText, Fit f, Path trace) {
        String text = calibrated(platformText, f, trace.getFileName().toString());
        try {
            org.nanomind.soc.PlatformFile.parse(org.nanomind.soc.YamlNode.parse(text, "the calibrated platform"));
        } catch (InputException e) {
            throw new InputException(trace.toString(), 0, 0, "", "the fit does not make a platform file that loads (" + e.getMessage()
                    + "); the trace may not exercise that part of the board enough to measure it");
        }
        return text;
    }

    /**
     * The platform file with the fitted values in place of the old ones, each with a comment that says where
     * it came from; every other line as it was.
     */
    public static String calibrated(String platformText, Fit f, String trace) {
        String from = String.format("fitted: nanomind calibrate %s (%d samples, held-out error %.1f %%)", trace, f.samples(),
                100 * f.heldOutRelativeError());
        StringBuilder b = new StringBuilder();
        String section = "";
        boolean firstCluster = true;
        for (String line : platformText.lines().toList()) {
            if (!line.startsWith(" ") && !line.startsWith("#") && line.contains(":")) {
                section = line.substring(0, line.indexOf(':'));
            }
            String t = line.strip();
            String out = line;
            if (t.startsWith("dynamic_coefficient:")) {
                Double v = switch (section) {
                    case "cpu" -> firstCluster && f.cpuFitted() ? f.cpuUwPerMhzV2() : null;
                    case "gpu" -> f.gpuUwPerMhzV2();
                    case "npu" -> f.npuUwPerMhzV2();
                    default -> null;
                };
                if (section.equals("cpu")) {
                    firstCluster = false;
                }
                if (v != null) {
                    out = replace(line, String.format("%.1f", v), from + "; was " + value(line));
                }
            } else if (t.startsWith("energy_per_bit:") && section.equals("dram")) {
                out = replace(line, String.format("%.2f pJ/bit", f.dramPjPerBit()), from + "; was " + value(line));
            } else if (t.startsWith("baseline_power:") && section.equals("board")) {
                out = replace(line, String.format("%.1f mW", 1e3 * f.baselineWatts()), from
                        + ", with the peripherals that were on; was " + value(line));
            }
            b.append(out).append('\n');
        }
        return b.toString();
    }

    private static String value(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        int c = v.indexOf('#');
        return (c >= 0 ? v.substring(0, c) : v).strip();
    }

    private static String replace(String line, String value, String comment) {
        String key = line.substring(0, line.indexOf(':') + 1);
        return String.format("%-38s# %s", key + " " + value, comment);
    }

    /** The trace's rows, checked against the telemetry header. */
    /**
     * A telemetry trace's rows, each checked where it is read: every value a finite number within what the
     * quantity can be (a Li-ion cell's voltage, a current of at most 10 A, percentages within 0..100, clocks
     * above zero), time strictly increasing. A bad value is an error naming the file, line and column.
     */
    record Csv(List<String[]> rows, double[][] values, Path file) {
        /** Per column of the header: the lowest and highest value a sample may hold (NaN: not checked). */
        private static final double[][] RANGE = {
            {0, Double.MAX_VALUE}, {0, 1e7}, {2.5e6, 4.6e6}, {-1e7, 1e7}, {0, 100}, {1, 1e8}, {0, 100}, {1, 1e11}, {0, 100},
            {1, 1e11}, {0, 100}, {1, 1e11}, {0, 100}};
        private static final String[] WHAT = {"a sequence number", "seconds", "a cell's voltage in uV (2.5 to 4.6 V)",
            "a current in uA (at most 10 A either way)", "a percentage", "a clock in kHz", "a percentage", "a clock in Hz",
            "a percentage", "a clock in Hz", "a percentage", "a clock in Hz", "a percentage"};

        static Csv read(Path file, String header) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InputException(file.toString(), 0, 0, "", "is not text (UTF-8): not a trace `nanomind telemetry pull` wrote");
            } catch (IOException e) {
                throw new InputException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
            }
            List<String[]> rows = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            boolean seenHeader = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("#") || l.isBlank()) {
                    continue;
                }
                if (!seenHeader) {
                    if (!l.equals(header)) {
                        throw new InputException(file.toString(), i + 1, 1, "", "expected the telemetry header '" + header + "'");
                    }
                    seenHeader = true;
                    continue;
                }
                String[] f = l.split(",", -1);
                if (f.length != header.split(",").length) {
                    throw new InputException(file.toString(), i + 1, 1, "", "has " + f.length + " fields, the header " + header.split(",").length);
                }
                rows.add(f);
                at.add(i + 1);
            }
            if (!seenHeader) {
                throw new InputException(file.toString(), lines.size(), 1, "", "no telemetry header '" + header + "': not a trace"
                        + " `nanomind telemetry pull` wrote");
            }
            // Each value parsed and checked once, here; the fit and the replay read the numbers.
            double[][] values = new double[rows.size()][];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = new double[rows.get(r).length];
                for (int c = 0; c < rows.get(r).length; c++) {
                    // the CPU's load column may be empty: not sampled
                    values[r][c] = c == 6 && rows.get(r)[c].isEmpty() ? Double.NaN : parse(file, at.get(r), c, rows.get(r)[c]);
                }
                if (r > 0 && !(values[r][1] > values[r - 1][1])) {
                    throw new InputException(file.toString(), at.get(r), 0, "t_s", "time must increase from one sample to the next: "
                            + values[r][1] + " s follows " + values[r - 1][1] + " s");
                }
            }
            return new Csv(rows, values, file);
        }

        double number(int row, int col) {
            return values[row][col];
        }

        private static double parse(Path file, int line, int col, String text) {
            String field = Telemetry.HEADER.split(",")[col];
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InputException(file.toString(), line, col + 1, field, "'" + text + "' is not a number");
            }
            if (!(v >= RANGE[col][0] && v <= RANGE[col][1])) { // NaN fails here too
                throw new InputException(file.toString(), line, col + 1, field, "'" + text + "' is not "
                        + WHAT[col] + " (allowed " + RANGE[col][0] + " to " + RANGE[col][1] + ")");
            }
            return v;
        }
    }
}
