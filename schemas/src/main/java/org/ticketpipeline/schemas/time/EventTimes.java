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

    private static final Instant EARLIEST = Instant.ofEpochMilli(EARLIEST_MILLIS);

    /**
     * The end of year 9999. An ISO-8601 instant may name a year in the millions, past what epoch
     * milliseconds (Kafka's timestamps, Avro's timestamp-millis) can hold; no ticket's is after this.
     */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private EventTimes() {
    }

    /** Whether the instant is too early to be a ticket's, and most likely epoch seconds. */
    public static boolean readsAsSeconds(Instant at) {
        return at.isBefore(EARLIEST); // compared as instants: a year before -292 million has no epoch milliseconds
    }

    /** Whether the instant is past year 9999: a mistake, and maybe past what epoch milliseconds can hold. */
    public static boolean pastYear9999(Instant at) {
        return at.isAfter(LATEST);
    }
}
