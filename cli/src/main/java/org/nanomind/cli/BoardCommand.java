package org.nanomind.cli;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.nanomind.bridge.BoardAgent;
import org.nanomind.bridge.BoardServer;
import org.nanomind.bridge.Keys;
import org.nanomind.bridge.TwinFeed;
import org.nanomind.bridge.VirtualBoard;
import org.nanomind.soc.PlatformFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nanomind board serve|keygen}: a virtual board to deploy to, and an SSH login key for a board. */
@Command(name = "board", mixinStandardHelpOptions = true, description = "A virtual board over SSH, and SSH keys to log in to a board.",
        subcommands = {BoardCommand.Serve.class, BoardCommand.Keygen.class})
final class BoardCommand {
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve a directory as a board, over SSH on 127.0.0.1 or a serial line.",
                "Its sysfs and power_supply files and the policy agent (stage, verify, apply, read back, commit; roll back on failure). Runs until stopped."})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--root", required = true, paramLabel = "DIR", description = "The board's file system: its sysfs tree, staged policies, logs.") Path root;
        @Option(names = "--port", defaultValue = "2222", description = "The SSH port to listen on (default: ${DEFAULT-VALUE}).") int port;
        @Option(names = "--platform", defaultValue = "nanomind-rk3566", paramLabel = "NAME|FILE",
                description = "The platform whose sysfs the board exposes (default: ${DEFAULT-VALUE}).") String platform;
        @Option(names = "--trust", paramLabel = "NAME.pub", description = "The policy key the board trusts (needed the first time).")
        Path trust;
        @Option(names = "--authorize", paramLabel = "KEY.pub", description = "An SSH public key (OpenSSH line) allowed to log in.")
        Path authorize;
        @Option(names = "--twin", paramLabel = "SCENARIO", description = "Play the board's battery from this scenario's run.")
        String twin;
        @Option(names = "--serial", paramLabel = "PORT", description = "Serve the agent on this serial port instead of SSH.")
        String serial;
        @Option(names = "--speed", defaultValue = "60", description = "With --twin: simulated seconds per second (default ${DEFAULT-VALUE}).")
        double speed;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path trusted = root.resolve("etc/nanomind/trusted.pub");
            if (trust == null && !Files.exists(trusted)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "a new board needs --trust NAME.pub, the key its policies must be signed with");
            }
            VirtualBoard.initialize(root, PlatformFile.named(platform), Keys.readPublic(trust != null ? trust : trusted));
            if (trust != null) {
                Files.copy(trust, trusted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (authorize != null) {
                Files.createDirectories(root.resolve("etc/ssh"));
                Files.writeString(root.resolve("etc/ssh/authorized_keys"), Files.readString(authorize).strip() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            TwinFeed feed = twin == null ? null : TwinFeed.start(root, PlatformFile.named(platform),
                    org.nanomind.scenarios.ScenarioFile.named(twin), speed);
            if (serial != null) {
                com.fazecast.jSerialComm.SerialPort sp = com.fazecast.jSerialComm.SerialPort.getCommPort(serial);
                sp.setBaudRate(115200);
                sp.setComPortTimeouts(com.fazecast.jSerialComm.SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 1000, 0);
                if (!sp.openPort()) {
                    throw new IllegalArgumentException("cannot open the serial port " + serial);
                }
                BoardAgent agent = new BoardAgent(root, BoardAgent.Faults.NONE);
                agent.reconcile();
                spec.commandLine().getOut().printf("board %s serving %s on %s%n", platform, root, serial);
                spec.commandLine().getOut().flush();
                try {
                    org.nanomind.bridge.SerialLink.serve(sp.getInputStream(), sp.getOutputStream(), agent);
                } finally {
                    sp.closePort();
                    if (feed != null) {
                        feed.close();
                    }
                }
                return 0;
            }
            try (BoardServer server = BoardServer.start(root, port, BoardAgent.Faults.NONE)) {
                var o = spec.commandLine().getOut();
                o.printf("board %s serving %s on ssh://127.0.0.1:%d%n", platform, root, server.port());
                o.printf("known_hosts line (pin it on the client):%n%s%n", server.knownHostsLine());
                o.flush();
                new CountDownLatch(1).await();
            } finally {
                if (feed != null) {
                    feed.close();
                }
            }
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "An SSH login key (ECDSA P-256, OpenSSH format): NAME and NAME.pub (the line for authorized_keys).")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write NAME and NAME.pub into.") Path dir;
        @Option(names = "--name", defaultValue = "id_ecdsa", description = "The keys' file name (default: ${DEFAULT-VALUE}).") String name;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair k = g.generateKeyPair();
            Files.createDirectories(dir);
            java.io.ByteArrayOutputStream secret = new java.io.ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(k, "nanomind", null, secret);
            org.nanomind.bridge.Keys.writeOwnerOnly(dir.resolve(name), secret.toByteArray()); // mode 0600, as ssh requires
            try (OutputStream o = new FileOutputStream(dir.resolve(name + ".pub").toFile())) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(k, "nanomind", o);
            }
            spec.commandLine().getOut().printf("wrote %s and %s%n", dir.resolve(name), dir.resolve(name + ".pub"));
            return 0;
        }
    }
}
