package org.nanomind.sim;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import nl.tudelft.simulation.jstats.distributions.DistExponential;
import nl.tudelft.simulation.jstats.distributions.DistPoisson;
import nl.tudelft.simulation.jstats.streams.MersenneTwister;
import nl.tudelft.simulation.jstats.streams.StreamInterface;

/** One named stream of {@link RandomStreams}, with the distributions the models draw from. */
public final class RandomStream {
    private final String name;
    private final StreamInterface generator;

    RandomStream(String name, long seed) {
        this.name = name;
        this.generator = new MersenneTwister(seed);
    }

    public String name() {
        return name;
    }

    /** A uniform draw in [0, 1). */
    public double uniform() {
        return generator.nextDouble();
    }

    /** Exponentially distributed draws with the given mean (seconds between Poisson arrivals, say). */
    public DoubleSupplier exponential(double mean) {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("exponential mean must be finite and > 0, got " + mean);
        }
        DistExponential d = new DistExponential(generator, mean);
        return d::draw;
    }

    /** Poisson-distributed counts with the given mean. */
    public LongSupplier poisson(double mean) {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("poisson mean must be finite and > 0, got " + mean);
        }
        DistPoisson d = new DistPoisson(generator, mean);
        return d::draw;
    }
}
