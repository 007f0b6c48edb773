package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.time.EventTimes;

/**
 * Whether an event's {@code occurredAt} can be used as its time. The HTTP ingest checks it, but a
 * producer may write to {@code ticket-events} directly: an event dated years ahead would move its
 * partition's stream time there, and the windows would then drop every ordinary ticket of that
 * partition as late; one in epoch seconds would fall before every window. The record's own timestamp
 * (when it was written, or the event time a producer set) is the reference: an event is not written
 * before it happens.
 *
 * @param maxAhead how far after its record's timestamp an event may say it happened (clocks differ)
 */
record EventTimeCheck(Duration maxAhead) {

    /** What is wrong with the event's time, or null when it can be used; {@code writtenAt} below zero when unknown. */
    String problem(TicketEvent event, long writtenAt) {
        Instant at = event.getOccurredAt();
        if (EventTimes.readsAsSeconds(at)) {
            return "occurredAt " + at + " (" + at.toEpochMilli() + ") is before 1973 as epoch milliseconds; epoch seconds? "
                    + "send milliseconds";
        }
        if (writtenAt >= 0 && at.toEpochMilli() > writtenAt + maxAhead.toMillis()) {
            Duration ahead = Duration.ofMillis(at.toEpochMilli() - writtenAt);
            return "occurredAt " + at + " is " + readable(ahead) + " after its record was written (" + Instant.ofEpochMilli(writtenAt)
                    + "), more than " + maxAhead.toMinutes() + " min: a clock or a unit is wrong, and as the stream's time it "
                    + "would make every window drop the tickets that follow as late";
        }
        return null;
    }

    private static String readable(Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() >= 2 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
