package org.ticketpipeline.classifier.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ticketpipeline.schemas.SortedTicket;

/**
 * A correction that changes a ticket's theme, kind or level, as window entries: the ticket as
 * corrected, counted, and the ticket as it was counted, taken back; both at the time it was counted,
 * so they land in the windows that counted it. A ticket never counted (first seen after its
 * creation) is not moved, and one is moved only in the windows that still take late tickets.
 */
final class MoveCorrectedTickets implements Processor<String, CorrectedSorting, String, WindowEntry> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MoveCorrectedTickets.class);
    private static final java.time.Duration MARGIN = java.time.Duration.ofHours(1);

    private final java.util.List<WindowSpec> windows;
    private ProcessorContext<String, WindowEntry> context;
    private org.apache.kafka.streams.state.KeyValueStore<String, Long> eventTimes;

    /**
     * @param windows the windows: a move is made in each whose window of the ticket still takes late
     *     tickets, by a margin, as the two halves land in different tasks and one might still be taken
     *     and the other already refused
     */
    MoveCorrectedTickets(java.util.List<WindowSpec> windows) {
        this.windows = java.util.List.copyOf(windows);
    }

    @Override
    public void init(ProcessorContext<String, WindowEntry> context) {
        this.context = context;
        this.eventTimes = context.getStateStore(SortTicketProcessor.EVENT_TIME_STORE);
    }

    /**
     * How far the windows' event time has come, as near as this task knows: the latest event it let out.
     * Its stream time is later than that by the corrections' own times (when a person sent them), so a
     * correction of a backfilled ticket, whose windows are open, would look too late to move.
     */
    private long windowsTime() {
        Long latest = eventTimes.get(SortTicketProcessor.LATEST_EVENT_TIME);
        return latest != null ? latest : context.currentStreamTimeMs();
    }

    @Override
    public void process(Record<String, CorrectedSorting> record) {
        CorrectedSorting change = record.value();
        if (change == null || !change.movesCounts()) {
            return;
        }
        long countedAt = change.countedAtMillis();
        long now = windowsTime();
        java.util.Set<String> open = new java.util.HashSet<>();
        for (WindowSpec spec : windows) {
            if (stillTakesLateTickets(spec, countedAt, now)) {
                open.add(spec.name());
            }
        }
        if (open.isEmpty()) {
            LOG.info("correction of ticket {} not moved in the windows: it was counted at {}, past the windows' grace",
                    change.after().getTicketId(), java.time.Instant.ofEpochMilli(countedAt));
            return;
        }
        SortedTicket before = change.countedBefore();
        SortedTicket after = change.countedAfter();
        if (change.staysInTheme()) {
            // same pool of quotes: neither take the quote out nor offer it again
            before = SortedTicket.newBuilder(before).setQuote(null).build();
            after = SortedTicket.newBuilder(after).setQuote(null).build();
        }
        // counted in first: when the theme stays, the window never passes through zero, which would
        // delete it from the readers for a moment
        boolean everyWindow = open.size() == windows.size();
        WindowEntry countIn = WindowEntry.count(after);
        WindowEntry takeBack = WindowEntry.takeBack(before);
        context.forward(record.withValue(everyWindow ? countIn : countIn.onlyIn(open)).withTimestamp(countedAt));
        context.forward(record.withValue(everyWindow ? takeBack : takeBack.onlyIn(open)).withTimestamp(countedAt));
    }

    /**
     * Whether the window of this size that counted the ticket takes late tickets for a while yet: its end
     * and grace are ahead of the windows' time by more than a margin (an hour; half the grace when that
     * is under two hours).
     */
    static boolean stillTakesLateTickets(WindowSpec spec, long countedAt, long windowsTime) {
        long size = spec.size().toMillis();
        long start = countedAt - Math.floorMod(countedAt - spec.offset().toMillis(), size);
        long margin = Math.min(MARGIN.toMillis(), spec.grace().toMillis() / 2);
        return start + size + spec.grace().toMillis() - margin > windowsTime;
    }
}
