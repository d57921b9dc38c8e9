package org.nanomind.scenarios;

/** An output folder another run or sweep is writing ({@link OutputLock}): the user's to resolve, not a bug. */
public final class OutputInUse extends IllegalStateException {
    OutputInUse(String message) {
        super(message);
    }
}
