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
 * Drops an event whose id was seen for its ticket within the retention: a helpdesk retrying a request,
 * or a producer replaying a backlog, must not count a ticket twice. Keyed by ticket id, so one ticket's
 * events, and their ids, meet in one task. An event id is remembered with its helpdesk's and ticket's: a helpdesk that
 * numbers each ticket's events 1, 2, 3 reuses ids across tickets, and two tickets sharing a partition
 * would otherwise lose the second's events.
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
        String key = seenKey(event);
        if (seenWithin(key, at, span) || seenWithin(seenKeyWithoutHelpdesk(event), at, span)) {
            return;
        }
        seen.put(key, at, at);
        context.forward(record);
    }

    /**
     * The helpdesk's and the ticket id's lengths first, so no set of ids can spell another's key. With the
     * helpdesk: two helpdesks that number tickets and their events 1, 2, 3 would otherwise have the second's
     * events dropped as replays of the first's, unseen; kept apart, the sorting puts them aside with the reason.
     */
    static String seenKey(TicketEvent event) {
        String helpdesk = event.getSourceHelpdesk();
        return helpdesk.length() + ":" + helpdesk + "|" + seenKeyWithoutHelpdesk(event);
    }

    static String seenKeyWithoutHelpdesk(TicketEvent event) {
        return event.getTicketId().length() + ":" + event.getTicketId() + "|" + event.getEventId();
    }

    // The ticket's and event's ids without the helpdesk are how this store's keys were written before: looked up
    // too, a replay of an event seen before an upgrade is still dropped; those keys age out with the retention.
    // (Keys of the bare event id, from a version before that, aged out long ago: not looked up, one store read
    // fewer per event.)
    private boolean seenWithin(String key, long at, long span) {
        try (WindowStoreIterator<Long> hits = seen.fetch(key, Instant.ofEpochMilli(at - span), Instant.ofEpochMilli(at + span))) {
            return hits.hasNext();
        }
    }
}
