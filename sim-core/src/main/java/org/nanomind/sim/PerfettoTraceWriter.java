package org.nanomind.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a trace as Chrome/Perfetto trace-event JSON (the format ui.perfetto.dev and chrome://tracing
 * open). Each record is written as it arrives; only the track names are kept in memory, so a trace of
 * any length needs bounded memory. Slice tracks become threads of one process; counters become
 * counter tracks. Timestamps are microseconds of simulated time.
 */
public final class PerfettoTraceWriter implements TraceSink {
    private static final int PID = 1;
    private final Writer out;
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<String, String> notes = new java.util.LinkedHashMap<>();
    private boolean first = true;
    private boolean closed;

    public PerfettoTraceWriter(Writer out, String processName) {
        this.out = out;
        write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        emit("{\"ph\":\"M\",\"pid\":" + PID + ",\"name\":\"process_name\",\"args\":{\"name\":" + quote(processName) + "}}");
    }

    /** Opens {@code file} for writing; closing the writer closes the file. */
    public static PerfettoTraceWriter open(Path file, String processName) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new PerfettoTraceWriter(w, processName);
    }

    @Override
    public void begin(String track, String name, double time) {
        emit("{\"ph\":\"B\",\"pid\":" + PID + ",\"tid\":" + tid(track) + ",\"ts\":" + micros(time)
                + ",\"name\":" + quote(name) + "}");
    }

    @Override
    public void end(String track, String name, double time) {
        emit("{\"ph\":\"E\",\"pid\":" + PID + ",\"tid\":" + tid(track) + ",\"ts\":" + micros(time) + "}");
    }

    @Override
    public void counter(String track, double value, double time) {
        emit("{\"ph\":\"C\",\"pid\":" + PID + ",\"ts\":" + micros(time) + ",\"name\":" + quote(track)
                + ",\"args\":{\"value\":" + number(value) + "}}");
    }

    /** Kept in the file's metadata ("otherData"), written when the trace closes. */
    @Override
    public void note(String key, String value) {
        notes.put(key, value);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StringBuilder other = new StringBuilder();
        notes.forEach((k, v) -> other.append(other.isEmpty() ? "" : ",").append(quote(k)).append(':').append(quote(v)));
        write("\n],\"otherData\":{" + other + "}}\n");
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the trace file", e);
        }
    }

    private int tid(String track) {
        Integer id = threads.get(track);
        if (id == null) {
            id = threads.size() + 1;
            threads.put(track, id);
            emit("{\"ph\":\"M\",\"pid\":" + PID + ",\"tid\":" + id + ",\"name\":\"thread_name\",\"args\":{\"name\":"
                    + quote(track) + "}}");
            emit("{\"ph\":\"M\",\"pid\":" + PID + ",\"tid\":" + id + ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":"
                    + id + "}}");
        }
        return id;
    }

    private void emit(String json) {
        if (closed) {
            throw new IllegalStateException("the trace is closed");
        }
        write(first ? json : ",\n" + json);
        first = false;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the trace", e);
        }
    }

    private static String micros(double seconds) {
        return number(seconds * 1e6);
    }

    /** JSON has no NaN or infinity; they become null so the file stays valid. */
    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
