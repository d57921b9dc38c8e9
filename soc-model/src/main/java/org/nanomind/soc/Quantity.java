package org.nanomind.soc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Physical quantities written with their unit in input files ("1800 MHz", "0.85 V", "6.5 pJ/bit") and
 * read into SI values. A unit that does not belong to the dimension is an error listing the allowed ones.
 */
public enum Quantity {
    FREQUENCY(units("Hz", 1.0, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9)),
    VOLTAGE(units("V", 1.0, "mV", 1e-3)),
    POWER(units("W", 1.0, "mW", 1e-3, "uW", 1e-6)),
    /** Read into joules per byte. */
    ENERGY_PER_BIT(units("pJ/bit", 8e-12, "nJ/bit", 8e-9)),
    BANDWIDTH(units("B/s", 1.0, "kB/s", 1e3, "MB/s", 1e6, "GB/s", 1e9, "MiB/s", 1048576.0, "GiB/s", 1073741824.0)),
    BYTES(units("B", 1.0, "KiB", 1024.0, "MiB", 1048576.0, "GiB", 1073741824.0, "kB", 1e3, "MB", 1e6, "GB", 1e9)),
    BITS(units("bit", 1.0, "bits", 1.0)),
    /** Read into ampere-hours. */
    CHARGE(units("Ah", 1.0, "mAh", 1e-3)),
    CURRENT(units("A", 1.0, "mA", 1e-3)),
    RESISTANCE(units("ohm", 1.0, "mohm", 1e-3)),
    TIME(units("s", 1.0, "ms", 1e-3, "us", 1e-6, "min", 60.0, "h", 3600.0)),
    /** Operations per second (FLOP/s, MAC/s, OP/s alike). */
    RATE(units("op/s", 1.0, "Gop/s", 1e9, "Top/s", 1e12));

    private final Map<String, Double> units;

    Quantity(Map<String, Double> units) {
        this.units = units;
    }

    /** Unit names and scales in the order written, so messages list them the same way every time. */
    private static Map<String, Double> units(Object... nameScale) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameScale.length; i += 2) {
            m.put((String) nameScale[i], ((Number) nameScale[i + 1]).doubleValue());
        }
        return m;
    }

    /** The SI value of {@code text}, e.g. 1.8e9 for "1800 MHz"; the problem as an exception message if bad. */
    public double parse(String text) {
        String t = text.strip();
        int split = 0;
        while (split < t.length() && "+-0123456789.eE".indexOf(t.charAt(split)) >= 0) {
            split++;
        }
        // "1e" followed by a unit letter: the e belongs to the unit only if no digit follows it.
        while (split > 0 && (t.charAt(split - 1) == 'e' || t.charAt(split - 1) == 'E')) {
            split--;
        }
        String number = t.substring(0, split).strip();
        String unit = t.substring(split).strip();
        if (number.isEmpty()) {
            throw new IllegalArgumentException("expected a number with a unit of " + name().toLowerCase().replace('_', ' ')
                    + " (" + String.join(", ", units.keySet()) + "), got '" + text + "'");
        }
        Double scale = units.get(unit);
        if (scale == null) {
            throw new IllegalArgumentException((unit.isEmpty() ? "missing unit" : "unknown unit '" + unit + "'") + " for "
                    + name().toLowerCase().replace('_', ' ') + " (allowed: " + String.join(", ", units.keySet()) + ")");
        }
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is not finite");
        }
        return v * scale;
    }
}
