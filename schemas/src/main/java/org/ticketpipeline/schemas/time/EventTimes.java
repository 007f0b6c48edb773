package org.ticketpipeline.schemas.time;

import java.time.Instant;

/** What an event time can be, for every service that takes one in. */
public final class EventTimes {

    /**
     * 1973-03-03 in epoch milliseconds, and year 5138 in epoch seconds: an event time below it is
     * epoch seconds read as milliseconds ({@code 1793611500} is 20 days after 1970 in milliseconds, and
     * November 2026 in seconds). Taken as sent, the ticket would be acknowledged and then fall outside
     * every window.
     */
    public static final long EARLIEST_MILLIS = 100_000_000_000L;

    private EventTimes() {
    }

    /** Whether the instant is too early to be a ticket's, and most likely epoch seconds. */
    public static boolean readsAsSeconds(Instant at) {
        return at.toEpochMilli() < EARLIEST_MILLIS;
    }
}
