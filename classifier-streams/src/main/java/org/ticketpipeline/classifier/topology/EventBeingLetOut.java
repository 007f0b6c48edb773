package org.ticketpipeline.classifier.topology;

import java.util.Optional;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * The event the sorting is letting out of its buffer on this stream thread, while the processors
 * after it (windows, release watch) handle its sorted ticket. When one of them fails, Kafka Streams
 * calls the processing exception handler at that processor with the source record in hand, which
 * is whatever record the task was processing when the event became ready (another ticket), or none
 * on a punctuation; its error context has no way to name the event itself. The handler asks here
 * instead, so the dead letter holds the event that failed.
 *
 * <p>A thread-local is enough: a stream thread processes one task at a time, and the processors after
 * the sorting run inside its {@code forward} call, on the same thread.
 */
public final class EventBeingLetOut {

    private record Letting(Topic<String, TicketEvent> events, TicketEvent event) {
    }

    private static final ThreadLocal<Letting> CURRENT = new ThreadLocal<>();

    private EventBeingLetOut() {
    }

    /** Runs {@code forward} with the event marked as the one being let out. */
    static void whileForwarding(Topic<String, TicketEvent> events, TicketEvent event, Runnable forward) {
        Letting outer = CURRENT.get();
        CURRENT.set(new Letting(events, event));
        try {
            forward.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The event being let out on this thread, as the failure to dead-letter, if a processor after the sorting failed on it. */
    public static Optional<BufferedEventFailed> failedAfterSorting(Exception exception) {
        Letting letting = CURRENT.get();
        return letting == null ? Optional.empty() : Optional.of(new BufferedEventFailed(letting.events(), letting.event(), "failed after its sorting", exception));
    }
}
