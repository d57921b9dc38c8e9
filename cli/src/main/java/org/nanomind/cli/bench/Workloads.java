package org.nanomind.cli.bench;

import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleSupplier;
import org.nanomind.sim.Activity;
import org.nanomind.sim.Demand;
import org.nanomind.sim.FluidModel;
import org.nanomind.sim.RandomStreams;
import org.nanomind.sim.Resource;
import org.nanomind.sim.Simulation;

/**
 * The benchmarked workloads, kept apart from JMH so tests can run them too. Both hold models draw their
 * delays from the same kind of stream, so their ratio measures the event machinery alone.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Hold model through {@link Simulation}: {@code pending} events, each scheduling the next. */
    public static double holdSimulation(long seed, int pending, long events) {
        Simulation sim = new Simulation();
        DoubleSupplier delay = new RandomStreams(seed).stream("hold").exponential(1.0);
        Runnable[] hold = new Runnable[1];
        hold[0] = () -> sim.schedule(delay.getAsDouble(), hold[0]);
        for (int i = 0; i < pending; i++) {
            sim.schedule(delay.getAsDouble(), hold[0]);
        }
        sim.runUntil(() -> sim.eventsExecuted() >= events);
        return sim.now();
    }

    /** The same hold model through a bare PriorityQueue loop, a new event object per event. */
    public static double holdPriorityQueue(long seed, int pending, long events) {
        record Ev(double time, long seq) implements Comparable<Ev> {
            @Override
            public int compareTo(Ev o) {
                int c = Double.compare(time, o.time);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }
        DoubleSupplier delay = new RandomStreams(seed).stream("hold").exponential(1.0);
        PriorityQueue<Ev> queue = new PriorityQueue<>();
        long seq = 0;
        for (int i = 0; i < pending; i++) {
            queue.add(new Ev(delay.getAsDouble(), seq++));
        }
        double now = 0;
        for (long n = 0; n < events; n++) {
            Ev e = queue.poll();
            now = e.time();
            queue.add(new Ev(now + delay.getAsDouble(), seq++));
        }
        return now;
    }

    /** What the fluid workload did: starts plus finishes, the simulated seconds, the bytes the link delivered and were asked. */
    public record FluidRun(long startsAndFinishes, double seconds, double delivered, double requested) {
    }

    /**
     * Fluid model: {@code concurrent} activities share one resource; each completion starts a new one,
     * until {@code startsAndFinishes} starts plus finishes have happened.
     */
    public static FluidRun fluid(long seed, int concurrent, long startsAndFinishes) {
        Simulation sim = new Simulation();
        FluidModel fluid = new FluidModel(sim);
        Resource link = fluid.resource("link", 1e9);
        var size = new RandomStreams(seed).stream("sizes");
        long[] count = new long[1];
        double[] requested = new double[1];
        java.util.function.Consumer<Activity>[] restart = new java.util.function.Consumer[1];
        java.util.function.DoubleSupplier bytes = () -> {
            double b = 1e6 * (0.5 + size.uniform());
            requested[0] += b;
            return b;
        };
        restart[0] = done -> {
            count[0]++;
            if (count[0] < startsAndFinishes) {
                fluid.start("flow", List.of(new Demand(link, bytes.getAsDouble())), restart[0]);
                count[0]++;
            }
        };
        for (int i = 0; i < concurrent; i++) {
            fluid.start("flow", List.of(new Demand(link, bytes.getAsDouble())), restart[0]);
            count[0]++;
        }
        sim.runUntil(() -> count[0] >= startsAndFinishes);
        return new FluidRun(count[0], sim.now(), link.delivered(), requested[0]);
    }
}
