package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * An event that waited in the sorting's buffer and then failed, in the sorting or in a processor
 * after it. It surfaces while another record is being processed (or on a punctuation), so it carries
 * its own bytes: the dead-letter handler writes this event to {@code ticket-events.dlt}, not the
 * record that happened to be in hand.
 */
public final class BufferedEventFailed extends FailedWithItsOwnRecord {

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

    public BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, Throwable cause) {
        this(events, event, Stage.SORTING, cause);
    }

    BufferedEventFailed(Topic<String, TicketEvent> events, TicketEvent event, Stage stage, Throwable cause) {
        super("event '" + event.getEventId() + "' of ticket '" + event.getTicketId() + "' " + stage.what + ": " + cause, cause, events,
                event.getTicketId(), event);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
