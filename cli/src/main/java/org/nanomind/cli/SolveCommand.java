package org.nanomind.cli;

import java.util.concurrent.Callable;
import org.nanomind.scenarios.ScenarioFile;
import org.nanomind.scenarios.Solve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nanomind solve}: the value of an open assumption that reproduces a figure. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Find the value of an open assumption that reproduces a figure.",
                "E.g. the wake-word rate that gives the paper's 20.8 battery hours:",
                "  nanomind solve cascade --for battery_hours=20.8 --vary workload.rate_per_hour"})
final class SolveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenario;
    @Option(names = "--for", required = true, paramLabel = "FIGURE=VALUE",
            description = "battery_hours=H or average_power_w=W.")
    String target;
    @Option(names = "--vary", required = true, paramLabel = "FIELD", description = "workload.rate_per_hour.")
    String vary;
    @Option(names = "--between", defaultValue = "0.05,600", paramLabel = "LO,HI",
            description = "Bracket of the varied value (default: ${DEFAULT-VALUE}).")
    String between;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String[] t = target.split("=");
        String[] b = between.split(",");
        double value;
        double lo;
        double hi;
        try {
            value = Double.parseDouble(t[1]);
            lo = Double.parseDouble(b[0]);
            hi = Double.parseDouble(b[1]);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--for takes FIGURE=VALUE and --between LO,HI, got '" + target
                    + "' and '" + between + "'");
        }
        if (t.length != 2 || !(lo > 0 && hi > lo)) {
            throw new ParameterException(spec.commandLine(), "--for takes FIGURE=VALUE; --between needs 0 < LO < HI");
        }
        var o = spec.commandLine().getOut();
        o.printf("solving %s = %s by varying %s within [%s, %s] (Brent's method; a run of the twin per step) ...%n", t[0], t[1], vary,
                b[0], b[1]);
        o.flush();
        Solve.Answer a = Solve.solve(ScenarioFile.named(scenario), t[0], value, vary, lo, hi, o);
        o.printf("%s = %.4g needs %s = %.4f (%d runs of the twin)%n", a.objective(), a.target(), a.variable(), a.value(), a.evaluations());
        o.printf("at that value: battery %.3f h, average power %.4f W, %d queries%n",
                a.run().batteryHours() == null ? Double.NaN : a.run().batteryHours(), a.run().averagePowerWatts(), a.run().queries());
        return 0;
    }
}
