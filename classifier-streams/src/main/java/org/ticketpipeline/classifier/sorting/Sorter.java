package org.ticketpipeline.classifier.sorting;

import org.ticketpipeline.schemas.TicketEvent;

/** Sorts a ticket into bug / brief input / noise, gives it a theme and a recommended tier. Must be thread-safe. */
public interface Sorter {

    Sorting sort(TicketEvent ticket);
}
