package org.nanomind.cli;

import java.util.concurrent.Callable;
import org.nanomind.scenarios.Scenario;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nanomind validate}: checks a scenario file and the platform it names, without running it; or a sweep
 * file, and the scenario it sweeps.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a scenario or sweep file (and its platform file).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file, a sweep file or a built-in name.")
    String file;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (java.nio.file.Files.isRegularFile(path) && java.nio.file.Files.readString(path).lines().anyMatch(l -> l.startsWith("sweep:"))) {
            org.nanomind.scenarios.Sweep sw = org.nanomind.scenarios.SweepFile.read(path);
            Scenario base = ScenarioFile.parse(sw.baseText(), sw.baseName(), sw.baseDir());
            PlatformFile.named(base.platform());
            int bricks = org.nanomind.scenarios.Runner.check(base);
            spec.commandLine().getOut().printf("%s: valid sweep %s (%d axes, %d objectives, %s sampling; base scenario %s, %d bricks checked)%n",
                    file, sw.name(), sw.axes().size(), sw.objectives().size(), sw.sampling(), base.name(), bricks);
            return 0;
        }
        Scenario sc = ScenarioFile.named(file);
        PlatformFile.named(sc.platform());
        int bricks = org.nanomind.scenarios.Runner.check(sc);
        spec.commandLine().getOut().printf("%s: valid (scenario %s, %d bricks with their models checked, platform %s)%n", file, sc.name(),
                bricks, sc.platform());
        return 0;
    }
}
