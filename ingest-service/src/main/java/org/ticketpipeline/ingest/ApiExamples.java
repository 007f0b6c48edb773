package org.ticketpipeline.ingest;

/**
 * Request and answer examples for the OpenAPI description. The controllers read their bodies as text
 * (to name every bad field rather than fail on the first), so the generator cannot see their shape;
 * these say it. Kept in step with the README's examples.
 */
final class ApiExamples {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    static final String TICKET_EVENT = """
            {"eventId": "zd-88121-1", "ticketId": "zd-88121", "type": "created", "occurredAt": "2026-11-24T00:40:00Z",
             "sourceHelpdesk": "zendesk", "product": "ledger", "productVersion": "4.3.0", "channel": "email",
             "customerId": "cust-7f3a", "tier": "L1", "subject": "CSV export times out",
             "body": "Since the update the CSV export of a full year spins then fails.", "tags": ["export"]}""";

    static final String BATCH_ANSWER = """
            {"accepted": [{"index": 0, "eventId": "zd-88122-1"}],
             "rejected": [{"index": 1, "eventId": "zd-88123-1", "errors": [
               {"field": "type", "reason": "'escalated' is not one of created / customer_replied / routed / resolved / reopened"},
               {"field": "occurredAt", "reason": "'yesterday' is not an ISO-8601 instant such as 2026-11-02T09:15:00Z"}]}]}""";

    static final String RELEASE = """
            {"releaseId": "ledger-4.3.0", "product": "ledger", "version": "4.3.0", "releasedAt": "2026-11-23T08:00:00Z",
             "brief": {"summary": "Faster CSV export", "predictedThemes": [{"theme": "csv export times out", "strength": "medium"}]},
             "handoff": {"knownIssues": "Exports over 12 months take up to 2 minutes.", "workarounds": "Macro EXPORT-SPLIT",
               "customerComms": "In-app release note", "escalateTo": "reporting squad on-call",
               "tier1Answers": [{"question": "Why are exports slower?", "answer": "Large exports now stream."}],
               "signatures": [{"role": "cs_lead", "name": "Ana"}, {"role": "product_owner", "name": "Ben"},
                              {"role": "designer", "name": "Chi"}, {"role": "tech_lead", "name": "Dev"}]}}""";

    static final String CORRECTION = """
            {"product": "ledger", "kind": "bug", "level": "build", "theme": "csv export times out", "by": "Ana",
             "note": "the export fails for every year-long range"}""";

    static final String FIELD_PROBLEM = """
            {"type": "about:blank", "title": "Correction not valid", "status": 422, "detail": "the correction is not valid: see errors",
             "errors": [{"field": "level", "reason": "only a bug traces to a chain level; drop level or make kind bug"}]}""";

    static final String KAFKA_DOWN = """
            {"type": "about:blank", "title": "Kafka unavailable", "status": 503,
             "detail": "Kafka did not acknowledge: TimeoutException. None of the 2 valid events is acknowledged: retry the whole request after 5 s (a replayed eventId is counted once)."}""";

    private ApiExamples() {
    }
}
