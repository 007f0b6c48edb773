package org.ticketpipeline.classifier.watch;

import java.time.Duration;

/**
 * How a release is watched.
 *
 * @param window how long after release time tickets are compared with the brief (48 h)
 * @param grace how long after the window late tickets still count, before the final verdict
 * @param background how far before the release the product's own background rate is measured
 * @param surpriseLift how many times its background rate an unpredicted theme must reach to be a surprise
 * @param refresh how often changed watches are recomputed and published (wall-clock)
 * @param settle how long a product's tickets must have stopped, and a release been known, before a final verdict
 */
public record WatchSettings(Duration window, Duration grace, Duration background, double surpriseLift, Duration refresh, Duration settle) {

    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), 2.0,
            Duration.ofMillis(500), Duration.ofSeconds(10));
}
