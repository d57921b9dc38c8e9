/**
 * sim-core owns simulated time: the event loop ({@link org.nanomind.sim.Simulation}), fluid max-min
 * sharing of capacities ({@link org.nanomind.sim.FluidModel}), statistics, named random streams and
 * tracing. It knows no hardware: no GPU, battery or token appears here.
 */
package org.nanomind.sim;
