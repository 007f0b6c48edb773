package org.ticketpipeline.classifier.topology;

/**
 * The store that keeps the latest event time the sorting let out in a task, kept with the task's state: what
 * the corrections and the release watches of the same task judge "now" by, rather than a clock of their own.
 */
public final class SortedEventTime {

    public static final String STORE = "sorted-event-time-store";
    /** Its one key. */
    public static final String LATEST = "latest";

    private SortedEventTime() {
    }
}
