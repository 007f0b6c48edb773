package org.ticketpipeline.reading;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The recent records of a topic, kept for the clients of a server-sent event stream that come back with
 * the id of the last event they had ({@code Last-Event-ID}, which a browser's EventSource sends by itself
 * when it reconnects): such a client is given what was written after that event, then what comes, each
 * once. A client that names no event gets only what comes.
 *
 * <p>Written by hand because neither Reactor's replaying sinks nor Kafka know an event by its id: a replay
 * sink gives a new subscriber the last n records, not those after a given one. Records are ordered by when
 * they were written, then partition and offset, so a topic's partitions read in any order (the whole of one,
 * then the next, as at start) replay as they were written.
 *
 * <p>Until the topic's history is read ({@link #caughtUp()}), a client with an id waits: its replay is
 * worked out once the log holds what it may ask for. Clients are handed records under the log's lock, so
 * none is missed or given twice between its replay and what comes next.
 */
final class ReplayLog<V> {

    /** One record of the topic: its event id (as the stream sends it), when it was written, and where. */
    record Entry<V>(String eventId, long timestamp, int partition, long offset, V value) {
    }

    /** What a client is given: a record, or, instead of a replay, the id it asked after that the log does not hold. */
    record Item<V>(Entry<V> entry, String notHeld) {
        static <V> Item<V> of(Entry<V> entry) {
            return new Item<>(entry, null);
        }
    }

    private static final Comparator<Entry<?>> AS_WRITTEN = Comparator.<Entry<?>>comparingLong(Entry::timestamp)
            .thenComparingInt(Entry::partition).thenComparingLong(Entry::offset);

    private final TreeSet<Entry<V>> entries = new TreeSet<>(AS_WRITTEN);
    private final List<Client<V>> clients = new ArrayList<>();
    private final int maxEntries;
    private final Duration keep;
    private final Clock clock;
    private boolean caughtUp;

    /** A connected client; {@code waitingFor}: the id it asked after, until the log has caught up. */
    private static final class Client<V> {
        private final FluxSink<Item<V>> sink;
        private String waitingFor;

        Client(FluxSink<Item<V>> sink, String waitingFor) {
            this.sink = sink;
            this.waitingFor = waitingFor;
        }
    }

    /** Keeps at most {@code maxEntries} records, none written longer than {@code keep} ago. */
    ReplayLog(int maxEntries, Duration keep, Clock clock) {
        this.maxEntries = maxEntries;
        this.keep = keep;
        this.clock = clock;
    }

    /**
     * A record read from the topic. {@code isNew}: written after the log started (not history read at start),
     * so it goes to the connected clients too.
     */
    synchronized void add(Entry<V> entry, boolean isNew) {
        entries.add(entry);
        trim();
        if (isNew) {
            for (Client<V> client : clients) {
                if (client.waitingFor == null) {
                    client.sink.next(Item.of(entry));
                }
            }
        }
    }

    /** The topic's history is read: the clients that wait are given their replay, and from then on what comes. */
    synchronized void caughtUp() {
        if (caughtUp) {
            return;
        }
        caughtUp = true;
        for (Client<V> client : clients) {
            if (client.waitingFor != null) {
                replayAfter(client.waitingFor, client.sink);
                client.waitingFor = null;
            }
        }
    }

    synchronized boolean isCaughtUp() {
        return caughtUp;
    }

    /** How many records the log holds. */
    synchronized int size() {
        return entries.size();
    }

    /**
     * What a client is given: with {@code lastEventId} (null: none), the records written after that one,
     * or one item saying the log does not hold it; then every new record, until the client goes.
     */
    Flux<Item<V>> follow(String lastEventId) {
        return Flux.create(sink -> {
            Client<V> client;
            synchronized (this) {
                client = new Client<>(sink, caughtUp ? null : lastEventId);
                if (caughtUp && lastEventId != null) {
                    replayAfter(lastEventId, sink);
                }
                clients.add(client);
            }
            sink.onDispose(() -> {
                synchronized (this) {
                    clients.remove(client);
                }
            });
            // a client that stops reading keeps what it was given in its own buffer: readings are a few a week,
            // and the replay is at most the log's bounded length
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** The entries after the newest with the id, or the id alone when none has it. */
    private void replayAfter(String lastEventId, FluxSink<Item<V>> sink) {
        trim(); // nothing may have come for longer than the log keeps a record
        Entry<V> last = null;
        for (Iterator<Entry<V>> newestFirst = entries.descendingIterator(); newestFirst.hasNext() && last == null; ) {
            Entry<V> entry = newestFirst.next();
            if (entry.eventId().equals(lastEventId)) {
                last = entry;
            }
        }
        if (last == null) {
            sink.next(new Item<>(null, lastEventId));
            return;
        }
        for (Entry<V> entry : entries.tailSet(last, false)) {
            sink.next(Item.of(entry));
        }
    }

    private void trim() {
        long oldest = clock.millis() - keep.toMillis();
        while (!entries.isEmpty() && (entries.size() > maxEntries || entries.first().timestamp() < oldest)) {
            entries.pollFirst();
        }
    }
}
