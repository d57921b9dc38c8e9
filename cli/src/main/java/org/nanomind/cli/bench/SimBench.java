package org.nanomind.cli.bench;

import java.io.PrintWriter;

/** Runs {@link SimBenchmarks} through JMH, one benchmark at a time, and prints the table. */
public final class SimBench {
    private final Jmh jmh;

    public SimBench(int forks, int warmups, int iterations) {
        this.jmh = new Jmh(forks, warmups, iterations, 2);
    }

    public void run(PrintWriter out) {
        out.println("sim-core benchmark: " + jmh.describe());
        Jmh.Score a = jmh.measure(out, SimBenchmarks.class, "holdSimulation",
                "(a) hold model, 1,000 pending, 5e6 events, Simulation", "2g");
        Jmh.Score b = jmh.measure(out, SimBenchmarks.class, "holdPriorityQueue",
                "(b) the same hold model, bare PriorityQueue loop", "2g");
        Jmh.Score c = jmh.measure(out, SimBenchmarks.class, "fluidSharing",
                "(c) fluid: 100 activities on one resource, 1e6 starts+finishes", "2g");
        out.println();
        out.printf("%-48s %16s %14s%n", "measure", "result", "target");
        out.printf("%-48s %16s %14s%n", "(a) events/s through Simulation", a.format(1), "");
        out.printf("%-48s %16s %14s%n", "(b) events/s through PriorityQueue", b.format(1), "");
        out.printf("%-48s %16.2f %14s%n", "a/b", a.mean() / b.mean(), ">= 0.5 (0.8)");
        out.printf("%-48s %16s %14s%n", "(c) starts+finishes/s, fluid max-min", c.format(1), ">= 1e5 (1e6)");
        out.flush();
    }
}
