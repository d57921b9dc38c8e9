package org.nanomind.scenarios.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nanomind.soc.InputException;

/**
 * Reads a measurements CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) with the
 * calibration set's header. A wrong header, a short row, a duplicate id or a value that is not a number
 * is an error naming the file and line.
 */
public final class Measurements {
    static final List<String> HEADER = List.of("id", "source", "board", "chip", "unit", "framework+version", "model",
            "precision", "input shape/params", "threads", "metric", "value", "notes");

    private Measurements() {
    }

    public static List<Measurement> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), 0, 0, "", "no such measurements file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read the measurements: " + e.getMessage());
        }
        org.nanomind.scenarios.CsvText.Parsed parsed = org.nanomind.scenarios.CsvText.parse(text);
        if (parsed.openQuoteLine() > 0) {
            throw new InputException(file.toString(), parsed.openQuoteLine(), 1, "", "a quoted field is not closed before the end of the file");
        }
        List<org.nanomind.scenarios.CsvText.Record> rows = parsed.records();
        if (rows.isEmpty() || !rows.getFirst().fields().equals(HEADER)) {
            throw new InputException(file.toString(), 1, 1, "", "the header must be " + String.join(",", HEADER));
        }
        List<Measurement> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (org.nanomind.scenarios.CsvText.Record r : rows.subList(1, rows.size())) {
            List<String> f = r.fields();
            if (f.size() != HEADER.size()) {
                throw new InputException(file.toString(), r.line(), 1, "", "a row has " + HEADER.size() + " fields, this one " + f.size());
            }
            if (!ids.add(f.get(0))) {
                throw new InputException(file.toString(), r.line(), 1, "id", "duplicate id '" + f.get(0) + "'");
            }
            double v;
            try {
                v = Double.parseDouble(f.get(11));
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!Double.isFinite(v) || v <= 0) {
                throw new InputException(file.toString(), r.line(), 1, "value", "must be a positive number, got '" + f.get(11) + "'");
            }
            if (!f.get(9).isBlank() && !f.get(9).strip().matches("[1-9][0-9]{0,2}")) {
                throw new InputException(file.toString(), r.line(), 1, "threads", "must be empty or a whole number of threads, got '"
                        + f.get(9) + "'");
            }
            out.add(new Measurement(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7), f.get(8),
                    f.get(9), f.get(10), v, f.get(12), r.line()));
        }
        return out;
    }
}
