package org.ticketpipeline.reading;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The recent records of a topic, kept for the clients of a server-sent event stream that come back with
 * the id of the last event they had ({@code Last-Event-ID}, which a browser's EventSource sends by itself
 * when it reconnects): such a client is given what was written after that event, then what comes. A
 * client that names no event gets what comes.
 *
 * <p>Written by hand because neither Reactor's replaying sinks nor Kafka know an event by its id: a replay
 * sink gives a new subscriber the last n records, not those after a given one.
 *
 * <p>The order is the topic's: the records of {@link #WRITTEN_TO}, the one partition readings are written
 * to, by offset, which every instance reads alike before and after a restart; before them, the records a
 * topic made by an earlier version holds on its other partitions, by when they were written.
 *
 * <p>A client with an id waits until the log holds what it may ask for: the topic's history at start, and
 * for an id the log does not hold, the topic read up to its end as it was when the client came (the id
 * may be of a reading written a moment ago, that another instance streamed first). It waits at most
 * {@code waitForUnheld}; then it is told its id is not held. Records are handed to clients under the log's
 * lock, so none is missed or given twice between a client's replay and what comes next; a reading
 * published twice under one id is replayed from its first copy, so a client may get a repeat, never a gap.
 */
final class ReplayLog<V> {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayLog.class);

    /** The partition readings are written to: one order for every instance. */
    static final int WRITTEN_TO = ReadingProducer.READINGS_PARTITION;

    /**
     * How long before a client came a record read during the start's history may have been stamped and still
     * be given to it: a record is stamped when it is sent and may be written up to the producer's delivery
     * timeout (10 s) later, after a first schema lookup, and by a clock a little off. A repeat, at start only,
     * rather than a reading missed.
     */
    static final Duration SENT_BEFORE_WRITTEN = Duration.ofSeconds(60);

    /** One record of the topic: its event id (as the stream sends it), when it was written, where, and what is sent. */
    record Entry<V>(String eventId, long timestamp, int partition, long offset, V value) {
    }

    /** What a client is given. */
    sealed interface Item<V> permits Given, NotHeld {
    }

    /** A record. */
    record Given<V>(Entry<V> entry) implements Item<V> {
    }

    /**
     * Instead of a replay: the client's last event is not held. {@code newestHeld}: the id of the newest record
     * held (null when none), the client's place from now on, as it is given what comes from here;
     * {@code stillReading}: the topic could not be read up to now in time, so the event may yet be in it.
     */
    record NotHeld<V>(String lastEventId, String newestHeld, boolean stillReading) implements Item<V> {
    }

    private static final Comparator<Entry<?>> TOPIC_ORDER = Comparator.<Entry<?>, Boolean>comparing(e -> e.partition() == WRITTEN_TO)
            .thenComparingLong(e -> e.partition() == WRITTEN_TO ? 0 : e.timestamp())
            .thenComparingInt(Entry::partition)
            .thenComparingLong(Entry::offset);

    private final TreeSet<Entry<V>> entries = new TreeSet<>(TOPIC_ORDER);
    private final Set<Client> clients = new LinkedHashSet<>();
    private final int maxKept;
    private final Duration keep;
    private final Duration waitForUnheld;
    private final int maxBehind;
    private final Clock clock;
    private boolean caughtUp;
    /** How many clients have asked after an id the log did not hold; each waits for the topic to be read to its end since. */
    private long unheldAsks;

    private final class Client {
        /** Says its replay is ready (in {@link #given}): when it comes, or once the log holds what it asks for. */
        private final Sinks.Empty<Void> ready = Sinks.empty();
        /** What comes after its replay; bounded: a client that stops reading is let go, and comes back with its last id. */
        private final Sinks.Many<Item<V>> live = Sinks.many().unicast().onBackpressureBuffer(Queues.<Item<V>>get(maxBehind).get());
        private final long since = clock.millis();
        private String waitingFor;
        private long askedAs;
        private List<Item<V>> given;
        /** What was written after it came while it waited for its replay: sent after it, whatever the replay says. */
        private final List<Entry<V>> cameWhileWaiting = new ArrayList<>();

        private void give(List<Item<V>> items) {
            waitingFor = null;
            cameWhileWaiting.clear();
            given = items;
            ready.tryEmitEmpty();
        }

        private void offer(Entry<V> entry) {
            // a full buffer is a client behind, also one still reading its replay (no subscriber to what comes yet: Reactor
            // says FAIL_ZERO_SUBSCRIBER then); a client that went (FAIL_CANCELLED) is unregistered as it goes
            Sinks.EmitResult result = live.tryEmitNext(new Given<>(entry));
            if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                LOG.warn("a readings stream client fell {} readings behind; its stream is ended, and it comes back with its last id", maxBehind);
                live.tryEmitError(new IllegalStateException("fell " + maxBehind + " readings behind"));
            }
        }
    }

    /**
     * Keeps at most {@code maxKept} records, none written longer than {@code keep} ago; a client falls at most
     * {@code maxBehind} records behind before its stream is ended (Reactor's queue: a power of two, at least 8).
     */
    ReplayLog(int maxKept, Duration keep, Duration waitForUnheld, int maxBehind, Clock clock) {
        this.maxKept = maxKept;
        this.keep = keep;
        this.waitForUnheld = waitForUnheld;
        this.maxBehind = maxBehind;
        this.clock = clock;
    }

    /**
     * A record read from the topic. {@code isNew}: written after the log started reading (not history read at
     * start), so it goes to the clients that follow what comes; before the history is read, so does one written
     * after a client came.
     */
    synchronized void add(Entry<V> entry, boolean isNew) {
        if (!entries.add(entry)) {
            return; // read again (a position reset): its clients had it
        }
        trim();
        // a copy: a client's stream ended here (it fell behind) unregisters it, on this thread, under this lock
        for (Client client : List.copyOf(clients)) {
            if (isNew || !caughtUp && entry.timestamp() >= client.since - SENT_BEFORE_WRITTEN.toMillis()) {
                if (client.waitingFor == null) {
                    client.offer(entry);
                } else {
                    client.cameWhileWaiting.add(entry);
                }
            }
        }
    }

    /** The topic's history is read: the clients that wait for an id it holds are given their replay. */
    synchronized void markCaughtUp() {
        caughtUp = true;
        // copies: a client whose stream ends as it is given its replay unregisters on this thread, under this lock
        for (Client client : List.copyOf(clients)) {
            if (client.waitingFor != null && firstWith(client.waitingFor) != null) {
                client.give(replayOf(client, false));
            }
        }
    }

    synchronized boolean isCaughtUp() {
        return caughtUp;
    }

    /** How many asks after an id not held there have been: the reader reads to the topic's end, then calls {@link #answerAsks}. */
    synchronized long unheldAsks() {
        return unheldAsks;
    }

    /** The topic is read up to its end as it was after ask {@code upTo}: those clients are given their replay, or told it is not held. */
    synchronized void answerAsks(long upTo) {
        if (!caughtUp) {
            return;
        }
        for (Client client : List.copyOf(clients)) {
            if (client.waitingFor != null && client.askedAs <= upTo) {
                client.give(replayOf(client, false));
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * What a client is given: with {@code lastEventId} (null: none), the records after that one, or why not;
     * then every new record, until the client goes or falls too far behind.
     */
    Flux<Item<V>> follow(String lastEventId) {
        return Flux.defer(() -> {
            Client client = register(lastEventId);
            // the list is taken from the client once, not carried by the signal: a sink keeps the value it gave for as long as
            // the connection lasts
            Mono<List<Item<V>>> replay = client.ready.asMono().timeout(waitForUnheld, Mono.fromRunnable(() -> giveUp(client)))
                    .then(Mono.fromSupplier(() -> take(client)));
            return replay.flatMapIterable(items -> items).concatWith(client.live.asFlux()).doFinally(signal -> unregister(client));
        });
    }

    private synchronized Client register(String lastEventId) {
        Client client = new Client();
        if (lastEventId == null) {
            client.give(List.of());
        } else if (caughtUp && firstWith(lastEventId) != null) {
            client.give(replayAfter(lastEventId, false));
        } else {
            client.waitingFor = lastEventId;
            client.askedAs = ++unheldAsks;
        }
        clients.add(client);
        return client;
    }

    /** The wait is over: the client is told its id is not held (yet), unless it was given its replay meanwhile. */
    private synchronized void giveUp(Client client) {
        if (client.waitingFor != null) {
            client.give(replayOf(client, true));
        }
    }

    /** The client's replay, handed over once: the log keeps no reference to it for as long as the client stays. */
    private synchronized List<Item<V>> take(Client client) {
        List<Item<V>> items = client.given == null ? List.of() : client.given;
        client.given = null;
        return items;
    }

    /** How many clients are connected. */
    synchronized int clientCount() {
        return clients.size();
    }

    private synchronized void unregister(Client client) {
        clients.remove(client);
    }

    /**
     * A waiting client's replay: the records after its id, or, when the id is not held, why, then what was written
     * after the client came. Told only that its id is not held, with the newest record's id as its place, it would
     * never be sent a reading written while the log read the topic's end for it.
     */
    private List<Item<V>> replayOf(Client client, boolean stillReading) {
        if (firstWith(client.waitingFor) != null) {
            return replayAfter(client.waitingFor, stillReading);
        }
        trim();
        List<Entry<V>> came = client.cameWhileWaiting.stream().filter(entries::contains).toList();
        Entry<V> newestBefore = null;
        for (Entry<V> entry : entries) {
            if (!came.contains(entry)) {
                newestBefore = entry;
            }
        }
        List<Item<V>> items = new ArrayList<>();
        items.add(new NotHeld<>(client.waitingFor, newestBefore == null ? null : newestBefore.eventId(), stillReading));
        came.forEach(entry -> items.add(new Given<>(entry)));
        return items;
    }

    /** The records after the first held with the id, or why there are none. */
    private List<Item<V>> replayAfter(String lastEventId, boolean stillReading) {
        trim(); // nothing may have come for longer than the log keeps a record
        Entry<V> first = firstWith(lastEventId);
        if (first == null) {
            return List.of(new NotHeld<>(lastEventId, entries.isEmpty() ? null : entries.last().eventId(), stillReading));
        }
        List<Item<V>> items = new ArrayList<>();
        for (Entry<V> entry : entries.tailSet(first, false)) {
            items.add(new Given<>(entry));
        }
        return items;
    }

    private Entry<V> firstWith(String eventId) {
        for (Iterator<Entry<V>> oldestFirst = entries.iterator(); oldestFirst.hasNext(); ) {
            Entry<V> entry = oldestFirst.next();
            if (entry.eventId().equals(eventId)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * From the head only: a reading stamped by a clock behind the others is kept while a newer one before it is,
     * so no reading is cut from the middle of what a client may be replayed.
     */
    private void trim() {
        long oldest = clock.millis() - keep.toMillis();
        while (!entries.isEmpty() && (entries.size() > maxKept || entries.first().timestamp() < oldest)) {
            entries.pollFirst();
        }
    }
}
