package org.ticketpipeline.classifier.topology;

import java.nio.charset.StandardCharsets;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * An event that waited in the sorting's buffer and then failed, in the sorting or in a processor
 * after it. It surfaces while another record is being processed (or on a punctuation), so it carries
 * its own bytes: the dead-letter handler writes this event to {@code ticket-events.dlt}, not the
 * record that happened to be in hand.
 */
public final class BufferedEventFailed extends RuntimeException {

    /** Where it failed. After the sorting the ticket was already kept and may have been published. */
    public enum Stage {
        SORTING("sorting", "could not be sorted"),
        AFTER_SORTING("after-sorting", "failed after its sorting");

        private final String header;
        private final String what;

        Stage(String header, String what) {
            this.header = header;
            this.what = what;
        }

        /** As the dead letter's {@code dlt.stage} header says it. */
        public String header() {
            return header;
        }
    }

    private final Stage stage;
    private final String topic;
    private final byte[] key;
    private final byte[] value;

    public BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, Throwable cause) {
        this(events, event, Stage.SORTING, cause);
    }

    BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, Stage stage, Throwable cause) {
        super("event '" + event.getEventId() + "' of ticket '" + event.getTicketId() + "' " + stage.what + ": " + cause, cause);
        this.stage = stage;
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

    public Stage stage() {
        return stage;
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
