package org.nanomind.bridge;

/** A policy the verifier or the board refuses, and which check refused it. */
public final class PolicyRejected extends RuntimeException {
    /** Why: no signature, bytes changed after signing, signed by another key, not newer, or for another board. */
    public enum Reason { UNSIGNED, TAMPERED, WRONG_KEY, OLDER_VERSION, INCOMPATIBLE, MALFORMED }

    private final Reason reason;

    public PolicyRejected(Reason reason, String message) {
        super(reason.name().toLowerCase().replace('_', ' ') + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
