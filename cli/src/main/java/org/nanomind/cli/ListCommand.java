package org.nanomind.cli;

import java.util.concurrent.Callable;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.ModelConfig;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanomind list}: what is built in. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios, platforms and models.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        o.println("scenarios: " + String.join(", ", ScenarioFile.BUILTIN));
        o.println("platforms: " + String.join(", ", PlatformFile.BUILTIN));
        o.println("models:    " + String.join(", ", ModelConfig.BUILTIN));
        o.println("graphs:    " + String.join(", ", org.nanomind.soc.graph.Families.NAMES) + ", "
                + String.join(", ", org.nanomind.soc.graph.TransformerFamilies.NAMES)
                + " (or a brick's model: FILE.param | FILE.onnx)");
        o.println("runtimes:  " + String.join(", ", PlatformFile.named("nanomind-rk3566").runtimes().keySet()) + " (nanomind-rk3566)");
        return 0;
    }
}
