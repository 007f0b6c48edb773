package org.ticketpipeline.classifier.topology;

/**
 * An event whose ticket id is another helpdesk's ticket's: put aside with the reason, and not sent back by a
 * redrive, as only its producer can give it an id of its own.
 */
public final class TicketIdOfAnotherHelpdesk extends IllegalArgumentException {

    TicketIdOfAnotherHelpdesk(String message) {
        super(message);
    }
}
