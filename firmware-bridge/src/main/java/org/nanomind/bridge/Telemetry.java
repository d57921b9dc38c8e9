package org.nanomind.bridge;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nanomind.soc.Platform;

/**
 * Samples a board's telemetry into a CSV: the battery (voltage_now, current_now, capacity), each unit's
 * clock (cpufreq scaling_cur_freq, devfreq cur_freq) and load (devfreq load, the NPU's debugfs load), at a
 * fixed rate on a monotonic clock. Integer kernel units in the file, named in its header. A sample with a
 * missing or unreadable value is counted and skipped; the pull goes on.
 */
public final class Telemetry {
    /** What a pull did. */
    public record Pulled(int samples, int skipped, List<String> problems) {
    }

    static final String HEADER = "seq,t_s,voltage_uv,current_ua,capacity_pct,cpu_khz,cpu_load_pct,gpu_hz,gpu_load_pct,"
            + "npu_hz,npu_load_pct,dmc_hz,dmc_load_pct";
    private static final Pattern DEVFREQ_LOAD = Pattern.compile("\\s*(\\d+)@\\d+Hz\\s*");
    private static final Pattern NPU_LOAD = Pattern.compile("NPU load:\\s*(\\d+)%.*");

    private Telemetry() {
    }

    /** The files one sample reads, in column order, for the platform's kernel nodes. */
    static List<String> files(Platform p) {
        String cpu = "/sys/devices/system/cpu/" + p.sysfs().get(p.cpuClusters().getFirst().name()) + "/";
        String bat = "/sys/class/" + p.sysfs().get("battery") + "/";
        String gpu = "/sys/class/" + p.sysfs().get("gpu") + "/";
        String npu = "/sys/class/" + p.sysfs().get("npu") + "/";
        String dmc = "/sys/class/" + p.sysfs().get("dram") + "/";
        return List.of(bat + "voltage_now", bat + "current_now", bat + "capacity", cpu + "scaling_cur_freq",
                gpu + "cur_freq", gpu + "load", npu + "cur_freq", "/sys/kernel/debug/rknpu/load", dmc + "cur_freq", dmc + "load");
    }

    public static Pulled pull(BoardLink board, Platform p, double hz, double seconds, Path out) throws IOException, InterruptedException {
        List<String> files = files(p);
        String command = AgentProtocol.PREFIX + "read " + String.join(" ", files);
        List<String> problems = new ArrayList<>();
        int seq = 0;
        int skipped = 0;
        long start = System.nanoTime();
        long n = Math.max(1, Math.round(hz * seconds));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("# board telemetry from " + p.name() + ": t_s seconds since the pull began (monotonic clock); voltage_uv uV,"
                    + " current_ua uA (the battery's, positive discharging), capacity_pct %; *_khz kHz, *_hz Hz (current clock);"
                    + " *_load_pct % busy (cpu: not sampled, empty)\n");
            w.write(HEADER + "\n");
            for (long k = 0; k < n; k++) {
                long due = start + Math.round(k * 1e9 / hz);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                double t = (System.nanoTime() - start) / 1e9;
                String row;
                try {
                    row = row(board.run(command).lines().toList(), files);
                } catch (IOException | IllegalArgumentException e) {
                    skipped++;
                    if (problems.size() < 20) {
                        problems.add(String.format("t=%.2f s: %s", t, e.getMessage()));
                    }
                    continue;
                }
                w.write(seq++ + "," + String.format("%.4f", t) + "," + row + "\n");
                w.flush(); // a pull stopped by a signal or kill -9 keeps every sample taken so far, each row whole
            }
        }
        return new Pulled(seq, skipped, problems);
    }

    /** One CSV row from the files' first lines, or an IllegalArgumentException naming the bad one. */
    static String row(List<String> lines, List<String> files) {
        if (lines.size() != files.size()) {
            throw new IllegalArgumentException("expected " + files.size() + " values, got " + lines.size());
        }
        long volts = integer(lines.get(0), files.get(0));
        long amps = integer(lines.get(1), files.get(1));
        long cap = integer(lines.get(2), files.get(2));
        long cpu = integer(lines.get(3), files.get(3));
        long gpuHz = integer(lines.get(4), files.get(4));
        long gpuLoad = load(lines.get(5), files.get(5), DEVFREQ_LOAD);
        long npuHz = integer(lines.get(6), files.get(6));
        long npuLoad = load(lines.get(7), files.get(7), NPU_LOAD);
        long dmcHz = integer(lines.get(8), files.get(8));
        long dmcLoad = load(lines.get(9), files.get(9), DEVFREQ_LOAD);
        return String.join(",", List.of(Long.toString(volts), Long.toString(amps), Long.toString(cap), Long.toString(cpu), "",
                Long.toString(gpuHz), Long.toString(gpuLoad), Long.toString(npuHz), Long.toString(npuLoad), Long.toString(dmcHz),
                Long.toString(dmcLoad)));
    }

    private static long integer(String v, String file) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " reads '" + v + "', not an integer");
        }
    }

    private static long load(String v, String file, Pattern p) {
        Matcher m = p.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " reads '" + v + "', not a load");
        }
        return Long.parseLong(m.group(1));
    }

    static Map<String, Integer> columns() {
        Map<String, Integer> c = new java.util.LinkedHashMap<>();
        String[] h = HEADER.split(",");
        for (int i = 0; i < h.length; i++) {
            c.put(h[i], i);
        }
        return c;
    }
}
