package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys over real SSH to the virtual board on loopback: host keys pinned, key login, SFTP staging, the agent. */
class SshDeployTest {
    static KeyPair identity() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A board with the client's key authorized, and a known_hosts file that pins its host key. */
    record Setup(BoardServer server, Path knownHosts, KeyPair id) {
        String url(int port) {
            return "ssh://nanomind@127.0.0.1:" + port;
        }
    }

    static Setup setup(Path dir) throws Exception {
        Path root = BoardAgentTest.board(dir.resolve("board"));
        KeyPair id = identity();
        Files.createDirectories(root.resolve("etc/ssh"));
        Files.writeString(root.resolve("etc/ssh/authorized_keys"), PublicKeyEntry.toString(id.getPublic()) + "\n");
        BoardServer server = BoardServer.start(root, 0, BoardAgent.Faults.NONE);
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, server.knownHostsLine() + "\n");
        return new Setup(server, known, id);
    }

    @Test
    void aSignedPolicyDeploysOverSshAndTheSameOneAgainIsANoOp(@TempDir Path dir) throws Exception {
        Setup s = setup(dir);
        try (BoardServer server = s.server(); SshLink link = SshLink.connect(s.url(server.port()), s.knownHosts(), s.id())) {
            SignedPolicy v1 = BoardAgentTest.signed(BoardAgentTest.gpuCap("600 MHz"), 1);
            assertTrue(Deploy.run(link, v1).startsWith("applied (version 1)"));
            assertTrue(Deploy.run(link, v1).startsWith("already"));
            assertEquals("600000000", Files.readString(server.root().resolve("sys/class/devfreq/fde60000.gpu/max_freq")));
            assertTrue(link.run("nanomind-agent status").startsWith("committed version 1"));
            assertEquals("3850000\n60", link.run("nanomind-agent read /sys/class/power_supply/battery/voltage_now"
                    + " /sys/class/power_supply/battery/capacity"));
            IOException refused = assertThrows(IOException.class, () -> link.run("cat /etc/shadow"));
            assertTrue(refused.getMessage().contains("runs only the agent"), refused.getMessage());
            SignedPolicy older = BoardAgentTest.signed(BoardAgentTest.gpuCap("400 MHz"), 1);
            IOException o = assertThrows(IOException.class, () -> Deploy.run(link, older));
            assertTrue(o.getMessage().contains("older version"), o.getMessage());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedAndThereIsNoWayToTrustAll(@TempDir Path dir) throws Exception {
        Setup s = setup(dir);
        try (BoardServer server = s.server()) {
            Path other = dir.resolve("other_known_hosts");
            Files.writeString(other, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(identity().getPublic()) + "\n");
            IOException changed = assertThrows(IOException.class, () -> SshLink.connect(s.url(server.port()), other, s.id()).close(),
                    "a host key that differs from the pinned one");
            assertTrue(changed.getMessage().contains("host key has CHANGED"), changed.getMessage());
            Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
            IOException unknown = assertThrows(IOException.class, () -> SshLink.connect(s.url(server.port()), empty, s.id()).close(),
                    "an unknown host");
            assertTrue(unknown.getMessage().contains("an unknown host"), unknown.getMessage());
            assertThrows(IOException.class, () -> SshLink.connect(s.url(server.port()), s.knownHosts(), identity()).close(),
                    "a key the board does not know");
        }
    }

    @Test
    void aConnectionDroppedMidUploadLeavesTheOldPolicyAndARetryCompletes(@TempDir Path dir) throws Exception {
        Setup s = setup(dir);
        try (BoardServer server = s.server()) {
            SignedPolicy v1 = BoardAgentTest.signed(BoardAgentTest.gpuCap("600 MHz"), 1);
            SignedPolicy v2 = BoardAgentTest.signed(BoardAgentTest.gpuCap("400 MHz"), 2);
            try (SshLink link = SshLink.connect(s.url(server.port()), s.knownHosts(), s.id())) {
                Deploy.run(link, v1);
            }
            var before = BoardAgentTest.touched(server.root(), v2);
            // Cut the connection after the login, partway into the SFTP upload of v2.
            try (Proxy proxy = new Proxy(server.port())) {
                Files.writeString(s.knownHosts(), server.knownHostsLine().replace(":" + server.port() + " ", ":" + proxy.port() + " ") + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                SshLink link = SshLink.connect(s.url(proxy.port()), s.knownHosts(), s.id());
                proxy.limit.set(proxy.sent.get() + 1200);
                assertThrows(IOException.class, () -> Deploy.run(link, v2));
                try {
                    link.close();
                } catch (IOException e) {
                    // already gone
                }
            }
            assertEquals(before, BoardAgentTest.touched(server.root(), v2), "nothing of v2 reached the settings");
            try (SshLink link = SshLink.connect(s.url(server.port()), s.knownHosts(), s.id())) {
                assertTrue(Deploy.run(link, v2).startsWith("applied (version 2)"));
            }
            assertEquals("400000000", Files.readString(server.root().resolve("sys/class/devfreq/fde60000.gpu/max_freq")));
        }
    }

    /** A TCP relay to the board that closes both sides once {@code limit} bytes have gone from client to board. */
    static final class Proxy implements AutoCloseable {
        private final ServerSocket listen;
        final java.util.concurrent.atomic.AtomicLong limit = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

        Proxy(int target) throws IOException {
            listen = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket client = listen.accept(); Socket board = new Socket(InetAddress.getLoopbackAddress(), target)) {
                    Thread back = Thread.ofVirtual().start(() -> pump(board, client, null, null));
                    pump(client, board, limit, sent);
                    client.close();
                    board.close();
                    back.join();
                } catch (IOException | InterruptedException e) {
                    // the relay ends with its connection
                }
            });
        }

        int port() {
            return listen.getLocalPort();
        }

        /** Copies until the stream ends or, when counted, the byte limit is reached. */
        private static void pump(Socket from, Socket to, java.util.concurrent.atomic.AtomicLong limit,
                                 java.util.concurrent.atomic.AtomicLong sent) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buf = new byte[256];
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (limit != null) {
                        long room = limit.get() - sent.get();
                        if (room <= 0) {
                            return;
                        }
                        n = (int) Math.min(n, room);
                        sent.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listen.close();
        }
    }
}
