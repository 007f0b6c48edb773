package org.ticketpipeline.classifier.topology;

/**
 * An event whose time would be wrong in every window ({@link EventTimeCheck}). Its dead letter names
 * this class, so {@code ./dead-letters redrive} knows that sending it back as it is would not help.
 */
public final class UnusableEventTime extends IllegalArgumentException {

    UnusableEventTime(String message) {
        super(message);
    }
}
