package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ticketpipeline.schemas.SortedTicket;

/**
 * The bugs sitting at L1 and not flagged yet, in the order they will have sat there too long. A bug
 * that nobody touches sends no event, so judging it only when an event comes would flag it when it
 * is finally routed, too late to matter; this index lets the sorting flag it as time passes, with one
 * bounded range read instead of a scan of every ticket.
 *
 * <p>Keyed by the moment the ticket passes the limit (zero-padded milliseconds, so the store's byte
 * order is time order) and then its id; the value is the id. Changelogged like the tickets it indexes.
 */
final class ParkedBugs {

    static final String STORE = "parked-bugs-store";

    private final KeyValueStore<String, String> byDue;
    private final Duration maxAge;
    /**
     * The last key taken: every key before it was taken and deleted. RocksDB keeps a deletion as a
     * tombstone until compaction, and a read from the start wades through all of them; working off
     * thousands of bugs due together from the start each time took seconds. Null: read from the start.
     */
    private String takenUpTo;

    ParkedBugs(KeyValueStore<String, String> byDue, Duration maxAge) {
        this.byDue = byDue;
        this.maxAge = maxAge;
    }

    /** Keeps the index in step with a ticket's change from {@code before} (null when new) to {@code after}. */
    void follow(SortedTicket before, SortedTicket after) {
        String was = Misrouting.mayBecomeParked(before) ? key(before) : null;
        String is = Misrouting.mayBecomeParked(after) ? key(after) : null;
        if (was != null && !was.equals(is)) {
            byDue.delete(was);
        }
        if (is != null && !is.equals(was)) {
            byDue.put(is, after.getTicketId());
            if (takenUpTo != null && is.compareTo(takenUpTo) < 0) {
                // due before what was taken already: the next read starts from the first key, or it would wait
                // for the hourly rewind
                takenUpTo = null;
            }
        }
    }

    /**
     * As {@link #follow}, from the processor that applies corrections, which reads the index through an
     * object of its own: a correction can make an old ticket a bug at L1, due before what the sorting has
     * taken already, so it leaves a mark that the sorting's next read starts from the first key.
     */
    void followCorrected(SortedTicket before, SortedTicket after) {
        follow(before, after);
        if (Misrouting.mayBecomeParked(after) && !Misrouting.mayBecomeParked(before)) {
            byDue.put(REWIND, "");
        }
    }

    /**
     * Whether the index was built for this task's tickets with the age in force. A deployment from before
     * the index had bugs parked already, and only their next event would have put them in; an index built
     * with another age (the setting changed) keys each bug by a moment that is no longer when it is due:
     * a longer age took bugs out at the old moment without flagging them, and none was flagged after.
     */
    boolean built() {
        return String.valueOf(maxAge.toMillis()).equals(byDue.get(BUILT));
    }

    /** Puts every ticket of the store that may become parked, after what another age put, then marks the index built. */
    void build(KeyValueIterator<String, SortedTicket> tickets) {
        List<String> keyedByAnotherAge = new ArrayList<>();
        try (KeyValueIterator<String, String> all = byDue.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.key.startsWith("~")) {
                    keyedByAnotherAge.add(kv.key);
                }
            });
        }
        keyedByAnotherAge.forEach(byDue::delete);
        tickets.forEachRemaining(kv -> follow(null, kv.value));
        byDue.put(BUILT, String.valueOf(maxAge.toMillis()));
        takenUpTo = null;
    }

    /** Marks the index as built, with the age it was built for; '~' sorts after every digit, so no read of due keys meets it. */
    private static final String BUILT = "~built";
    /** Left by {@link #followCorrected}: the next read of due keys starts from the first. */
    private static final String REWIND = "~rewind";

    /**
     * The tickets that have sat at L1 longer than the limit at {@code now}, the longest first and at
     * most {@code most}: key and ticket id. The caller flags each if it is still parked, then calls
     * {@link #taken}, so a ticket stays in the index until it is handled.
     */
    List<KeyValue<String, String>> due(Instant now, int most) {
        if (byDue.get(REWIND) != null) {
            byDue.delete(REWIND);
            takenUpTo = null;
        }
        // "past the limit" is strictly more than maxAge, as Misrouting judges it: due at createdAt + maxAge + 1 ms
        String upTo = String.format("%019d", now.toEpochMilli() + 1);
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = byDue.range(takenUpTo, upTo)) {
            while (due.size() < most && it.hasNext()) {
                due.add(it.next());
            }
        }
        return due;
    }

    /** Takes a due ticket's key out of the index; the next read goes on after it. */
    void taken(String key) {
        byDue.delete(key);
        takenUpTo = key;
    }

    /**
     * The next read starts from the first key again: a ticket can come due before the last key taken
     * (a correction makes an old ticket a bug), and only a read from the start finds it.
     */
    void rewind() {
        takenUpTo = null;
    }

    private String key(SortedTicket ticket) {
        long due = Misrouting.createdAt(ticket).plus(maxAge).toEpochMilli() + 1;
        return String.format("%019d/%s", Math.max(0, due), ticket.getTicketId());
    }
}
