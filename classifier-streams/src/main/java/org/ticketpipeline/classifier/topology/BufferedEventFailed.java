package org.ticketpipeline.classifier.topology;

import java.nio.charset.StandardCharsets;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * An event that waited in the sorting's buffer and then failed, in the sorting or in a processor after
 * it. It surfaces while another record is being processed (or on a punctuation), so it carries its own bytes: the dead-letter handler writes
 * this event to {@code ticket-events.dlt}, not the record that happened to be in hand.
 */
public final class BufferedEventFailed extends RuntimeException {

    private final String topic;
    private final byte[] key;
    private final byte[] value;

    public BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, Throwable cause) {
        this(events, event, "could not be sorted", cause);
    }

    BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, String what, Throwable cause) {
        super("event '" + event.getEventId() + "' of ticket '" + event.getTicketId() + "' " + what + ": " + cause, cause);
        this.topic = events.name();
        this.key = event.getTicketId().getBytes(StandardCharsets.UTF_8);
        this.value = bytesOf(events, event);
    }

    /** The event as Avro, or nothing when even that fails (the reason header still names it). */
    private static byte[] bytesOf(Topic<String, TicketEvent> events, TicketEvent event) {
        try {
            return events.valueSerde().serializer().serialize(events.name(), event);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The topic the event came in on, whose dead-letter topic it goes to. */
    public String topic() {
        return topic;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }
}
