package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialTest {

    @Test
    void framesRoundTripHaveNoZeroAndADamagedOneIsDropped() throws IOException {
        Random r = new Random(1);
        for (int n : new int[] {0, 1, 253, 254, 255, 508, 1000, 5000}) {
            for (int zeros : new int[] {0, 1, 3}) {
                byte[] m = new byte[n];
                r.nextBytes(m);
                if (zeros == 0) {
                    for (int i = 0; i < n; i++) {
                        m[i] = m[i] == 0 ? 1 : m[i];
                    }
                }
                byte[] f = Frames.encode(m);
                for (int i = 0; i < f.length - 1; i++) {
                    assertTrue(f[i] != 0, "no zero inside a frame");
                }
                assertEquals(0, f[f.length - 1]);
                assertArrayEquals(m, Frames.decode(f, f.length - 1), "length " + n);
                if (f.length > 2) {
                    byte[] bad = f.clone();
                    bad[f.length / 2] ^= 0x10;
                    if (bad[f.length / 2] != 0) {
                        assertNull(Frames.decode(bad, bad.length - 1), "a flipped bit is caught (length " + n + ")");
                    }
                }
            }
        }
        byte[] msg = "nanomind-agent status".getBytes(StandardCharsets.UTF_8);
        byte[] f = Frames.encode(msg);
        byte[] stream = new byte[5 + f.length];
        stream[0] = 7;
        stream[1] = 9;
        stream[2] = 0; // the tail of a frame we joined halfway
        stream[3] = 1;
        stream[4] = 0;
        System.arraycopy(f, 0, stream, 5, f.length);
        assertArrayEquals(msg, Frames.read(new ByteArrayInputStream(stream)), "junk before a frame is skipped");
        assertEquals(0xE3069283L, crc("123456789"), "CRC-32C check value");
    }

    private static long crc(String s) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(s.getBytes(StandardCharsets.US_ASCII));
        return c.getValue();
    }

    /** Corrupts one byte of the first {@code frames} frames it writes. */
    static final class Corrupting extends FilterOutputStream {
        private int frames;
        private int written;

        Corrupting(OutputStream out, int frames) {
            super(out);
            this.frames = frames;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] c = java.util.Arrays.copyOfRange(b, off, off + len);
            if (frames > 0 && len > 8) {
                c[len / 2] = (byte) (c[len / 2] == 0x55 ? 0x56 : 0x55);
                frames--;
            }
            written += len;
            out.write(c);
        }
    }

    @Test
    void aPolicyDeploysOverASocatSerialLineThroughCorruptedFrames(@TempDir Path dir) throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        if (System.getenv("CI") != null) {
            assertTrue(socat, "CI installs socat (.ci/run); it is missing");
        }
        if (!socat) {
            System.err.println("SKIPPED " + getClass().getSimpleName() + ": no socat on this machine; install it with `sudo apt-get install socat`"
                    + " (bash .ci/run installs every tool the tests need)");
        }
        assumeTrue(socat, "no socat on this machine: sudo apt-get install socat");
        Path a = dir.resolve("ttyA");
        Path b = dir.resolve("ttyB");
        Process pair = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 100 && !(Files.exists(a) && Files.exists(b)); i++) {
                Thread.sleep(50);
            }
            Path root = BoardAgentTest.board(dir.resolve("board"));
            SerialPort boardPort = open(b);
            SerialPort hostPort = open(a);
            Thread board = Thread.ofPlatform().daemon().start(() -> {
                try {
                    SerialLink.serve(boardPort.getInputStream(), boardPort.getOutputStream(), new BoardAgent(root, BoardAgent.Faults.NONE));
                } catch (IOException e) {
                    // the line closed
                }
            });
            SerialLink link = new SerialLink(hostPort.getInputStream(), new Corrupting(hostPort.getOutputStream(), 2), 5);
            SignedPolicy v1 = BoardAgentTest.signed(BoardAgentTest.gpuCap("600 MHz"), 1);
            String applied = Deploy.run(link, v1);
            assertTrue(applied.startsWith("applied (version 1)"), applied);
            assertEquals("600000000", Files.readString(root.resolve("sys/class/devfreq/fde60000.gpu/max_freq")));
            assertTrue(Deploy.run(link, v1).startsWith("already"));
            assertNotNull(link.run("nanomind-agent status"));
            hostPort.closePort();
            boardPort.closePort();
            board.join(2000);
        } finally {
            pair.destroy();
            pair.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static SerialPort open(Path tty) {
        SerialPort p = SerialPort.getCommPort(tty.toString());
        p.setBaudRate(115200);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 300, 0);
        assertTrue(p.openPort(), "opened " + tty);
        return p;
    }
}
