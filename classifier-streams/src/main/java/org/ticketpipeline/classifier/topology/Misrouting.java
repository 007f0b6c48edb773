package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Whether a ticket sits at the wrong tier for its kind: noise escalated to L3, a bug parked at L1
 * past {@code bugAtL1MaxAge}. Judged when an event comes and again when a person corrects the kind, so
 * a correction does not leave the flag of the kind it replaced; a bug that sits at L1 with no event of
 * its own is judged as time passes ({@link ParkedBugs}).
 */
record Misrouting(Duration bugAtL1MaxAge) {

    /** Sets the flag and its reason on the ticket, judged at {@code now}. */
    void flag(SortedTicket sorted, Instant createdAt, Instant now) {
        List<String> why = new ArrayList<>();
        if (sorted.getKind() == TicketKind.NOISE && sorted.getActualTier() == Tier.L3) {
            why.add("noise escalated to L3");
        }
        if (sorted.getKind() == TicketKind.BUG && sorted.getActualTier() == Tier.L1 && !isResolved(sorted)
                && Duration.between(createdAt, now).compareTo(bugAtL1MaxAge) > 0) {
            // the age is the ticket's, not its time at L1: a bug sent back to L1 a day in has waited a day
            why.add("bug at L1 more than " + age(bugAtL1MaxAge) + " after it came in");
        }
        sorted.setMisrouted(!why.isEmpty());
        sorted.setMisroutedReason(why.isEmpty() ? null : String.join("; ", why));
    }

    /** "24 h", "90 min", "2 h 30 min", "2 d", "30 s": an age as the limit was set, not "0 h" for half an hour nor "2 h" for 2 h 30. */
    static String age(Duration d) {
        if (d.toMinutes() == 0 || d.toSecondsPart() != 0 && d.toMinutes() < 10) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 120 && d.toMinutesPart() != 0 || d.toHours() == 0) {
            return d.toMinutes() + " min";
        }
        String hours = d.toHours() % 24 == 0 && d.toHours() >= 48 ? d.toDays() + " d" : d.toHours() + " h";
        return d.toMinutesPart() == 0 ? hours : hours + " " + d.toMinutesPart() + " min";
    }

    /**
     * Whether the ticket is an open bug at L1 that has not been flagged yet: one that can become parked too
     * long. A bug L1 resolved sits nowhere, however long ago it came in.
     */
    static boolean mayBecomeParked(SortedTicket ticket) {
        return ticket != null && ticket.getKind() == TicketKind.BUG && ticket.getActualTier() == Tier.L1 && !ticket.getMisrouted()
                && !isResolved(ticket);
    }

    /**
     * Whether the ticket is resolved: its own flag, or, in a record kept before the flag existed, a resolved
     * event that was its newest (such records are still in the store and in the parked bugs' index).
     */
    static boolean isResolved(SortedTicket ticket) {
        return ticket.getResolved() || ticket.getEventType() == org.ticketpipeline.schemas.TicketEventType.RESOLVED
                && QuietTickets.lastEvent(ticket).equals(ticket.getOccurredAt());
    }

    /** When the ticket was created: its CREATED event's time, else its first sorted event's. */
    static Instant createdAt(SortedTicket known) {
        return known.getCreatedAt() != null ? known.getCreatedAt() : known.getOccurredAt();
    }
}
