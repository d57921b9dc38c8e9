package org.nanomind.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's commands, whatever carries them (an SSH exec channel, a serial frame): apply PATH,
 * reconcile, status, and read PATH... (telemetry: each file's first line, or "?" when it is missing).
 */
final class AgentProtocol {
    static final String PREFIX = "nanomind-agent ";

    private AgentProtocol() {
    }

    static String run(BoardAgent agent, String command) {
        if (!command.startsWith(PREFIX)) {
            throw new IllegalArgumentException("this board runs only the agent: '" + PREFIX + "apply|reconcile|status|read ...'");
        }
        List<String> args = List.of(command.substring(PREFIX.length()).strip().split("\\s+"));
        return switch (args.getFirst()) {
            case "apply" -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException("apply takes one path, of the staged artifact: apply /" + BoardAgent.STAGING + "/NAME");
                }
                BoardAgent.Outcome o = agent.apply(args.get(1));
                if (o.status().equals("rolled-back")) {
                    throw new IllegalStateException(o.toString());
                }
                yield o.toString();
            }
            case "reconcile" -> agent.reconcile().toString();
            case "status" -> agent.status();
            case "read" -> {
                if (args.size() < 2) {
                    throw new IllegalArgumentException("read takes one or more paths under /sys");
                }
                StringBuilder b = new StringBuilder();
                for (String p : args.subList(1, args.size())) {
                    b.append(agent.readLine(p)).append('\n');
                }
                yield b.toString().strip();
            }
            default -> throw new IllegalArgumentException("unknown agent command '" + args.getFirst()
                    + "' (apply PATH, reconcile, status, read PATH...)");
        };
    }

    static String firstLine(Path p) {
        try {
            List<String> l = Files.readAllLines(p, StandardCharsets.UTF_8);
            return l.isEmpty() ? "?" : l.getFirst().strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
