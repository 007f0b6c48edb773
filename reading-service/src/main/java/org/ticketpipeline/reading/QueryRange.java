package org.ticketpipeline.reading;

import java.time.Instant;

/**
 * The instants a query may name: years 0000 to 9999. ISO-8601 takes a year in the millions, past what
 * epoch milliseconds (the windows' keys) can hold, and turning such a year into milliseconds throws;
 * no ticket is dated outside these years (the ingest refuses one past 9999).
 */
final class QueryRange {

    static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** What a field error says of a value outside the range. */
    static final String REASON = "is out of range: give a time from year 0000 to year 9999";

    private QueryRange() {
    }

    static boolean holds(Instant at) {
        return !at.isBefore(FIRST) && !at.isAfter(LAST);
    }
}
