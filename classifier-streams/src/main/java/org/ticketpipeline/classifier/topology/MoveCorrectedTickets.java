package org.ticketpipeline.classifier.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A correction that changes a ticket's theme, kind or level, as window entries: the ticket as
 * corrected, counted, and the ticket as it was counted, taken back; both at the ticket's creation
 * time, so they land in the windows that counted it.
 */
final class MoveCorrectedTickets implements Processor<String, CorrectedSorting, String, WindowEntry> {

    private ProcessorContext<String, WindowEntry> context;

    @Override
    public void init(ProcessorContext<String, WindowEntry> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, CorrectedSorting> record) {
        CorrectedSorting change = record.value();
        if (change == null || !change.movesCounts()) {
            return;
        }
        long createdAt = change.createdAt().toEpochMilli();
        // counted in first: when the theme stays (a kind corrected), the window never passes through
        // zero, which would delete it from the readers for a moment
        context.forward(record.withValue(WindowEntry.count(change.afterAsCreated())).withTimestamp(createdAt));
        context.forward(record.withValue(WindowEntry.takeBack(change.beforeAsCreated())).withTimestamp(createdAt));
    }
}
