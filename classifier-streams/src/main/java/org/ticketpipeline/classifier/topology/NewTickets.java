package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.SortingCause;
import org.ticketpipeline.schemas.TicketEventType;

/** Which sorted records are a new ticket, the ones the windows and release watches count. */
public final class NewTickets {

    private NewTickets() {
    }

    /**
     * Sorted from its CREATED event. A record the sorting sends again for a ticket (a correction, a bug
     * flagged as it aged at L1) keeps that event's type, and is not a new ticket.
     */
    public static boolean isNew(SortedTicket ticket) {
        return ticket.getEventType() == TicketEventType.CREATED && ticket.getCause() == SortingCause.EVENT;
    }
}
