package org.ticketpipeline.schemas;

import java.time.Instant;
import java.util.List;

/** Records for tests. */
final class Samples {

    private Samples() {
    }

    static TicketEvent ticketCreated(String eventId, String ticketId) {
        return TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(ticketId)
                .setType(TicketEventType.CREATED)
                .setOccurredAt(Instant.parse("2026-11-02T09:15:00Z"))
                .setSourceHelpdesk("zendesk")
                .setProduct("ledger")
                .setProductVersion("4.2.0")
                .setChannel("email")
                .setCustomerId("c-81f2")
                .setTier(Tier.L1)
                .setSubject("CSV export times out")
                .setBody("Export of last month's invoices spins then fails after 60 seconds.")
                .setTags(List.of("export"))
                .build();
    }
}
