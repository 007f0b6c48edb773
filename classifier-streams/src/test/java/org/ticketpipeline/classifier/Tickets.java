package org.ticketpipeline.classifier;

import java.time.Instant;
import java.util.List;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;

/** Ticket events for tests. */
public final class Tickets {

    private Tickets() {
    }

    public static TicketEvent created(String eventId, String ticketId, Instant at, String subject, String body) {
        return TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(ticketId)
                .setType(TicketEventType.CREATED)
                .setOccurredAt(at)
                .setSourceHelpdesk("zendesk")
                .setProduct("ledger")
                .setProductVersion("4.2.0")
                .setCustomerId("c-" + ticketId)
                .setTier(Tier.L1)
                .setSubject(subject)
                .setBody(body)
                .setTags(List.of())
                .build();
    }

    public static TicketEvent routed(String eventId, String ticketId, Instant at, Tier tier) {
        return TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(ticketId)
                .setType(TicketEventType.ROUTED)
                .setOccurredAt(at)
                .setSourceHelpdesk("zendesk")
                .setProduct("ledger")
                .setTier(tier)
                .setTags(List.of())
                .build();
    }
}
