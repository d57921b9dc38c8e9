package org.nanomind.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The agent's commands over a serial line, stop-and-wait: each request is a frame (see {@link Frames})
 * of [sequence byte][command], sent again until the reply with the same sequence arrives; the board
 * answers a repeated request from its cache without running it twice. A file goes up as "put PATH
 * BASE64", written aside and renamed on the board. The streams must time out their reads (a serial
 * port's read timeout: jSerialComm's SerialPortTimeoutException is one), which makes a lost frame a retry.
 */
public final class SerialLink implements BoardLink {
    private final InputStream in;
    private final OutputStream out;
    private final int retries;
    private byte seq;

    public SerialLink(InputStream in, OutputStream out, int retries) {
        this.in = in;
        this.out = out;
        this.retries = retries;
    }

    /** Runs a command on the board; its reply, or an IOException with the board's message or after the retries. */
    @Override
    public synchronized String run(String command) throws IOException {
        seq++;
        byte[] body = command.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[body.length + 1];
        request[0] = seq;
        System.arraycopy(body, 0, request, 1, body.length);
        IOException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            Frames.write(out, request);
            try {
                while (true) {
                    byte[] reply = Frames.read(in);
                    if (reply == null) {
                        throw new IOException("the serial line closed");
                    }
                    if (reply.length >= 2 && reply[0] == seq) {
                        String text = new String(reply, 2, reply.length - 2, StandardCharsets.UTF_8);
                        if (reply[1] != 0) {
                            throw new IOException("the board refused: " + text);
                        }
                        return text;
                    }
                    // a reply to an earlier request, sent again: not ours
                }
            } catch (java.io.InterruptedIOException e) {
                last = new IOException("no reply after " + (attempt + 1) + " attempt(s)", e);
            }
        }
        throw last;
    }

    /** Sends {@code bytes} to {@code path} on the board. */
    @Override
    public void upload(byte[] bytes, String path) throws IOException {
        run("put " + path + " " + Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * The board's side: reads requests until the stream ends and answers each, running the agent (or a
     * "put") once per sequence number.
     */
    public static void serve(InputStream in, OutputStream out, BoardAgent agent) throws IOException {
        byte lastSeq = 0;
        byte[] lastReply = null;
        while (true) {
            byte[] req;
            try {
                req = Frames.read(in);
            } catch (java.io.InterruptedIOException e) {
                continue;
            }
            if (req == null) {
                return;
            }
            if (req.length < 1) {
                continue;
            }
            if (lastReply != null && req[0] == lastSeq) {
                Frames.write(out, lastReply);
                continue;
            }
            String command = new String(req, 1, req.length - 1, StandardCharsets.UTF_8);
            byte status = 0;
            String text;
            try {
                text = command.startsWith("put ") ? agent.put(command) : AgentProtocol.run(agent, command);
            } catch (RuntimeException e) {
                status = 1;
                text = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            byte[] reply = Arrays.copyOf(new byte[] {req[0], status}, 2 + t.length);
            System.arraycopy(t, 0, reply, 2, t.length);
            lastSeq = req[0];
            lastReply = reply;
            Frames.write(out, reply);
        }
    }
}
