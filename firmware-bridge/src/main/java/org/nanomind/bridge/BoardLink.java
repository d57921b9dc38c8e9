package org.nanomind.bridge;

import java.io.IOException;

/** A way to reach a board's agent: SSH/SFTP ({@link SshLink}) or a serial line ({@link SerialLink}). */
public interface BoardLink {
    /** Puts {@code bytes} at {@code path} on the board, whole or not at all. */
    void upload(byte[] bytes, String path) throws IOException;

    /** Runs an agent command; its reply, or an IOException with the board's refusal. */
    String run(String command) throws IOException;
}
