package org.nanomind.sim;

/**
 * A capacity shared by the activities of one {@link FluidModel}: units of work per second (FLOP/s of a
 * compute unit, bytes/s of a memory link). Created by {@link FluidModel#resource}.
 */
public final class Resource {
    final FluidModel model;
    private final String name;
    double capacity;
    /** Consumption rate in units per second since the model's last update. */
    double load;
    /** Work delivered up to the model's last update. */
    double delivered;
    // Scratch state of the max-min solver.
    double unallocated;
    double unfrozenWeight;
    int unfrozenUsers;

    Resource(FluidModel model, String name, double capacity) {
        this.model = model;
        this.name = name;
        this.capacity = capacity;
    }

    public String name() {
        return name;
    }

    /** Units per second available to all activities together. */
    public double capacity() {
        return capacity;
    }

    /** Changes the capacity now (a DVFS step, say); the rates of all activities follow at once. */
    public void setCapacity(double capacity) {
        model.setCapacity(this, capacity);
    }

    /** Units per second being consumed right now. */
    public double load() {
        return load;
    }

    /** Work delivered since the resource was created, up to the current time. */
    public double delivered() {
        return delivered + load * model.sinceLastUpdate();
    }

    @Override
    public String toString() {
        return name + "[" + capacity + "/s]";
    }
}
