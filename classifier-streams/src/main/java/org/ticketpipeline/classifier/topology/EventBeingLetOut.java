package org.ticketpipeline.classifier.topology;

import java.util.Optional;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * The event the sorting is letting out of its buffer on this stream thread, while the processors
 * after it in the same sub-topology (the release watch; the re-keying and repartition sinks toward
 * the windows and {@code tickets-sorted}) handle its sorted ticket. When one of them fails, Kafka
 * Streams calls the processing exception handler at that processor with the source record in hand:
 * whatever record the task was processing when the event became ready (another ticket), or none on
 * a punctuation. Its error context cannot name the event itself, so the handler asks here, and the
 * dead letter holds the event that failed.
 *
 * <p>This includes a sink whose serializer fails: the production handler's FAIL comes back as a
 * processing error of the processor before the sink, and is dead-lettered as the event, as any
 * other failure there.
 *
 * <p>A value held for the call ({@link DuringCall}) is enough because the handler runs synchronously
 * inside the {@code forward} call, on the thread that set it.
 */
public final class EventBeingLetOut {

    private record Letting(Topic<String, TicketEvent> events, TicketEvent event) {
    }

    private static final DuringCall<Letting> CURRENT = new DuringCall<>();
    /** A ticket sent on again with no event of its own (a bug flagged as it aged at L1). */
    private static final Letting SENDING_AGAIN = new Letting(null, null);

    private EventBeingLetOut() {
    }

    /** Runs {@code forward} with the event marked as the one being let out. */
    static void whileForwarding(Topic<String, TicketEvent> events, TicketEvent event, Runnable forward) {
        CURRENT.run(new Letting(events, event), forward);
    }

    /**
     * Runs {@code forward} of a ticket sent on again with no event of its own. A processor after the
     * sorting that fails on it has no event to dead-letter, and must not take the record in hand for it.
     */
    public static void whileSendingAgain(Runnable forward) {
        CURRENT.run(SENDING_AGAIN, forward);
    }

    /** Whether this thread is sending on a ticket again, with no event of its own. */
    public static boolean sendingAgain() {
        return CURRENT.current() == SENDING_AGAIN;
    }

    /** The event being let out on this thread, as the failure to dead-letter, if a processor after the sorting failed on it. */
    public static Optional<BufferedEventFailed> failedAfterSorting(Exception exception) {
        Letting letting = CURRENT.current();
        return letting == null || letting == SENDING_AGAIN ? Optional.empty()
                : Optional.of(new BufferedEventFailed(letting.events(), letting.event(), BufferedEventFailed.Stage.AFTER_SORTING, exception));
    }
}
