package org.nanomind.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.governor.GovernorSpec;

/**
 * A governor's tunables as the kernel's files take them. cpufreq's governors make a directory named after them in the
 * policy's directory once they run, with cpufreq-dt's CPUFREQ_HAVE_GOVERNOR_PER_POLICY (Documentation/admin-guide/pm/
 * cpufreq.rst: ondemand and conservative's sampling_rate in microseconds, up_threshold, down_threshold, freq_step and
 * sampling_down_factor as numbers; schedutil's rate_limit_us); devfreq has one polling_interval in milliseconds for
 * any governor (Documentation/ABI/testing/sysfs-class-devfreq). simple_ondemand's upthreshold and downdifferential
 * are its driver's data (struct devfreq_simple_ondemand_data), set when the device registers: no file takes them.
 */
final class GovernorFiles {
    private GovernorFiles() {
    }

    /** The files of {@code g}'s tunables under a cpufreq policy directory {@code policyDir} (ending in '/'). */
    static List<PolicyArtifact.Setting> cpufreq(String policyDir, GovernorSpec g) {
        List<PolicyArtifact.Setting> out = new ArrayList<>();
        for (Map.Entry<String, Double> t : g.tunables().entrySet()) {
            String dir = policyDir + g.name() + "/";
            out.add(switch (t.getKey()) {
                case "sampling_rate" -> new PolicyArtifact.Setting(dir + "sampling_rate", micros(t.getValue()));
                case "rate_limit" -> new PolicyArtifact.Setting(dir + "rate_limit_us", micros(t.getValue()));
                default -> new PolicyArtifact.Setting(dir + t.getKey(), whole(t.getValue()));
            });
        }
        return out;
    }

    /** The files of {@code g}'s tunables under a devfreq device directory {@code dir}: polling_interval only. */
    static List<PolicyArtifact.Setting> devfreq(String dir, GovernorSpec g) {
        Double polling = g.tunables().get("polling_interval");
        return polling == null ? List.of() : List.of(new PolicyArtifact.Setting(dir + "polling_interval", Long.toString(Math.round(polling * 1e3))));
    }

    /** The tunables of {@code g} that no file takes on a devfreq device (the board keeps its driver's values). */
    static List<String> unwritable(GovernorSpec g, boolean devfreq) {
        return devfreq ? g.tunables().keySet().stream().filter(k -> !k.equals("polling_interval")).toList() : List.of();
    }

    /** Whether {@code path} is a tunable of the governor {@code settings} switch its cpufreq policy to (the file appears then). */
    static boolean appearsWith(String path, List<PolicyArtifact.Setting> settings) {
        for (PolicyArtifact.Setting s : settings) {
            if (s.path().endsWith("/scaling_governor")) {
                String dir = s.path().substring(0, s.path().length() - "scaling_governor".length()) + s.value() + "/";
                if (path.startsWith(dir) && path.indexOf('/', dir.length()) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String micros(double seconds) {
        return Long.toString(Math.round(seconds * 1e6));
    }

    private static String whole(double v) {
        return Long.toString(Math.round(v));
    }
}
