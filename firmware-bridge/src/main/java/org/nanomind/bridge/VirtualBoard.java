package org.nanomind.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.power.OppTable;
import org.nanomind.soc.Platform;
import org.nanomind.soc.governor.GovernorSpec;
import org.nanomind.soc.governor.Governors;

/**
 * A directory that stands for a board's file system: the sysfs files a policy touches and telemetry reads
 * (cpufreq, devfreq, power_supply, the NPU's debugfs load), at the values a freshly booted board shows, and
 * the agent's own files (the board's name, the trusted policy key). The agent and the SSH server work on
 * it exactly as on a board's root.
 */
public final class VirtualBoard {
    private VirtualBoard() {
    }

    /** Creates the files that do not exist yet; existing ones (a board that has run) are kept. */
    public static void initialize(Path root, Platform p, PublicKey trusted) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(BoardAgent.BOARD, p.name());
        files.put(BoardAgent.TRUSTED, Keys.pem("PUBLIC KEY", trusted.getEncoded()));
        for (Map.Entry<String, String> e : p.sysfs().entrySet()) {
            String unit = e.getKey();
            String node = e.getValue();
            if (node.startsWith("power_supply/")) {
                String dir = "sys/class/" + node + "/";
                files.put(dir + "voltage_now", "3850000");   // uV: a cell at about 60 %
                files.put(dir + "current_now", "80000");     // uA
                files.put(dir + "capacity", "60");           // %
                continue;
            }
            OppTable opps = p.opps(unit);
            long max = Math.round(opps.highest().hz());
            long min = Math.round(opps.lowest().hz());
            if (node.startsWith("cpufreq/")) {
                String dir = "sys/devices/system/cpu/" + node + "/";
                files.put(dir + "scaling_min_freq", Long.toString(min / 1000));
                files.put(dir + "scaling_max_freq", Long.toString(max / 1000));
                files.put(dir + "scaling_cur_freq", Long.toString(max / 1000));
                files.put(dir + "scaling_governor", "schedutil");
                // The tunables of the governors a policy may switch to, at the kernel's defaults: a kernel makes a
                // governor's directory when it starts running; this tree, which is not a kernel, has them all.
                for (String g : List.of("ondemand", "conservative", "schedutil")) {
                    GovernorFiles.cpufreq(dir, new GovernorSpec(g, Governors.DEFAULTS.get(g))).forEach(t -> files.put(t.path(), t.value()));
                }
            } else {
                String dir = "sys/class/" + node + "/";
                files.put(dir + "min_freq", Long.toString(min));
                files.put(dir + "max_freq", Long.toString(max));
                files.put(dir + "cur_freq", Long.toString(min));
                files.put(dir + "governor", unit.equals("dram") ? "dmc_ondemand" : unit.equals("npu") ? "rknpu_ondemand" : "simple_ondemand");
                files.put(dir + "load", "0@" + min + "Hz");
                files.put(dir + "polling_interval", "50"); // ms, as Rockchip's device trees set it
            }
        }
        files.put("sys/kernel/debug/rknpu/load", "NPU load:  0%");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        }
        Files.createDirectories(root.resolve(BoardAgent.STAGING));
    }
}
