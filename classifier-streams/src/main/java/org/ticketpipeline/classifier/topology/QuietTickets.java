package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ticketpipeline.schemas.SortedTicket;

/**
 * Forgets the sorted tickets that have had no event for the retention. The sorting keeps every ticket
 * it saw, so later events can carry its kind and theme; without a limit the store, its changelog and
 * a restore after a lost disk grow with every ticket ever sent.
 *
 * <p>The store is read a slice at a time from where the last slice stopped, so a store of millions
 * costs a few milliseconds per slice rather than one long pause of the stream thread; a round goes
 * once through the whole store.
 */
final class QuietTickets {

    private final KeyValueStore<String, SortedTicket> tickets;
    private final ParkedBugs parked;
    private final Duration retention;
    /** The last ticket id looked at in this round; null: the round starts from the first. */
    private String lookedUpTo;

    QuietTickets(KeyValueStore<String, SortedTicket> tickets, ParkedBugs parked, Duration retention) {
        this.tickets = tickets;
        this.parked = parked;
        this.retention = retention;
    }

    /**
     * What one slice did: tickets looked at, forgotten, the earliest latest event among those it kept
     * ({@code Long.MAX_VALUE} when none), and whether the round reached the end of the store.
     */
    record Slice(int looked, int forgotten, long oldestKept, boolean roundDone) {
    }

    /**
     * Looks at up to {@code most} tickets from where the last slice stopped and forgets those quiet at
     * {@code now}, except the {@code busy} ones: an event of theirs waits in the sorting's buffer, and
     * was let in as the event of a known ticket, so with the ticket gone it would be let out as nothing.
     */
    Slice next(Instant now, int most, Predicate<String> busy) {
        int looked = 0;
        int forgotten = 0;
        long oldestKept = Long.MAX_VALUE;
        boolean more;
        Instant quietSince = now.minus(retention);
        try (KeyValueIterator<String, SortedTicket> it = tickets.range(lookedUpTo, null)) {
            while (looked < most && it.hasNext()) {
                KeyValue<String, SortedTicket> kv = it.next();
                if (kv.key.equals(lookedUpTo)) {
                    continue; // the range starts at the last one looked at, inclusive
                }
                looked++;
                lookedUpTo = kv.key;
                if (kv.value == null) {
                    continue;
                }
                Instant last = lastEvent(kv.value);
                if (last.isBefore(quietSince) && !busy.test(kv.key)) {
                    parked.follow(kv.value, null);
                    tickets.delete(kv.key);
                    forgotten++;
                } else {
                    oldestKept = Math.min(oldestKept, last.toEpochMilli());
                }
            }
            more = it.hasNext();
        }
        if (!more) {
            lookedUpTo = null;
        }
        return new Slice(looked, forgotten, oldestKept, !more);
    }

    /**
     * The ticket's latest event time: lastEventAt, which a late event does not take back; a ticket kept
     * before that field has only the time of the event that last wrote it.
     */
    static Instant lastEvent(SortedTicket ticket) {
        return ticket.getLastEventAt() != null ? ticket.getLastEventAt() : ticket.getOccurredAt();
    }
}
