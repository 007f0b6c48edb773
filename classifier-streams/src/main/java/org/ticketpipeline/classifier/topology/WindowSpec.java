package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * One tumbling window of theme-windows: its name (as served, e.g. {@code hour}), size, alignment offset and grace.
 * Late tickets inside the grace still count; the grace must cover the event-time skew of a replay.
 */
public record WindowSpec(String name, Duration size, Duration offset, Duration grace) {

    /** A window of one of the named sizes the readers know. */
    public static WindowSpec of(ThemeWindowKeys.Size size, Duration grace) {
        return new WindowSpec(size.label(), size.length(), size.offset(), grace);
    }

    /** The store keeps the previous window too, so movement can be judged against it. */
    public Duration retention() {
        return size.multipliedBy(2).plus(grace);
    }

    public String storeName() {
        return "theme-" + name + "-store";
    }
}
