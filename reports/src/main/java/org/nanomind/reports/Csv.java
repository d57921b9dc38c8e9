package org.nanomind.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.scenarios.SweepRows;
import org.nanomind.soc.InputException;

/**
 * A CSV file as the twin writes it: '#' comment lines, a header, then rows; a field may be quoted with
 * double quotes (split as {@link SweepRows#split} writes them). A row with the wrong number of fields, or a number that does not parse, is an error
 * naming the file, line and column.
 */
record Csv(Path file, List<String> header, List<String[]> rows, List<Integer> lines) {

    static Csv read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
        }
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String l = text.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = SweepRows.split(l).toArray(new String[0]);
            if (header == null) {
                header = List.of(f);
            } else if (f.length != header.size()) {
                throw new InputException(file.toString(), i + 1, 1, "", "has " + f.length + " fields, the header has " + header.size());
            } else {
                rows.add(f);
                lines.add(i + 1);
            }
        }
        if (header == null) {
            throw new InputException(file.toString(), 0, 0, "", "has no header line");
        }
        return new Csv(file, header, rows, lines);
    }

    int column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new InputException(file.toString(), 0, 0, name, "no such column (the header has " + header + ")");
        }
        return c;
    }

    boolean has(String name) {
        return header.contains(name);
    }

    /** The number in column {@code c} of row {@code r}; NaN when the field is empty. */
    double number(int r, int c) {
        String s = rows.get(r)[c];
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(file.toString(), lines.get(r), c + 1, header.get(c), "'" + s + "' is not a number");
        }
    }

    double[] numbers(String name) {
        int c = column(name);
        double[] v = new double[rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = number(r, c);
        }
        return v;
    }

    String text(int r, String name) {
        return rows.get(r)[column(name)];
    }
}
