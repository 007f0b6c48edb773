package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.ticketpipeline.classifier.sorting.Redactor;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.sorting.Sorting;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Sorts a ticket when it is created and keeps its sorting, so later events (routed, resolved,
 * reopened) carry it with the ticket's current tier. A replayed event (same event id, within the
 * dedupe retention) is dropped here, so nothing downstream counts it twice.
 */
final class SortTicketProcessor implements FixedKeyProcessor<String, TicketEvent, SortedTicket> {

    static final String SEEN_EVENTS_STORE = "seen-event-ids-store";
    static final String TICKET_STATE_STORE = "ticket-state-store";
    private static final int QUOTE_LENGTH = 280;

    private final Sorter sorter;
    private final Duration dedupeRetention;
    private final Duration bugAtL1MaxAge;
    private FixedKeyProcessorContext<String, SortedTicket> context;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, SortedTicket> tickets;

    SortTicketProcessor(Sorter sorter, Duration dedupeRetention, Duration bugAtL1MaxAge) {
        this.sorter = sorter;
        this.dedupeRetention = dedupeRetention;
        this.bugAtL1MaxAge = bugAtL1MaxAge;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SortedTicket> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN_EVENTS_STORE);
        this.tickets = context.getStateStore(TICKET_STATE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event == null) {
            return;
        }
        long at = event.getOccurredAt().toEpochMilli();
        if (isReplay(event.getEventId(), at)) {
            return;
        }
        seen.put(event.getEventId(), at, at);

        SortedTicket known = tickets.get(event.getTicketId());
        SortedTicket sorted;
        if (known == null || event.getType() == TicketEventType.CREATED) {
            if (event.getSubject() == null && event.getBody() == null) {
                return; // an event about a ticket created before the pipeline saw it, with no words to sort
            }
            sorted = sortNew(event, known);
        } else {
            sorted = SortedTicket.newBuilder(known)
                    .setEventId(event.getEventId())
                    .setEventType(event.getType())
                    .setOccurredAt(event.getOccurredAt())
                    .setActualTier(event.getTier() != null ? event.getTier() : known.getActualTier())
                    .build();
        }
        flagMisrouting(sorted, known == null ? event.getOccurredAt() : createdAt(known));
        tickets.put(event.getTicketId(), sorted);
        context.forward(record.withValue(sorted));
    }

    private SortedTicket sortNew(TicketEvent event, SortedTicket known) {
        Sorting sorting = sorter.sort(event);
        String words = event.getBody() != null ? event.getBody() : event.getSubject();
        String quote = Redactor.redact(words.length() > QUOTE_LENGTH ? words.substring(0, QUOTE_LENGTH) + "…" : words);
        return SortedTicket.newBuilder()
                .setTicketId(event.getTicketId())
                .setEventId(event.getEventId())
                .setEventType(event.getType())
                .setOccurredAt(event.getOccurredAt())
                .setProduct(event.getProduct())
                .setProductVersion(event.getProductVersion())
                .setCustomerId(event.getCustomerId())
                .setKind(sorting.kind())
                .setConfidence(sorting.confidence())
                .setLevel(sorting.level())
                .setTheme(sorting.theme())
                .setThemeSource(sorting.themeSource())
                .setReasons(new ArrayList<>(sorting.reasons()))
                .setActualTier(event.getTier() != null ? event.getTier() : known == null ? null : known.getActualTier())
                .setRecommendedTier(sorting.recommendedTier())
                .setQuote(quote)
                .setCreatedAt(known != null && known.getCreatedAt() != null ? known.getCreatedAt() : event.getOccurredAt())
                .build();
    }

    private static Instant createdAt(SortedTicket known) {
        return known.getCreatedAt() != null ? known.getCreatedAt() : known.getOccurredAt();
    }

    private void flagMisrouting(SortedTicket sorted, Instant createdAt) {
        List<String> why = new ArrayList<>();
        if (sorted.getKind() == TicketKind.NOISE && sorted.getActualTier() == Tier.L3) {
            why.add("noise escalated to L3");
        }
        if (sorted.getKind() == TicketKind.BUG && sorted.getActualTier() == Tier.L1
                && Duration.between(createdAt, sorted.getOccurredAt()).compareTo(bugAtL1MaxAge) > 0) {
            why.add("bug parked at L1 for over " + bugAtL1MaxAge.toHours() + " h");
        }
        sorted.setMisrouted(!why.isEmpty());
        sorted.setMisroutedReason(why.isEmpty() ? null : String.join("; ", why));
    }

    private boolean isReplay(String eventId, long at) {
        long span = dedupeRetention.toMillis();
        try (WindowStoreIterator<Long> hits = seen.fetch(eventId, Instant.ofEpochMilli(at - span), Instant.ofEpochMilli(at + span))) {
            return hits.hasNext();
        }
    }
}
