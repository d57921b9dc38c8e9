package org.nanomind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command explains itself: each command, option and argument of the whole tree has a description, and
 * {@code --help} works on every command, required arguments or not (it printed "Missing required parameter"
 * for {@code policy build}).
 */
class HelpTextTest {

    private static List<CommandSpec> all(CommandLine c) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(c.getCommandSpec());
        c.getSubcommands().values().stream().distinct().forEach(s -> out.addAll(all(s)));
        return out;
    }

    private static String path(CommandSpec s) {
        return s.qualifiedName(" ");
    }

    @Test
    void everyCommandOptionAndArgumentHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec s : all(new CommandLine(new Nanomind()))) {
            if (String.join("", s.usageMessage().description()).isBlank()) {
                missing.add(path(s) + ": the command itself");
            }
            List<ArgSpec> args = new ArrayList<>(s.options());
            args.addAll(s.positionalParameters());
            for (ArgSpec a : args) {
                if (String.join("", a.description()).isBlank()) {
                    String name = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
                    missing.add(path(s) + ": " + name);
                }
            }
        }
        assertEquals(List.of(), missing, "commands, options and arguments without a description");
    }

    /** A default is a promise that the argument may be left out: the usage line must show it in brackets. */
    @Test
    void anArgumentWithADefaultIsOptionalInTheUsageLine() {
        List<String> wrong = new ArrayList<>();
        for (CommandSpec s : all(new CommandLine(new Nanomind()))) {
            for (var p : s.positionalParameters()) {
                if (p.defaultValue() != null && p.arity().min() > 0) {
                    wrong.add(path(s) + ": " + p.paramLabel());
                }
            }
        }
        assertEquals(List.of(), wrong, "arguments with a default that the usage line shows as required");
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (CommandSpec s : all(new CommandLine(new Nanomind()))) {
            List<String> args = new ArrayList<>(List.of(s.qualifiedName(" ").split(" ")).subList(1, s.qualifiedName(" ").split(" ").length));
            args.add("--help");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Nanomind.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, path(s) + " --help: " + err);
            assertTrue(out.toString().contains("Usage: " + path(s)), path(s) + " --help printed: " + out);
        }
    }
}
