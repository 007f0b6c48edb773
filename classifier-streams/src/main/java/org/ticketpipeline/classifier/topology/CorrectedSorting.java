package org.ticketpipeline.classifier.topology;

import java.time.Instant;
import java.util.Objects;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEventType;

/**
 * A ticket's sorting before and after a person's correction. Only passed between processors of one
 * task, never serialised.
 */
public record CorrectedSorting(SortedTicket before, SortedTicket after) {

    /** When the ticket was created: the time its windows and release watch counted it at. */
    public Instant createdAt() {
        return before.getCreatedAt() != null ? before.getCreatedAt() : before.getOccurredAt();
    }

    /** Whether the correction changes what the windows count: the theme, the kind or the level. */
    public boolean movesCounts() {
        return !Objects.equals(before.getTheme(), after.getTheme()) || before.getKind() != after.getKind()
                || !Objects.equals(before.getLevel(), after.getLevel());
    }

    /** The ticket as counted at its creation, with the sorting it has now. */
    public SortedTicket afterAsCreated() {
        return asCreated(after);
    }

    /** The ticket as it was counted at its creation, with the sorting it had before the correction. */
    public SortedTicket beforeAsCreated() {
        return asCreated(before);
    }

    private SortedTicket asCreated(SortedTicket ticket) {
        return SortedTicket.newBuilder(ticket).setEventType(TicketEventType.CREATED).setOccurredAt(createdAt()).build();
    }
}
