package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.SortedTicket;

/**
 * One change to a theme's windows: a ticket counted in, or taken back out when a correction moves it
 * to another theme or kind.
 *
 * @param windows the names of the windows it is for ({@link WindowSpec#name()}), or null for all of them:
 *     a correction moves a ticket only in the windows that still take late tickets
 */
public record WindowEntry(SortedTicket ticket, boolean retract, java.util.Set<String> windows) {

    public WindowEntry(SortedTicket ticket, boolean retract) {
        this(ticket, retract, null);
    }

    static WindowEntry count(SortedTicket ticket) {
        return new WindowEntry(ticket, false);
    }

    static WindowEntry takeBack(SortedTicket ticket) {
        return new WindowEntry(ticket, true);
    }

    /** The same entry, for the named windows only. */
    WindowEntry onlyIn(java.util.Set<String> names) {
        return new WindowEntry(ticket, retract, java.util.Set.copyOf(names));
    }

    boolean isFor(String window) {
        return windows == null || windows.contains(window);
    }
}
