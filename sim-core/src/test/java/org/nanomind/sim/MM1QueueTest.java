package org.nanomind.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** An M/M/1 queue simulated for 10^6 customers against queueing theory. */
class MM1QueueTest {
    private static final double LAMBDA = 0.5;
    private static final double MU = 1.0;
    private static final int CUSTOMERS = 1_000_000;

    @Test
    void meanWaitingTimeMatchesTheoryWithinTwoPercent() {
        Simulation sim = new Simulation();
        RandomStreams streams = new RandomStreams(2026);
        DoubleSupplier service = streams.stream("service").exponential(1.0 / MU);
        ArrayDeque<Double> queue = new ArrayDeque<>();
        Tally wait = new Tally("wait in queue");
        Tally sojourn = new Tally("time in system");
        TimeWeighted busy = new TimeWeighted("server busy", 0.0, 0.0);
        boolean[] serverBusy = new boolean[1];
        int[] arrived = new int[1];

        Runnable[] startService = new Runnable[1];
        startService[0] = () -> {
            double arrival = queue.poll();
            wait.add(sim.now() - arrival);
            serverBusy[0] = true;
            busy.set(sim.now(), 1.0);
            sim.schedule(service.getAsDouble(), () -> {
                sojourn.add(sim.now() - arrival);
                serverBusy[0] = false;
                busy.set(sim.now(), 0.0);
                if (!queue.isEmpty()) {
                    startService[0].run();
                }
            });
        };
        PoissonProcess[] arrivals = new PoissonProcess[1];
        arrivals[0] = PoissonProcess.start(sim, streams.stream("arrivals"), LAMBDA, () -> {
            queue.add(sim.now());
            if (++arrived[0] == CUSTOMERS) {
                arrivals[0].stop();
            }
            if (!serverBusy[0]) {
                startService[0].run();
            }
        });
        sim.run();

        double rho = LAMBDA / MU;
        assertEquals(CUSTOMERS, wait.count());
        assertEquals(rho / (MU - LAMBDA), wait.mean(), 0.02 * rho / (MU - LAMBDA), "Wq = rho / (mu - lambda)");
        assertEquals(1 / (MU - LAMBDA), sojourn.mean(), 0.02 / (MU - LAMBDA), "W = 1 / (mu - lambda)");
        assertEquals(rho, busy.mean(sim.now()), 0.02 * rho, "utilization = rho");
        // P(W > t) = exp(-(mu - lambda) t): the median time in system is ln 2 / (mu - lambda).
        assertEquals(Math.log(2) / (MU - LAMBDA), sojourn.percentile(50), 0.02 * Math.log(2) / (MU - LAMBDA));
    }
}
