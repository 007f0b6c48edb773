package org.ticketpipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;

/** Turns one JSON item of {@code POST /v1/ticket-events} into a {@link TicketEvent}, or the list of what is wrong with it. */
@Singleton
class TicketEventReader {

    /** A ticket event's fields, in the order the refusal of another names them. */
    static final List<String> FIELDS = List.of("eventId", "ticketId", "type", "occurredAt", "sourceHelpdesk", "product", "productVersion",
            "channel", "customerId", "tier", "subject", "body", "tags");

    private final IngestSettings settings;

    TicketEventReader(IngestSettings settings) {
        this.settings = settings;
    }

    /** Either an event or its errors. */
    /**
     * Either an event or its errors; and the fields it has that a ticket event does not, which are left out.
     * Named, not refused: a helpdesk's connector that sends one more field (a priority) must not have every
     * ticket turned away, and a misspelt one (customer_id) is said in the answer.
     */
    record Result(TicketEvent event, List<FieldError> errors, List<FieldError> ignored) {
        Result(TicketEvent event, List<FieldError> errors) {
            this(event, errors, List.of());
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }

    Result read(JsonNode item) {
        List<FieldError> errors = new ArrayList<>();
        if (!item.isObject()) {
            errors.add(new FieldError("", "a ticket event must be a JSON object, got " + JsonFields.describe(item)));
            return new Result(null, errors);
        }
        JsonFields f = new JsonFields(item, "", settings.getMaxTextLength(), errors);
        List<FieldError> ignored = f.otherFields("a ticket event; left out", FIELDS);
        String eventId = f.requiredId("eventId");
        String ticketId = f.requiredId("ticketId");
        TicketEventType type = f.requiredEnum("type", TicketEventType.class);
        Instant occurredAt = f.requiredInstant("occurredAt");
        String sourceHelpdesk = f.requiredId("sourceHelpdesk");
        String product = f.requiredProduct("product");
        String productVersion = f.optionalId("productVersion");
        String channel = f.optionalId("channel");
        String customerId = f.optionalId("customerId");
        if (customerId != null && E_MAIL.matcher(java.text.Normalizer.normalize(customerId, java.text.Normalizer.Form.NFKC)).find()) {
            // kept with every sorting for a year and counted in the windows: an address is a person, where the schema promises a pseudonym
            errors.add(new FieldError("customerId", "looks like an e-mail address: send a pseudonymous id (the helpdesk's user id, "
                    + "or a hash of the address), never the address"));
        }
        Tier tier = f.optionalEnum("tier", Tier.class);
        String subject = f.optionalString("subject");
        String body = f.optionalString("body");
        List<String> tags = f.stringList("tags");
        // a subject or body sent as another type already has its error; one sent blank has none yet
        boolean wordsOfTheWrongType = f.has("subject") && subject == null || f.has("body") && body == null;
        if (type == TicketEventType.CREATED && isBlank(subject) && isBlank(body) && !wordsOfTheWrongType) {
            errors.add(new FieldError("subject", "a created event needs a subject or a body: without words it cannot be sorted"));
        }
        if (occurredAt != null && occurredAt.isAfter(Instant.now().plus(settings.getMaxFutureSkew()))) {
            errors.add(new FieldError("occurredAt", occurredAt + " is in the future (more than "
                    + settings.getMaxFutureSkew().toMinutes() + " min ahead of this server's clock)"));
        }
        if (type == TicketEventType.ROUTED && tier == null && !f.has("tier")) {
            errors.add(new FieldError("tier", "a routed event needs the tier it was routed to (L1 / L2 / L3)"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, ignored);
        }
        return new Result(TicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(ticketId)
                .setType(type)
                .setOccurredAt(occurredAt)
                .setSourceHelpdesk(sourceHelpdesk)
                .setProduct(product)
                .setProductVersion(productVersion)
                .setChannel(channel)
                .setCustomerId(customerId)
                .setTier(tier)
                .setSubject(subject)
                .setBody(body)
                .setTags(tags)
                .build(), errors, ignored);
    }

    /**
     * Something at a domain with a top-level name ("ana.lopez@example.com", a full-width "＠" as well, read as
     * NFKC); a helpdesk's "user@zendesk" id has none. An id written like an address ("12345@acme.zendesk") is
     * refused too: the pipeline cannot tell it from one.
     */
    private static final java.util.regex.Pattern E_MAIL = java.util.regex.Pattern.compile("[^\\s@]+@[^\\s@]+\\.\\p{L}{2,}");

    /** No words: {@link org.ticketpipeline.schemas.text.Blank}, the sorter's rule. */
    private static boolean isBlank(String s) {
        return org.ticketpipeline.schemas.text.Blank.isBlank(s);
    }
}
