package org.nanomind.cli;

import java.util.concurrent.Callable;
import org.nanomind.soc.CascadeExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nanomind example}: small programs that show the twin at work, before scenario files exist. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run a built-in example of the twin.",
        subcommands = {ExampleCommand.CascadeCmd.class})
final class ExampleCommand {

    @Command(name = "cascade", mixinStandardHelpOptions = true,
            description = {"One wake-word event through Whisper-base (CPU) -> SigLIP (NPU) -> Qwen2-0.5B Q4_0 (GPU)",
                    "-> Piper (CPU) on the NanoMind board: latency per module, energy by component, peak memory,",
                    "then the battery hours at a fixed event rate (the battery run to empty)."})
    static final class CascadeCmd implements Callable<Integer> {
        @Option(names = "--events-per-hour", defaultValue = "6",
                description = "Wake-word events per hour for the battery run (default: ${DEFAULT-VALUE}).")
        double eventsPerHour;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!(eventsPerHour > 0) || eventsPerHour > 3600) {
                throw new ParameterException(spec.commandLine(), "--events-per-hour must be within (0, 3600], got " + eventsPerHour);
            }
            CascadeExample.print(spec.commandLine().getOut(), eventsPerHour);
            return 0;
        }
    }
}
