package org.nanomind.soc.governor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A governor as a file names it: its name and tunables (sysfs names; times in seconds, thresholds in percent).
 * A value, checked when made; each run makes its own {@link Governor}, since a governor holds one unit's state.
 */
public record GovernorSpec(String name, Map<String, Double> tunables) {
    public GovernorSpec {
        tunables = Collections.unmodifiableMap(new LinkedHashMap<>(tunables));
        Governors.of(name, tunables); // refuses an unknown name, tunable or value here, where the file is known
    }

    /** A new governor for one unit. */
    public Governor create() {
        return Governors.of(name, tunables);
    }

    @Override
    public String toString() {
        return tunables.isEmpty() ? name : name + " " + tunables;
    }
}
