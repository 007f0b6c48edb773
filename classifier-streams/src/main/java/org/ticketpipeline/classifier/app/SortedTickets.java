package org.ticketpipeline.classifier.app;

import java.util.Optional;
import org.ticketpipeline.schemas.SortedTicket;

/** Each ticket's latest sorting, by ticket id, as this instance holds it. */
@FunctionalInterface
public interface SortedTickets {

    /**
     * The ticket's latest sorting, or empty when this instance holds none.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the tickets cannot be read (the stream
     *     starting, rebalancing or stopped): asking again later may answer
     */
    Optional<SortedTicket> find(String ticketId);
}
