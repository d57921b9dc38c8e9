package org.nanomind.scenarios;

import java.nio.file.Path;

/** A second process for OutputsTest: holds the lock of the folder given, says so, and waits to be killed. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        OutputLock lock = OutputLock.of(Path.of(args[0]), "lock holder of OutputsTest");
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        lock.close();
    }
}
