package org.nanomind.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Framing for a serial line: a message and its CRC-32C (little-endian) are COBS-encoded, so the frame has
 * no zero byte, and a zero ends it. A receiver that starts mid-frame, or sees a damaged frame, finds the
 * next zero and drops what does not check; nothing it hands on is corrupt.
 */
public final class Frames {
    public static final int MAX = 1 << 20;

    private Frames() {
    }

    public static byte[] encode(byte[] message) {
        CRC32C crc = new CRC32C();
        crc.update(message);
        byte[] body = ByteBuffer.allocate(message.length + 4).order(ByteOrder.LITTLE_ENDIAN).put(message).putInt((int) crc.getValue()).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 254 + 2);
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != 0 && end - start < 254) {
                end++;
            }
            out.write(end - start + 1);
            out.write(body, start, end - start);
            if (end - start == 254) {
                // A full block of 254 non-zero bytes (code 0xFF) replaces no zero: the next block starts at the very next
                // byte, a zero included (it was skipped when it followed a full block: AgentFuzzTest found it).
                start = end;
                continue;
            }
            start = end + 1;
        }
        out.write(0);
        return out.toByteArray();
    }

    /** The message of a frame (its bytes without the closing zero), or null when it does not decode or check. */
    public static byte[] decode(byte[] frame, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int i = 0;
        while (i < length) {
            int code = frame[i++] & 0xFF;
            if (code == 0) {
                return null;
            }
            for (int k = 1; k < code; k++) {
                if (i >= length) {
                    return null;
                }
                out.write(frame[i++]);
            }
            if (code < 0xFF && i < length) {
                out.write(0);
            }
        }
        byte[] body = out.toByteArray();
        if (body.length < 4) {
            return null;
        }
        byte[] message = Arrays.copyOf(body, body.length - 4);
        CRC32C crc = new CRC32C();
        crc.update(message);
        int want = ByteBuffer.wrap(body, body.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return (int) crc.getValue() == want ? message : null;
    }

    public static void write(OutputStream out, byte[] message) throws IOException {
        out.write(encode(message));
        out.flush();
    }

    /**
     * The next message that checks, skipping damaged frames; null at the end of the stream. A read timeout
     * of the stream (an exception) reaches the caller.
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == 0) {
                byte[] m = n == 0 ? null : decode(buf, n);
                n = 0;
                if (m != null) {
                    return m;
                }
                continue;
            }
            if (n == buf.length) {
                if (buf.length >= MAX) {
                    n = 0; // longer than any frame: wait for the next zero
                    continue;
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (byte) b;
        }
    }
}
