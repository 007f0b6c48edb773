package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.SortedTicket;

/**
 * One change to a theme's windows: a ticket counted in, or taken back out when a correction moves it
 * to another theme or kind.
 */
public record WindowEntry(SortedTicket ticket, boolean retract) {

    static WindowEntry count(SortedTicket ticket) {
        return new WindowEntry(ticket, false);
    }

    static WindowEntry takeBack(SortedTicket ticket) {
        return new WindowEntry(ticket, true);
    }
}
