package org.nanomind.soc.governor;

import org.nanomind.power.Opp;
import org.nanomind.power.OppTable;

/**
 * devfreq's simple_ondemand (drivers/devfreq/governor_simpleondemand.c, devfreq_simple_ondemand_func): above
 * {@code upThreshold} percent busy it asks for the highest frequency; above {@code upThreshold -
 * downDifferential} it keeps the current one; below, it asks for {@code current x busy x 100 / (upThreshold -
 * downDifferential / 2)}, the frequency at which the same work would keep the device just inside the band, and
 * devfreq takes the lowest OPP at or above it. The GPU's, and the Rockchip NPU's and DMC's own ondemand
 * governors follow it.
 *
 * @param upThreshold      percent (kernel default 90)
 * @param downDifferential percent (kernel default 5)
 * @param pollingSeconds   the device profile's polling_ms
 */
public record SimpleOndemand(double upThreshold, double downDifferential, double pollingSeconds) implements Governor {
    public SimpleOndemand {
        if (!(downDifferential >= 0 && downDifferential < upThreshold)) {
            throw new IllegalArgumentException("downdifferential must be within [0, upthreshold), got " + downDifferential);
        }
    }

    @Override
    public String name() {
        return "simple_ondemand";
    }

    @Override
    public double periodSeconds(Opp current, OppTable table) {
        return pollingSeconds;
    }

    @Override
    public Opp next(double busy, Opp current, OppTable table) {
        double load = 100 * busy;
        if (load > upThreshold) {
            return table.highest();
        }
        if (load > upThreshold - downDifferential) {
            return current;
        }
        return table.atLeast(current.hz() * load / (upThreshold - downDifferential / 2));
    }
}
