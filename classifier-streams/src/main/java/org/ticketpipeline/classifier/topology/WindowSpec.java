package org.ticketpipeline.classifier.topology;

import java.time.Duration;

/**
 * One tumbling window of theme-windows: its name (as served, e.g. {@code hour}), size and grace.
 * Late tickets inside the grace still count; the grace must cover the event-time skew of a replay.
 */
public record WindowSpec(String name, Duration size, Duration grace) {

    /** The store keeps the previous window too, so movement can be judged against it. */
    public Duration retention() {
        return size.multipliedBy(2).plus(grace);
    }

    public String storeName() {
        return "theme-" + name + "-store";
    }
}
