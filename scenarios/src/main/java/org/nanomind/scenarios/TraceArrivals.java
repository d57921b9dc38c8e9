package org.nanomind.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nanomind.soc.InputException;

/** Event times from a trace file: one timestamp in seconds per line, non-decreasing; '#' starts a comment. */
final class TraceArrivals {
    private TraceArrivals() {
    }

    static List<Double> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, 0, "workload.trace", "cannot read the trace file: " + e.getMessage());
        }
        List<Double> times = new ArrayList<>();
        double last = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            double t;
            try {
                t = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw new InputException(file.toString(), i + 1, 1, "timestamp", "'" + line + "' is not a number of seconds");
            }
            if (!(t >= last) || Double.isInfinite(t)) {
                throw new InputException(file.toString(), i + 1, 1, "timestamp", "timestamps must be finite, >= 0 and non-decreasing; "
                        + t + " follows " + last);
            }
            times.add(t);
            last = t;
        }
        return times;
    }
}
