package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.Platform;
import org.nanomind.soc.PlatformFile;
import org.nanomind.soc.governor.GovernorSpec;
import org.nanomind.soc.governor.Governors;

/**
 * A scenario as variants under DVFS governors, for `nanomind compare --governors`: {@code schedule} keeps the
 * scenario's own clock settings, {@code bsp} runs the platform's dvfs section, and any governor name runs that
 * governor (with the kernel's defaults) on each of {@code units}. The scenario's clock caps stay in every variant.
 */
public final class GovernorComparison {
    private GovernorComparison() {
    }

    public static Scenario of(Scenario sc, List<String> names, List<String> units) {
        Platform p = PlatformFile.named(sc.platform());
        List<String> on = units.isEmpty() ? List.copyOf(p.dvfs().keySet()) : units;
        List<Scenario.Variant> vs = new ArrayList<>();
        for (String n : names) {
            Map<String, GovernorSpec> g = new LinkedHashMap<>();
            boolean bsp = n.equals("bsp");
            if (!bsp && !n.equals("schedule")) {
                if (!Governors.TUNABLES.containsKey(n)) {
                    throw new IllegalArgumentException("unknown governor '" + n + "'; allowed: schedule, bsp, "
                            + String.join(", ", Governors.TUNABLES.keySet()));
                }
                on.forEach(u -> g.put(u, new GovernorSpec(n, Map.of())));
            }
            vs.add(new Scenario.Variant(n, null, null, null, new Scenario.Limits(sc.limits().maxHz(), sc.limits().dramModules(), g, bsp)));
        }
        return sc.withVariants(vs);
    }
}
