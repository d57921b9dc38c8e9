package org.nanomind.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trace sink that folds every record, bit for bit, into a SHA-256 digest: two runs with equal digests
 * produced the same timeline. Used to check determinism and to pin golden runs.
 */
public final class TraceDigest implements TraceSink {
    private final MessageDigest sha;
    private final byte[] buf = new byte[8];
    private long records;

    public TraceDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public void begin(String track, String name, double time) {
        record('B', track, name, time, 0);
    }

    @Override
    public void end(String track, String name, double time) {
        record('E', track, name, time, 0);
    }

    @Override
    public void counter(String track, double value, double time) {
        record('C', track, "", time, value);
    }

    /** Number of records folded in. */
    public long records() {
        return records;
    }

    /** The digest so far, as hex; the sink keeps accepting records. */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(char kind, String track, String name, double time, double value) {
        records++;
        sha.update((byte) kind);
        sha.update(track.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        putLong(Double.doubleToLongBits(time));
        putLong(Double.doubleToLongBits(value));
    }

    private void putLong(long v) {
        for (int i = 0; i < 8; i++) {
            buf[i] = (byte) (v >>> (56 - 8 * i));
        }
        sha.update(buf);
    }
}
