package org.nanomind.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The board side of a deploy, in the order trusted update systems use: a staged artifact is verified
 * (signature, version above the committed one, this board), the old value of everything it will touch is
 * journaled, the settings are written (devfreq's min/max in the order that never crosses), every value is
 * read back, and only then is the artifact committed. A failed check rolls back from the journal; a crash
 * at any point leaves the journal, and {@link #reconcile} at the next start restores the old policy (or
 * finishes a trial that had committed) and re-applies the committed policy, since sysfs does not survive
 * a reboot. Every file is replaced whole (written aside, then renamed over), so each holds the old value or
 * the new one.
 */
public final class BoardAgent {
    /** Where a test kills the agent: called at each step of a deploy with the step's name. */
    public interface Faults {
        Faults NONE = step -> { };

        void at(String step);
    }

    /** What a deploy or reconcile did: applied, already (the same artifact again), refused, rolled back. */
    public record Outcome(String status, long version, String message) {
        @Override
        public String toString() {
            return status + " (version " + version + "): " + message;
        }
    }

    static final String BOARD = "etc/nanomind/board";
    static final String TRUSTED = "etc/nanomind/trusted.pub";
    static final String RUNTIME = "etc/nanomind/policy.json";
    static final String COMMITTED = "var/lib/nanomind/committed.json";
    static final String JOURNAL = "var/lib/nanomind/journal.json";
    public static final String STAGING = "var/lib/nanomind/staging";

    private final Path root;
    private final Faults faults;

    public BoardAgent(Path root, Faults faults) {
        this.root = root;
        this.faults = faults;
    }

    /** Applies the signed artifact at {@code staged} (a path on the board); a refused one is removed from staging. */
    public synchronized Outcome apply(String staged) {
        try {
            return applyStaged(staged);
        } catch (PolicyRejected | org.nanomind.soc.InputException | IllegalArgumentException e) {
            deleteQuietly(staged); // refused: it will never be applied, so it does not stay
            throw e;
        }
    }

    private Outcome applyStaged(String staged) {
        faults.at("staged");
        byte[] bytes = read(file(staged));
        if (bytes == null) {
            throw new IllegalArgumentException("no staged artifact at " + staged);
        }
        PublicKey trusted = trustedKey();
        SignedPolicy signed = SignedPolicy.read(bytes, staged);
        byte[] committed = read(COMMITTED);
        SignedPolicy current = committed == null ? null : SignedPolicy.read(committed, COMMITTED);
        long floor = current == null ? 0 : PolicyArtifact.parse(current.payload(), COMMITTED).version();
        if (current != null && Arrays.equals(current.payload(), signed.payload())) {
            signed.verify(trusted, floor, staged);
            deleteQuietly(staged);
            return new Outcome("already", floor, "this artifact is the committed policy; nothing to do");
        }
        PolicyArtifact a = signed.verify(trusted, floor + 1, staged);
        String board = text(BOARD);
        board = board == null ? "" : board;
        if (!a.board().equals(board)) {
            throw new PolicyRejected(PolicyRejected.Reason.INCOMPATIBLE, "the artifact is for " + a.board() + ", this board is " + board);
        }
        List<PolicyArtifact.Setting> settings = ordered(a.kernelSettings());
        for (PolicyArtifact.Setting s : settings) {
            boolean present = Files.isRegularFile(file(s.path())) || GovernorFiles.appearsWith(s.path(), settings);
            if (!s.path().startsWith("/sys/") || s.path().contains("..") || !present) {
                throw new PolicyRejected(PolicyRejected.Reason.INCOMPATIBLE, "no kernel setting " + s.path() + " on this board");
            }
        }
        faults.at("verified");
        Map<String, String> old = new LinkedHashMap<>();
        for (PolicyArtifact.Setting s : settings) {
            old.put(s.path(), text(s.path()));
        }
        old.put("/" + RUNTIME, text("/" + RUNTIME));
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("version", a.version());
        journal.put("old", old);
        write(JOURNAL, PolicyArtifact.json().writeValueAsBytes(journal));
        faults.at("journaled");
        try {
            for (PolicyArtifact.Setting s : settings) {
                write(s.path(), s.value().getBytes(StandardCharsets.US_ASCII));
                faults.at("wrote " + s.path());
            }
            write("/" + RUNTIME, a.bytes());
            faults.at("wrote " + "/" + RUNTIME);
            for (PolicyArtifact.Setting s : settings) {
                String back = text(s.path());
                if (!s.value().equals(back)) {
                    rollBack();
                    return new Outcome("rolled-back", floor, "health check: " + s.path() + " reads '" + back + "', not '" + s.value() + "'");
                }
            }
            faults.at("checked");
        } catch (UncheckedIOException e) {
            rollBack();
            return new Outcome("rolled-back", floor, "a write failed: " + e.getMessage());
        }
        write(COMMITTED, bytes); // the commit point
        faults.at("committed");
        deleteQuietly("/" + JOURNAL);
        deleteQuietly(staged);
        return new Outcome("applied", a.version(), settings.size() + " kernel settings and the runtime policy of " + a.scenario());
    }

    /**
     * At start: finishes or undoes an interrupted trial, then writes the committed policy's settings again
     * (sysfs starts from the kernel's defaults after a reboot).
     */
    public synchronized Outcome reconcile() {
        String note = clearStaging();
        byte[] j = read(JOURNAL);
        if (j != null) {
            long trial = PolicyArtifact.json().readTree(j).get("version").asLong();
            if (trial == committedVersion()) {
                note = "a trial of version " + trial + " had committed; ";
            } else {
                rollBack();
                note = "an interrupted trial of version " + trial + " was rolled back; ";
            }
            deleteQuietly("/" + JOURNAL);
        }
        byte[] c = read(COMMITTED);
        if (c == null) {
            return new Outcome("reconciled", 0, note + "no committed policy");
        }
        PublicKey trusted = trustedKey();
        PolicyArtifact a = SignedPolicy.read(c, COMMITTED).verify(trusted, 0, COMMITTED);
        for (PolicyArtifact.Setting s : ordered(a.kernelSettings())) {
            write(s.path(), s.value().getBytes(StandardCharsets.US_ASCII));
        }
        write("/" + RUNTIME, a.bytes());
        return new Outcome("reconciled", a.version(), note + "re-applied the committed policy");
    }

    /** The committed policy's version and scenario, one line. */
    public synchronized String status() {
        byte[] c = read(COMMITTED);
        if (c == null) {
            return "no committed policy";
        }
        PolicyArtifact a = PolicyArtifact.parse(SignedPolicy.read(c, COMMITTED).payload(), COMMITTED);
        return "committed version " + a.version() + " (" + a.scenario() + ") for " + a.board()
                + (read(JOURNAL) != null ? "; a trial is pending" : "");
    }

    /** "put PATH BASE64" from a serial line: a file into the staging directory, written aside and renamed. */
    public synchronized String put(String command) {
        String[] f = command.split(" ", 3);
        // One file directly in staging, by a plain name: no sub-folders, no way out.
        if (f.length != 3 || !f[1].matches("/" + java.util.regex.Pattern.quote(STAGING) + "/[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("put takes a file name in /" + STAGING + " (letters, digits, '.', '_', '-') and base64 bytes");
        }
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(f[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("put's bytes are not base64 (" + f[1] + "): nothing was stored");
        }
        write(f[1], bytes);
        return "stored " + bytes.length + " bytes at " + f[1];
    }

    /** The first line of a file under /sys (telemetry), or "?" when it is missing or unreadable. */
    public String readLine(String boardPath) {
        if (!boardPath.startsWith("/sys/")) {
            throw new IllegalArgumentException("telemetry reads files under /sys only, not " + boardPath);
        }
        return AgentProtocol.firstLine(file(boardPath));
    }

    /** The policy key this board trusts, from its file. */
    private PublicKey trustedKey() {
        byte[] pem = read(TRUSTED);
        if (pem == null) {
            throw new IllegalStateException("the board has no trusted policy key at /" + TRUSTED);
        }
        return Keys.readPublic(new String(pem, StandardCharsets.US_ASCII), TRUSTED);
    }

    long committedVersion() {
        byte[] c = read(COMMITTED);
        return c == null ? 0 : PolicyArtifact.parse(SignedPolicy.read(c, COMMITTED).payload(), COMMITTED).version();
    }

    private void rollBack() {
        byte[] j = read(JOURNAL);
        if (j == null) {
            return;
        }
        JsonNode old = PolicyArtifact.json().readTree(j).get("old");
        List<String> paths = new ArrayList<>(old.propertyNames());
        // In reverse: the devfreq pairs are undone in the order that never crosses, as they were done.
        for (int i = paths.size() - 1; i >= 0; i--) {
            JsonNode v = old.get(paths.get(i));
            if (v.isNull()) {
                deleteQuietly(paths.get(i));
            } else {
                write(paths.get(i), v.asString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The settings in an order that never crosses a unit's min above its max: where the max falls, the min
     * is written first; where it rises, the max first (older devfreq refuses min_freq > max_freq).
     */
    List<PolicyArtifact.Setting> ordered(List<PolicyArtifact.Setting> settings) {
        List<PolicyArtifact.Setting> out = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            PolicyArtifact.Setting s = settings.get(i);
            if (i + 1 < settings.size() && s.path().endsWith("min_freq")
                    && settings.get(i + 1).path().equals(s.path().replace("min_freq", "max_freq"))) {
                PolicyArtifact.Setting max = settings.get(i + 1);
                String now = text(max.path());
                boolean falling = now != null && Long.parseLong(max.value()) < Long.parseLong(now.strip());
                out.addAll(falling ? List.of(s, max) : List.of(max, s));
                i++;
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private Path file(String boardPath) {
        String rel = boardPath.startsWith("/") ? boardPath.substring(1) : boardPath;
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new PolicyRejected(PolicyRejected.Reason.MALFORMED, boardPath + " is outside the board's file system");
        }
        return p;
    }

    private byte[] read(String boardPath) {
        return read(file(boardPath));
    }

    private static byte[] read(Path p) {
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private String text(String boardPath) {
        byte[] b = read(boardPath);
        return b == null ? null : new String(b, StandardCharsets.UTF_8).strip();
    }

    /** Replaces the file whole: written aside, then renamed over it. */
    private void write(String boardPath, byte[] bytes) {
        Path p = file(boardPath);
        if (boardPath.startsWith("/sys/")) {
            // A kernel attribute is written in place: sysfs has no temporary files to rename, and no file appears
            // because it is written (a governor's tunables exist once the governor runs).
            try {
                Files.write(p, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + boardPath + " (" + e.getClass().getSimpleName() + ")", e);
            }
            return;
        }
        Path tmp = p.resolveSibling("." + p.getFileName() + ".new");
        try {
            Files.createDirectories(p.getParent());
            Files.write(tmp, bytes);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + boardPath, e);
        }
    }

    /** Removes what staging holds (rejected artifacts, .part files of interrupted uploads): nothing there outlives its deploy. */
    private String clearStaging() {
        Path dir = file("/" + STAGING);
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(f);
                n++;
            }
        } catch (IOException e) {
            return "";
        }
        return n == 0 ? "" : "cleared " + n + " file(s) from staging; ";
    }

    private void deleteQuietly(String boardPath) {
        try {
            Files.deleteIfExists(file(boardPath));
        } catch (IOException e) {
            // a file that stays is harmless: the next deploy replaces it
        }
    }
}
