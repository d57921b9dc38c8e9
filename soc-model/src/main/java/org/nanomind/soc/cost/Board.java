package org.nanomind.soc.cost;

import java.util.List;
import java.util.Map;

/**
 * A board built on the platform's chip or a sibling of it, as the clocks its software ran at: the CPU
 * clock its benchmark header reports, the GPU's devfreq cap, the DMC's top rate. Measurements name their
 * board; a prediction for a row runs on that board's clocks. {@code names} are every spelling the
 * measurements use for it; {@code source} is where each clock comes from.
 *
 * @param clocksHz unit name ("a55", "gpu", "npu") or "dram" -> Hz
 */
public record Board(List<String> names, String chip, Map<String, Double> clocksHz, String source) {
    public Board {
        names = List.copyOf(names);
        clocksHz = Map.copyOf(clocksHz);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a board needs a name");
        }
    }

    public String name() {
        return names.getFirst();
    }
}
