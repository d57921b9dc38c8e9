package org.nanomind.cli;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nanomind.bridge.Deploy;
import org.nanomind.bridge.SerialLink;
import org.nanomind.bridge.SignedPolicy;
import org.nanomind.bridge.SshLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nanomind deploy --board ssh://...|serial:PORT SIGNED}: stage a signed policy on the board and apply it. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Send a signed policy to a board and have its agent apply it atomically.",
                "Over SSH/SFTP or a serial line; the agent verifies, journals, writes, reads back and commits, and rolls",
                "back on failure. The same artifact again is a no-op."})
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SIGNED", description = "The signed policy artifact to apply.") Path policy;
    @Option(names = "--board", required = true, paramLabel = "ssh://user@host[:port]|serial:/dev/ttyACM0",
            description = "The board's agent: over SSH, or on a serial port.") String board;
    @Option(names = "--identity", paramLabel = "KEY", description = "The SSH private key to log in with (SSH boards).")
    Path identity;
    @Option(names = "--known-hosts", defaultValue = "${sys:user.home}/.ssh/known_hosts", paramLabel = "FILE",
            description = "Where the board's host key is pinned (default: ${DEFAULT-VALUE}); an unknown host is refused.")
    Path knownHosts;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean serial = board.startsWith("serial:");
        if (!serial && identity == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an SSH board needs --identity KEY");
        }
        SignedPolicy p = SignedPolicy.read(Files.readAllBytes(policy), policy.toString());
        if (serial) {
            SerialPort port = SerialPort.getCommPort(board.substring("serial:".length()));
            port.setBaudRate(115200);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
            if (!port.openPort()) {
                throw new IllegalArgumentException("cannot open the serial port " + board.substring("serial:".length()));
            }
            try {
                spec.commandLine().getOut().println(Deploy.run(new SerialLink(port.getInputStream(), port.getOutputStream(), 5), p));
            } finally {
                port.closePort();
            }
            return 0;
        }
        try (SshLink link = SshLink.connect(board, knownHosts, SshIdentity.load(identity))) {
            spec.commandLine().getOut().println(Deploy.run(link, p));
        }
        return 0;
    }
}
