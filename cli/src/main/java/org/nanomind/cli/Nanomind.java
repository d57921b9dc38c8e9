package org.nanomind.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nanomind} command: the entry point users run through the {@code ./nanomind} launcher. */
@Command(name = "nanomind",
        mixinStandardHelpOptions = true,
        versionProvider = Nanomind.Version.class,
        description = "NanoMind Twin: a discrete-event twin of the NanoMind RK3566 device.",
        subcommands = {RunCommand.class, CompareCommand.class, ListCommand.class, ValidateCommand.class, SolveCommand.class, BlessCommand.class,
                ExampleCommand.class, GenerateCommand.class, PaperCommand.class, ReportCommand.class, SweepCommand.class, PolicyCommand.class, BoardCommand.class, DeployCommand.class, TelemetryCommand.class, CalibrateCommand.class, FidelityCommand.class, ReplayCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Nanomind {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Nanomind());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new Failures());
        return cmd.execute(args);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Nanomind.class.getResourceAsStream("/nanomind-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"nanomind " + p.getProperty("version", "(unknown version)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
