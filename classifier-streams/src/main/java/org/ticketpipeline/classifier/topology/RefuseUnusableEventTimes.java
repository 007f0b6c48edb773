package org.ticketpipeline.classifier.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.ticketpipeline.schemas.TicketEvent;

/**
 * Dead-letters an event whose time cannot be used, with the reason ({@link EventTimeCheck}). The
 * timestamp extractor gave such an event its record's timestamp, so the same check on the record's
 * timestamp finds it again; a usable event's timestamp is its own time, which always passes.
 */
final class RefuseUnusableEventTimes implements FixedKeyProcessor<String, TicketEvent, TicketEvent> {

    private final EventTimeCheck check;
    private FixedKeyProcessorContext<String, TicketEvent> context;

    RefuseUnusableEventTimes(EventTimeCheck check) {
        this.check = check;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TicketEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event != null) {
            String problem = check.problem(event, record.timestamp());
            if (problem != null) {
                throw new UnusableEventTime("event " + event.getEventId() + " of ticket " + event.getTicketId() + ": " + problem);
            }
        }
        context.forward(record);
    }
}
