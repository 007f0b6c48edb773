package org.ticketpipeline.schemas.topic;

import java.util.Map;
import java.util.Objects;

/**
 * The names of the pipeline's topics, from configuration. Every name has a default that runs locally.
 */
public record TopicNames(String ticketEvents, String releases, String ticketsSorted, String themeWindows,
                         String releaseWatch, String readings, String corrections) {

    public static final TopicNames DEFAULTS = new TopicNames(
            "ticket-events", "releases", "tickets-sorted", "theme-windows", "release-watch", "readings", "corrections");

    /** The names without corrections, which older configurations do not name. */
    public TopicNames(String ticketEvents, String releases, String ticketsSorted, String themeWindows, String releaseWatch, String readings) {
        this(ticketEvents, releases, ticketsSorted, themeWindows, releaseWatch, readings, "corrections");
    }

    public TopicNames {
        Objects.requireNonNull(ticketEvents, "ticketEvents");
        Objects.requireNonNull(releases, "releases");
        Objects.requireNonNull(ticketsSorted, "ticketsSorted");
        Objects.requireNonNull(themeWindows, "themeWindows");
        Objects.requireNonNull(releaseWatch, "releaseWatch");
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(corrections, "corrections");
    }

    /** Names from a flat map with keys {@code ticket-events}, {@code releases}..., defaults for the missing ones. */
    public static TopicNames from(Map<String, String> names) {
        return new TopicNames(
                names.getOrDefault("ticket-events", DEFAULTS.ticketEvents()),
                names.getOrDefault("releases", DEFAULTS.releases()),
                names.getOrDefault("tickets-sorted", DEFAULTS.ticketsSorted()),
                names.getOrDefault("theme-windows", DEFAULTS.themeWindows()),
                names.getOrDefault("release-watch", DEFAULTS.releaseWatch()),
                names.getOrDefault("readings", DEFAULTS.readings()),
                names.getOrDefault("corrections", DEFAULTS.corrections()));
    }
}
