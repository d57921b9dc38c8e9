package org.nanomind.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output folder: a run or a sweep holds an operating-system lock on DIR/.nanomind.lock while
 * it writes, with its pid and command in the file, and a second writer into the same folder (another
 * process, or another thread of this one) is refused with them instead of mixing its files in. The system
 * releases the lock when the holder exits, however it exits, so a killed run leaves no stale lock.
 */
public final class OutputLock implements AutoCloseable {
    static final String FILE = ".nanomind.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (made if missing) for {@code what}; refused with the holder when another writer has it. */
    static OutputLock of(Path dir, String what) {
        Path file = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new OutputInUse(dir + " is being written by another run (" + (holder.isEmpty() ? "unknown" : holder)
                        + "): wait for it to finish, or write to another folder (--out)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + what + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new OutputLock(ch, l);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // the lock could not be taken; the first failure is the one to report
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of an output folder", e);
        }
    }
}
