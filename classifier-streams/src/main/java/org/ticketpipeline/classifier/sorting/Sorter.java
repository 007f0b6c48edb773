package org.ticketpipeline.classifier.sorting;

import org.ticketpipeline.schemas.TicketEvent;

/** Sorts a ticket into bug / brief input / noise, gives it a theme and a recommended tier. Must be thread-safe. */
public interface Sorter {

    Sorting sort(TicketEvent ticket);

    /**
     * The team's own spelling of a theme it names, whatever the case it is asked in ("sso login fails" is
     * the taxonomy's "SSO login fails"); empty when the sorter names no such theme.
     */
    default java.util.Optional<String> themeNamed(String name) {
        return java.util.Optional.empty();
    }
}
