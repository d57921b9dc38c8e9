package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: quoted fields may hold commas, doubled quotes and line breaks. One tokenizer for
 * the files the project reads (measurements, sweep results, run series), each record with the line it starts on.
 */
public final class CsvText {
    private CsvText() {
    }

    /** A record and the line (from 1) where it starts. */
    public record Record(int line, List<String> fields) {
    }

    /** The records of {@code text}, blank lines skipped; {@code openQuoteLine} is -1, or the line of a quote never closed. */
    public record Parsed(List<Record> records, int openQuoteLine) {
    }

    public static Parsed parse(String text) {
        List<Record> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                if (!(fields.size() == 1 && fields.getFirst().isEmpty())) {
                    rows.add(new Record(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Record(rowLine, List.copyOf(fields)));
        }
        return new Parsed(rows, quoted ? rowLine : -1);
    }

    /** The fields of one line (an empty line is one empty field; a quote left open ends with the line). */
    public static List<String> split(String line) {
        List<Record> r = parse(line).records();
        return r.isEmpty() ? new ArrayList<>(List.of("")) : new ArrayList<>(r.getFirst().fields());
    }
}
