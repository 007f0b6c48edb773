package org.ticketpipeline.classifier.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.ticketpipeline.schemas.TicketEvent;

/**
 * Windows count tickets by when they happened at the helpdesk, not by when they reached Kafka: a
 * backlog replayed today still lands in last week's windows. Records that are not ticket events (or
 * not readable), and events whose time cannot be used ({@link EventTimeCheck}), keep the record's own
 * timestamp, so they cannot move the stream's time; they go to the dead-letter topic anyway.
 */
final class OccurredAtTimestampExtractor implements TimestampExtractor {

    private final EventTimeCheck check;

    OccurredAtTimestampExtractor(EventTimeCheck check) {
        this.check = check;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof TicketEvent event && event.getOccurredAt() != null
                && check.problem(event, record.timestamp()) == null) {
            return event.getOccurredAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
