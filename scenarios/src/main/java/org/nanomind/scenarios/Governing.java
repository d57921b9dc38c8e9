package org.nanomind.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanomind.soc.InputException;
import org.nanomind.soc.Platform;
import org.nanomind.soc.Soc;
import org.nanomind.soc.governor.GovernorDriver;
import org.nanomind.soc.governor.GovernorSpec;

/**
 * The Linux governors a scenario asks for, started on its Soc: {@code limits: {governors: bsp}} runs each unit's
 * governor from the platform's dvfs section; {@code limits: {governors: {a55: ondemand, gpu: ...}}} runs the ones
 * named. Each OPP switch costs the unit's transition latency from the platform. A unit without a governor keeps
 * the schedule's own OPP requests (the userspace governor).
 */
public final class Governing {
    private Governing() {
    }

    /** The governors by unit the scenario runs (empty: the schedule sets every OPP). */
    public static Map<String, GovernorSpec> of(Scenario sc, Platform p) {
        Map<String, GovernorSpec> g = new LinkedHashMap<>();
        if (sc.limits().bspGovernors()) {
            p.dvfs().forEach((unit, d) -> g.put(unit, d.governor()));
        }
        g.putAll(sc.limits().governors());
        return g;
    }

    static List<GovernorDriver> attach(Scenario sc, Soc soc) {
        List<GovernorDriver> drivers = new ArrayList<>();
        for (Map.Entry<String, GovernorSpec> e : of(sc, soc.platform()).entrySet()) {
            String field = "limits.governors." + e.getKey();
            Platform.Dvfs dvfs = soc.platform().dvfs().get(e.getKey());
            if (dvfs == null) {
                throw new InputException(sc.source(), 0, 0, field, "platform " + soc.platform().name() + " gives no transition_latency"
                        + " for '" + e.getKey() + "' (its dvfs section names " + soc.platform().dvfs().keySet() + ")");
            }
            try {
                drivers.add(GovernorDriver.attach(soc, e.getKey(), e.getValue().create(), dvfs.transitionSeconds()));
            } catch (IllegalArgumentException ex) {
                throw new InputException(sc.source(), 0, 0, field, ex.getMessage());
            }
        }
        return drivers;
    }
}
