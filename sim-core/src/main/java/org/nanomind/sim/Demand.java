package org.nanomind.sim;

/** An amount of work an activity asks of one resource: FLOPs of a compute unit, bytes of a link. */
public record Demand(Resource resource, double amount) {
    public Demand {
        if (resource == null) {
            throw new IllegalArgumentException("a demand needs a resource");
        }
        if (!(amount >= 0) || amount == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "demand on '" + resource.name() + "' must be a finite amount >= 0, got " + amount);
        }
    }
}
