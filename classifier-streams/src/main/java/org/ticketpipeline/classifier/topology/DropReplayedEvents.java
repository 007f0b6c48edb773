package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.ticketpipeline.schemas.TicketEvent;

/**
 * Drops an event whose id was seen within the retention: a helpdesk retrying a request, or a producer
 * replaying a backlog, must not count a ticket twice. Keyed by ticket id, so one ticket's events, and
 * their ids, meet in one task.
 */
final class DropReplayedEvents implements FixedKeyProcessor<String, TicketEvent, TicketEvent> {

    static final String STORE = "seen-event-ids-store";

    private final Duration retention;
    private FixedKeyProcessorContext<String, TicketEvent> context;
    private WindowStore<String, Long> seen;

    DropReplayedEvents(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TicketEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event == null) {
            return;
        }
        long at = event.getOccurredAt().toEpochMilli();
        long span = retention.toMillis();
        try (WindowStoreIterator<Long> hits = seen.fetch(event.getEventId(), Instant.ofEpochMilli(at - span), Instant.ofEpochMilli(at + span))) {
            if (hits.hasNext()) {
                return;
            }
        }
        seen.put(event.getEventId(), at, at);
        context.forward(record);
    }
}
