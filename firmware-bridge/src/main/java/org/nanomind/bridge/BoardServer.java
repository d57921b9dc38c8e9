package org.nanomind.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The virtual board's SSH server (Apache MINA SSHD), on loopback only: SFTP over the board's directory
 * for staging artifacts, and the agent as the one command a client may run ("nanomind-agent apply PATH",
 * "nanomind-agent reconcile", "nanomind-agent status", "nanomind-agent read PATH..."). Clients log in with a
 * key listed in DIR/etc/ssh/authorized_keys; the host key is kept in DIR/etc/ssh/ssh_host_key, so it stays
 * the same across restarts and clients can pin it in known_hosts.
 */
public final class BoardServer implements AutoCloseable {
    private final SshServer sshd;
    private final Path root;

    private BoardServer(SshServer sshd, Path root) {
        this.sshd = sshd;
        this.root = root;
    }

    /** Starts serving {@code root} on 127.0.0.1:{@code port} (0: any free port); the agent reconciles first. */
    public static BoardServer start(Path root, int port, BoardAgent.Faults faults) throws IOException {
        BoardAgent agent = new BoardAgent(root, faults);
        agent.reconcile();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        Files.createDirectories(root.resolve("etc/ssh"));
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(root.resolve("etc/ssh/ssh_host_key"));
        hostKey.setAlgorithm("EC");
        sshd.setKeyPairProvider(hostKey);
        Path authorized = root.resolve("etc/ssh/authorized_keys");
        if (!Files.exists(authorized)) {
            Files.createFile(authorized);
        }
        sshd.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorized));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setCommandFactory((channel, command) -> new AgentCommand(agent, command));
        sshd.start();
        return new BoardServer(sshd, root);
    }

    public int port() {
        return sshd.getPort();
    }

    /** The known_hosts line a client pins this board with. */
    public String knownHostsLine() throws IOException {
        try {
            var key = sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the host key", e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** One run of the agent over an exec channel: its output, and exit status 0 (done) or 1 (refused or failed). */
    private static final class AgentCommand implements Command {
        private final BoardAgent agent;
        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        AgentCommand(BoardAgent agent, String command) {
            this.agent = agent;
            this.command = command;
        }

        @Override public void setInputStream(InputStream in) { }
        @Override public void setOutputStream(OutputStream o) { out = o; }
        @Override public void setErrorStream(OutputStream e) { err = e; }
        @Override public void setExitCallback(ExitCallback c) { exit = c; }
        @Override public void destroy(ChannelSession channel) { }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofVirtual().start(() -> {
                int status = 0;
                String reply;
                try {
                    reply = AgentProtocol.run(agent, command);
                } catch (RuntimeException e) {
                    status = 1;
                    reply = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                try {
                    (status == 0 ? out : err).write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    err.flush();
                } catch (IOException e) {
                    status = 1;
                }
                exit.onExit(status);
            });
        }
    }
}
