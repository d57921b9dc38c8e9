package org.nanomind.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.soc.InputException;

/**
 * What arrives at the board agent from a serial line or an SSH session, damaged and hostile (seeded, fixed
 * budget): framing recovers every intact frame after any garbage, and every command is answered or refused with
 * one of the agent's own errors and a sentence, never another exception type; nothing is written outside the
 * staging folder.
 */
class AgentFuzzTest {
    static final int FRAMES = 3000;
    static final int COMMANDS = 3000;

    @Test
    void framingDropsDamageAndRecoversEveryIntactFrame() throws Exception {
        Random r = new Random(20261202);
        int recovered = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] message = new byte[r.nextInt(300)];
            r.nextBytes(message);
            byte[] good = Frames.encode(message);
            byte[] damaged = good.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                damaged[r.nextInt(damaged.length)] ^= (byte) (1 + r.nextInt(255));
            }
            byte[] garbage = new byte[r.nextInt(64)];
            r.nextBytes(garbage);
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.write(garbage);
            s.write(damaged);
            s.write(0);
            s.write(good);
            ByteArrayInputStream in = new ByteArrayInputStream(s.toByteArray());
            byte[] first;
            byte[] last = null;
            // Whatever the damage decodes to (nothing, or by chance a frame that checks), the intact frame comes out last.
            while ((first = Frames.read(in)) != null) {
                last = first;
            }
            assertArrayEquals(message, last, "frame " + i);
            recovered++;
            assertEquals(null, Frames.decode(damaged, Math.max(0, damaged.length - 1)) == null ? null
                    : checked(message, Frames.decode(damaged, damaged.length - 1)), "frame " + i);
        }
        assertEquals(FRAMES, recovered);
    }

    /** A damaged frame that still checks must be a message the CRC vouches for: CRC32C misses 1 in 2^32. */
    private static Object checked(byte[] message, byte[] decoded) {
        return java.util.Arrays.equals(message, decoded) ? null : "a damaged frame decoded to another message";
    }

    @Test
    void everyCommandIsAnsweredOrRefusedWithTheAgentsOwnError(@TempDir Path dir) throws Exception {
        Path root = BoardAgentTest.board(dir);
        BoardAgent agent = new BoardAgent(root, BoardAgent.Faults.NONE);
        Random r = new Random(1202);
        List<String> words = List.of("apply", "reconcile", "status", "read", "put", "", "..", "/sys/../var/lib/nanomind/keys",
                "/" + BoardAgent.STAGING + "/x.json", "/" + BoardAgent.STAGING + "/../../etc/passwd", "/sys/class/devfreq/dmc/cur_freq",
                "%%%", "AAAA", "=", "\u0000", "/etc/shadow", "/sys/", "9999999999999999999");
        int refused = 0;
        for (int i = 0; i < COMMANDS; i++) {
            StringBuilder c = new StringBuilder(r.nextInt(8) == 0 ? "" : r.nextBoolean() ? AgentProtocol.PREFIX : "put ");
            for (int k = 0; k < r.nextInt(4); k++) {
                c.append(words.get(r.nextInt(words.size()))).append(r.nextInt(3) == 0 ? "" : " ");
            }
            if (r.nextInt(6) == 0) {
                byte[] junk = new byte[r.nextInt(40)];
                r.nextBytes(junk);
                c.append(new String(junk, StandardCharsets.ISO_8859_1));
            }
            String command = c.toString();
            try {
                String reply = command.startsWith("put ") ? agent.put(command) : AgentProtocol.run(agent, command);
                assertTrue(reply != null, command);
            } catch (IllegalArgumentException | IllegalStateException | PolicyRejected | InputException e) {
                refused++;
                String m = e.getMessage();
                assertTrue(m != null && m.length() > 10 && !m.matches(".*(Index \\d+ out of bounds|Illegal base64|For input string).*"),
                        "'" + command + "' -> " + e);
            }
        }
        assertTrue(refused > COMMANDS / 3, "most random commands are refused: " + refused);
        // Nothing escaped the staging folder: every file under the board root but staging is as the board made it.
        List<Path> outside = new ArrayList<>();
        try (var files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> !f.startsWith(root.resolve(BoardAgent.STAGING)))
                    .filter(f -> f.toString().contains("passwd") || f.toString().contains("shadow")).forEach(outside::add);
        }
        assertEquals(List.of(), outside);
        assertFalse(Files.exists(dir.getParent().resolve("etc").resolve("passwd")), "nothing above the board's root");
    }
}
