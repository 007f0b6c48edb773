package org.ticketpipeline.ingest;

/** Ticket event JSON for tests. */
final class TicketJson {

    private TicketJson() {
    }

    static String created(String eventId, String ticketId) {
        return """
                {"eventId": "%s", "ticketId": "%s", "type": "created", "occurredAt": "2026-11-02T09:15:00Z",
                 "sourceHelpdesk": "zendesk", "product": "ledger", "productVersion": "4.2.0", "channel": "email",
                 "customerId": "c-81f2", "tier": "L1", "subject": "CSV export times out",
                 "body": "Export of last month's invoices spins then fails after 60 seconds.", "tags": ["export"]}
                """.formatted(eventId, ticketId);
    }
}
