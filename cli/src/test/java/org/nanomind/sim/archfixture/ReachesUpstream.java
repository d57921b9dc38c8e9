package org.nanomind.sim.archfixture;

import org.nanomind.cli.Nanomind;

/** A deliberate violation, used only to prove that the module-direction rule fails on one. */
public final class ReachesUpstream {
    private ReachesUpstream() {
    }

    public static String name() {
        return Nanomind.class.getSimpleName();
    }
}
