package org.nanomind.cli;

import java.util.concurrent.Callable;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind validate}: checks a scenario file and the platform it names, without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a scenario file (and its platform file).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file or built-in name.")
    String file;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scenario sc = ScenarioFile.named(file);
        PlatformFile.named(sc.platform());
        int bricks = org.nanomind.scenarios.Runner.check(sc);
        spec.commandLine().getOut().printf("%s: valid (scenario %s, %d bricks with their models checked, platform %s)%n", file, sc.name(),
                bricks, sc.platform());
        return 0;
    }
}
