package org.nanomind.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.bridge.SshLink;
import org.nanomind.bridge.Telemetry;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nanomind telemetry pull}: sample a board's battery, clocks and loads into a CSV. */
@Command(name = "telemetry", mixinStandardHelpOptions = true, description = "Board telemetry.",
        subcommands = {TelemetryCommand.Pull.class})
final class TelemetryCommand {
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Sample a board's battery, clocks and loads into a CSV.",
                "voltage_now, current_now and capacity; cpufreq and devfreq clocks; devfreq and NPU (debugfs) loads, at a",
                "fixed rate; bad samples are counted and skipped."})
    static final class Pull implements Callable<Integer> {
        @Option(names = "--board", required = true, paramLabel = "ssh://user@host[:port]", description = "The board to sample.") String board;
        @Option(names = "--identity", required = true, paramLabel = "KEY", description = "The SSH private key to log in with.") Path identity;
        @Option(names = "--known-hosts", defaultValue = "${sys:user.home}/.ssh/known_hosts", paramLabel = "FILE",
                description = "The board's host key must be in this file (default: ${DEFAULT-VALUE}).") Path knownHosts;
        @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE",
                description = "The platform whose sysfs files are read (default: ${DEFAULT-VALUE}).") String platform;
        @Option(names = "--rate", defaultValue = "5", paramLabel = "HZ", description = "Samples a second (default: ${DEFAULT-VALUE}).") double hz;
        @Option(names = "--duration", defaultValue = "10", paramLabel = "S", description = "Seconds to sample (default: ${DEFAULT-VALUE}).") double seconds;
        @Option(names = "--out", required = true, paramLabel = "trace.csv", description = "Where to write the samples (CSV).") Path out;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(hz > 0 && hz <= 100) || !(seconds > 0)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be within (0, 100] Hz and --duration > 0 s, got "
                        + hz + " Hz and " + seconds + " s");
            }
            try (SshLink link = SshLink.connect(board, knownHosts, SshIdentity.load(identity))) {
                Telemetry.Pulled p = Telemetry.pull(link, PlatformFile.named(platform), hz, seconds, out);
                spec.commandLine().getOut().printf("wrote %s: %d samples, %d skipped%s%n", out, p.samples(), p.skipped(),
                        p.problems().isEmpty() ? "" : " (first: " + p.problems().getFirst() + ")");
            }
            return 0;
        }
    }
}
