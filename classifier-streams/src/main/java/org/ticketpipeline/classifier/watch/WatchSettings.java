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
 * @param startupSettle after a start, how long a watch whose window is over waits before its final verdict while the
 *     task's event time has not passed the window's end and grace: the tickets of a backlog may still be on their
 *     way (the part of the pipeline before the watch restoring its state), and what held a watch open before the
 *     restart was in the last process's memory
 */
public record WatchSettings(Duration window, Duration grace, Duration background, double surpriseLift, Duration refresh, Duration settle,
                            Duration startupSettle) {

    /** After a start, five minutes for a backlog to reach the watches, unless event time shows it has. */
    public static final Duration STARTUP_SETTLE = Duration.ofMinutes(5);

    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), 2.0,
            Duration.ofMillis(500), Duration.ofSeconds(10), STARTUP_SETTLE);

    /** With no wait after a start beyond {@code settle}: for tests of a watch's other timings. */
    public WatchSettings(Duration window, Duration grace, Duration background, double surpriseLift, Duration refresh, Duration settle) {
        this(window, grace, background, surpriseLift, refresh, settle, settle);
    }
}
