package org.nanomind.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.nanomind.soc.InputException;

/**
 * A board over SSH (Apache MINA SSHD): the host key must be in the given known_hosts file (there is no
 * option to trust an unknown host); files go up by SFTP, written aside and renamed into place, so a
 * dropped connection never leaves a half-written artifact where the agent looks; the agent runs as one
 * exec command.
 */
public final class SshLink implements BoardLink, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final SshClient client;
    private final ClientSession session;

    private SshLink(SshClient client, ClientSession session) {
        this.client = client;
        this.session = session;
    }

    /** Connects to {@code ssh://user@host[:port]}, checking the host against {@code knownHosts}, logging in with {@code identity}. */
    public static SshLink connect(String board, Path knownHosts, KeyPair identity) throws IOException {
        URI u = URI.create(board);
        if (!"ssh".equals(u.getScheme()) || u.getHost() == null || u.getUserInfo() == null) {
            throw new InputException(board, 0, 0, "--board", "an SSH board is ssh://user@host[:port]");
        }
        if (!Files.exists(knownHosts)) {
            throw new InputException(knownHosts.toString(), 0, 0, "--known-hosts", "no such known_hosts file: the board's host"
                    + " key must be pinned there (`nanomind board serve` prints its line)");
        }
        SshClient client = SshClient.setUpDefaultClient();
        // Both refusals say which they are: a host not pinned at all, or one whose pinned key has changed.
        java.util.concurrent.atomic.AtomicReference<String> hostKey = new java.util.concurrent.atomic.AtomicReference<>();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts) {
            @Override
            protected boolean acceptUnknownHostKey(org.apache.sshd.client.session.ClientSession s, java.net.SocketAddress a,
                                                   java.security.PublicKey k) {
                hostKey.set("the board's host key is not in " + knownHosts + " (an unknown host): pin it with the line `nanomind board"
                        + " serve` prints, after checking it is that board's");
                return false;
            }

            @Override
            public boolean acceptModifiedServerKey(org.apache.sshd.client.session.ClientSession s, java.net.SocketAddress a,
                                                   org.apache.sshd.client.config.hosts.KnownHostEntry e, java.security.PublicKey expected,
                                                   java.security.PublicKey actual) {
                hostKey.set("the board's host key has CHANGED from the one pinned in " + knownHosts + ": another machine answers at"
                        + " that address, or the board was reinstalled; replace the line only if you know which");
                return false;
            }
        });
        client.start();
        try {
            ClientSession s = client.connect(u.getUserInfo(), u.getHost(), u.getPort() < 0 ? 22 : u.getPort())
                    .verify(TIMEOUT).getSession();
            s.addPublicKeyIdentity(identity);
            s.auth().verify(TIMEOUT);
            return new SshLink(client, s);
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw new IOException("cannot log in to " + board + ": " + (hostKey.get() != null ? hostKey.get() : e.getMessage()), e);
        }
    }

    /** Writes {@code bytes} to {@code path} on the board: to path.part first, then renamed over path. */
    @Override
    public void upload(byte[] bytes, String path) throws IOException {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            String part = path + ".part";
            try (OutputStream o = sftp.write(part)) {
                o.write(bytes);
            }
            sftp.rename(part, path, SftpClient.CopyMode.Overwrite);
        }
    }

    /** Runs an agent command; its output, or an IOException with the agent's message when it refused or failed. */
    @Override
    public String run(String command) throws IOException {
        try (ChannelExec ch = session.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(TIMEOUT);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), TIMEOUT);
            Integer status = ch.getExitStatus();
            if (status == null || status != 0) {
                String said = err.toString(StandardCharsets.UTF_8).strip();
                throw new IOException(status == null ? "the board closed the command without an exit status within " + TIMEOUT.toSeconds()
                        + " s" + (said.isEmpty() ? "" : ": " + said)
                        : said.isEmpty() ? "the board's agent failed (exit status " + status + ") and said nothing"
                        : "the board refused: " + said);
            }
            return out.toString(StandardCharsets.UTF_8).strip();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } finally {
            client.stop();
        }
    }
}
