package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.classifier.sorting.Redactor;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.sorting.Sorting;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.EmergingThemes;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.SortingCause;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.text.Blank;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * Sorts a ticket when it is created (kind, level, reasons, tier), gives it its taxonomy theme or an
 * emerging one, and keeps the result, so later events (routed, resolved, reopened) carry it with the
 * ticket's current tier. Keyed by product: one product's emerging themes live in one task.
 *
 * <p>Embedding is the costly step. A text that needs one is handed to the encoder as its event
 * comes, and the encoder embeds it on its own threads with the other texts waiting, while this thread
 * goes on reading and sorting the next events: the stream thread and the encoder work side by side
 * instead of taking turns. Events still leave in the order they came, each as soon as it and every
 * event before it are ready (checked with every event, and every {@code maxWait} when none come).
 *
 * <p>Waiting events are kept in a changelogged buffer, so under exactly-once a crash or a rebalance
 * loses nothing: the restored buffer is sorted again, its embeddings asked for anew.
 */
final class SortTicketProcessor implements Processor<String, TicketEvent, String, SortedTicket> {

    private static final Logger LOG = LoggerFactory.getLogger(SortTicketProcessor.class);

    static final String TICKET_STATE_STORE = "ticket-state-store";
    /**
     * The latest event time let out, for {@link MoveCorrectedTickets} in the same task: the task's own
     * stream time also moves with the corrections, stamped when a person sent them, and a backfill's
     * windows, still open in event time, would look closed. In memory: after a restart it fills again.
     */
    static final String EVENT_TIME_STORE = SortedEventTime.STORE;
    static final String LATEST_EVENT_TIME = SortedEventTime.LATEST;
    /**
     * The theme source of a ticket heard of only through events with no words (routed, resolved) before its
     * creation came: kept for its tier and resolution, never sent on, never corrected, never parked.
     */
    static final String UNSORTED = "unsorted";
    static final String THEME_CLUSTERS_STORE = "theme-clusters-store";
    static final String PENDING_STORE = "pending-tickets-store";
    private static final int QUOTE_LENGTH = 280;
    /** How much of a ticket's words is redacted for its quote: the quote's length and room for what redaction lengthens ("Al" to "[name]"). */
    private static final int REDACTED_SPAN = 1_000;
    /**
     * Events waiting, in batches of the encoder: past that this thread waits for the encoder, not to
     * run too far ahead. Enough for the encoder's threads to stay busy (four gave 1,115 and 1,021
     * tickets a second in the benchmark, eight 1,134 and 1,151); few enough that the oldest waits
     * well under the embedding timeout (about half a second a task in a backlog).
     */
    private static final int BATCHES_AHEAD = 8;
    /**
     * Far longer than an embedding takes behind a full queue, and shorter than the exactly-once
     * transaction timeout (Kafka Streams' default 10 s), which would otherwise abort the transaction
     * the wait is in: past it the encoder is stuck, and the event is dead-lettered.
     */
    private static final Duration EMBEDDING_TIMEOUT = Duration.ofSeconds(5);
    /** How often, in event time, bugs that sit at L1 are looked at (less when the age limit is under a day). */
    private static final Duration PARKED_CHECK_EVERY = Duration.ofMinutes(1);
    /**
     * Bugs flagged at most with one event or one idle wake-up. After a quiet weekend, or when a backlog
     * gives way to live tickets, thousands can come due at once: flagged in one go, they held the live
     * tickets behind them for over a second in the benchmark (p95 0.8-1.4 s against 0.26 s).
     */
    private static final int MOST_FLAGGED_AT_ONCE = 16;
    private static final Duration PARKED_REWIND_EVERY = Duration.ofHours(1);
    /** How often, in event time, a round forgets quiet themes and starts through the tickets for quiet ones. */
    private static final Duration FORGET_QUIET_EVERY = Duration.ofHours(1);
    /**
     * How often, on the wall clock, a slice of the tickets is looked at while a round is on, and how many:
     * seven million an hour. Small slices often: each ticket is read and deserialised on the stream
     * thread, and 2,000 a second in one go held live tickets back (benchmark p95 279 against 262 ms).
     */
    private static final Duration QUIET_SLICE_EVERY = Duration.ofMillis(100);
    private static final int QUIET_SLICE = 200;

    private final Sorter sorter;
    private final Topic<String, TicketEvent> events;
    private final TextVectors vectors;
    private KeyValueStore<String, Long> eventTimes;
    private final double emergingThreshold;
    private final Misrouting misrouting;
    private final int batchSize;
    private final Duration maxWait;
    private ProcessorContext<String, SortedTicket> context;
    private KeyValueStore<String, SortedTicket> tickets;
    private KeyValueStore<String, TicketEvent> pending;
    private ParkedBugs parked;
    private final Duration ticketRetention;
    private final Duration emergingThemeRetention;
    private QuietTickets quietTickets;
    /** When quiet themes are next looked for, and a round through the tickets may next start, in event time. */
    private long nextForgetting = Long.MIN_VALUE;
    private boolean forgetting;
    private int forgottenThisRound;
    /**
     * The earliest latest-event time of any ticket kept, as the last whole round found it and every
     * write since lowered it; {@code Long.MIN_VALUE} until a round went through (after a start). A round
     * starts only when that ticket may have gone quiet: most hours none has, and a round reads every ticket.
     */
    private long oldestKept = Long.MIN_VALUE;
    /** The same, for the round going on: what it kept so far, and what was written since it started. */
    private long roundOldest;
    private long writtenOldest;
    /** The tickets with an event in the buffer, and how many: a round passes them by. */
    private final java.util.Map<String, Integer> waitingByTicket = new java.util.HashMap<>();
    /** The latest event time let out: the time bugs parked at L1 are judged at. */
    private long judgedUpTo = Long.MIN_VALUE;
    private long nextParkedCheck = Long.MIN_VALUE;
    /** When the index is next read from its first key again, in event time. */
    private long nextRewind = Long.MIN_VALUE;
    private final long parkedCheckEvery;
    private EmergingThemes emerging;
    private long nextSequence;
    /** Every event in the buffer, oldest first. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /** An event in the buffer, with its sorting (null when it needs none) and its embedding (null when it needs none). */
    private record Waiting(String key, TicketEvent event, Sorting sorting, CompletableFuture<float[]> vector) {
        boolean ready() {
            return vector == null || vector.isDone();
        }
    }

    SortTicketProcessor(Sorter sorter, TextVectors vectors, SortingTopology.Settings settings, Topic<String, TicketEvent> events) {
        this.sorter = sorter;
        this.events = events;
        this.vectors = vectors;
        this.emergingThreshold = settings.emergingThreshold();
        this.misrouting = new Misrouting(settings.bugAtL1MaxAge());
        this.batchSize = Math.max(1, settings.batchSize());
        this.maxWait = settings.maxWait();
        this.ticketRetention = settings.ticketRetention();
        this.emergingThemeRetention = settings.emergingThemeRetention();
        // a minute of event time late at most, and a bounded range read a minute however many tickets come
        this.parkedCheckEvery = Math.max(1, Math.min(PARKED_CHECK_EVERY.toMillis(), settings.bugAtL1MaxAge().toMillis() / 24));
    }

    @Override
    public void init(ProcessorContext<String, SortedTicket> context) {
        this.context = context;
        this.tickets = context.getStateStore(TICKET_STATE_STORE);
        this.eventTimes = context.getStateStore(EVENT_TIME_STORE);
        // a task revived on this object (a commit that timed out under exactly-once) starts from its stores, as a
        // new one would: what was derived from the state it rolled back is derived again
        waitingByTicket.clear();
        nextSequence = 0;
        oldestKept = Long.MIN_VALUE;
        forgetting = false;
        nextForgetting = Long.MIN_VALUE;
        nextParkedCheck = Long.MIN_VALUE;
        nextRewind = Long.MIN_VALUE;
        // the latest event time let out, kept (and restored with the task): a correction of a backfilled ticket
        // is judged against it after a restart too, and so is the age of a bug whose creation comes late
        Long latest = eventTimes.get(LATEST_EVENT_TIME);
        judgedUpTo = latest == null ? Long.MIN_VALUE : latest;
        this.pending = context.getStateStore(PENDING_STORE);
        this.parked = new ParkedBugs(context.getStateStore(ParkedBugs.STORE), misrouting.bugAtL1MaxAge());
        if (!parked.built()) {
            // once per task, and again when classifier.bug-at-l1-max-age changes: the index is keyed by when each bug is due
            LOG.info("indexing the bugs at L1 of task {} by when they are {} old", context.taskId(), misrouting.bugAtL1MaxAge());
            try (KeyValueIterator<String, SortedTicket> all = tickets.all()) {
                parked.build(all);
            }
        }
        this.quietTickets = new QuietTickets(tickets, parked, ticketRetention);
        try (KeyValueIterator<String, SortedTicket> first = tickets.all()) {
            if (!first.hasNext()) {
                // nothing kept (a first start): the oldest ticket is known from the writes, and no round is
                // owed until it may be quiet; otherwise the first round would chase a growing store's tail
                oldestKept = Long.MAX_VALUE;
            }
        }
        KeyValueStore<String, ThemeCluster> clusters = context.getStateStore(THEME_CLUSTERS_STORE);
        // a forgotten theme is put as null: deleted from the store and its changelog
        this.emerging = new EmergingThemes(vectors, emergingThreshold, clusters::put, emergingThemeRetention)
                .reserving(sorter::themeNamed);
        try (KeyValueIterator<String, ThemeCluster> all = clusters.all()) {
            all.forEachRemaining(kv -> emerging.restore(kv.value));
        }
        int dropped = emerging.dropOtherEncoders();
        if (dropped > 0) {
            LOG.warn("{} emerging themes were made with another encoder than {} (classifier.embedding-model changed): forgotten, "
                    + "and the tickets to come group again from nothing (their names may come back)", dropped, vectors.encoder());
        }
        try (KeyValueIterator<String, TicketEvent> restored = pending.all()) {
            while (restored.hasNext()) {
                KeyValue<String, TicketEvent> kv = restored.next();
                nextSequence = Math.max(nextSequence, Long.parseLong(kv.key) + 1);
                try {
                    admit(kv.key, kv.value);
                } catch (RuntimeException e) {
                    // a task that cannot start would fail again on every restart: the event is dead-lettered when its turn comes
                    waiting.add(new Waiting(kv.key, kv.value, null, CompletableFuture.failedFuture(e)));
                    waitingByTicket.merge(kv.value.getTicketId(), 1, Integer::sum);
                }
            }
        }
        context.schedule(maxWait, PunctuationType.WALL_CLOCK_TIME, this::onMaxWait);
        context.schedule(QUIET_SLICE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetQuiet);
    }

    /**
     * Once an hour of event time, forgets the emerging themes gone quiet, and starts a round through the
     * tickets, a slice every tenth of a second, forgetting those with no event for the retention, when one may have
     * gone quiet. In event time, as the windows judge: the latest event time of the task, so a replayed
     * backlog beside live traffic is judged against the live time. On the wall clock's schedule, so a
     * large store is never read in one go in front of the events waiting.
     */
    private void forgetQuiet(long wallClock) {
        if (judgedUpTo == Long.MIN_VALUE) {
            return;
        }
        Instant now = Instant.ofEpochMilli(judgedUpTo);
        if (judgedUpTo >= nextForgetting) {
            nextForgetting = judgedUpTo + FORGET_QUIET_EVERY.toMillis();
            int themes = emerging.forgetQuiet(now);
            if (themes > 0) {
                LOG.info("forgot {} emerging themes with no ticket for {} per ticket they held; {} kept", themes, emergingThemeRetention, emerging.size());
            }
            boolean mayBeQuiet = oldestKept == Long.MIN_VALUE || oldestKept < now.minus(ticketRetention).toEpochMilli();
            if (!forgetting && !ticketRetention.isZero() && mayBeQuiet) {
                forgetting = true;
                forgottenThisRound = 0;
                roundOldest = Long.MAX_VALUE;
                writtenOldest = Long.MAX_VALUE;
            }
        }
        if (forgetting) {
            QuietTickets.Slice slice = quietTickets.next(now, QUIET_SLICE, waitingByTicket::containsKey);
            forgottenThisRound += slice.forgotten();
            roundOldest = Math.min(roundOldest, slice.oldestKept());
            if (slice.roundDone()) {
                forgetting = false;
                oldestKept = Math.min(roundOldest, writtenOldest);
                if (forgottenThisRound > 0) {
                    LOG.info("forgot {} tickets with no event since {} ({} retention)", forgottenThisRound, now.minus(ticketRetention), ticketRetention);
                }
            }
        }
    }

    /** A ticket written: a round going on, or the next one, must know how early its latest event may be. */
    private void kept(SortedTicket ticket) {
        long last = QuietTickets.lastEvent(ticket).toEpochMilli();
        writtenOldest = Math.min(writtenOldest, last);
        if (oldestKept != Long.MIN_VALUE) {
            oldestKept = Math.min(oldestKept, last);
        }
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        if (record.value() == null) {
            return;
        }
        String key = String.format("%019d", nextSequence++);
        admit(key, record.value()); // first: an event the sorter cannot take is dead-lettered as itself, and not kept
        pending.put(key, record.value());
        int ahead = batchSize * BATCHES_AHEAD;
        forwardReady(waiting.size() > ahead ? ahead / 2 : Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        // what is still waiting stays in the buffer for whoever owns the task next; the encoder can drop its texts
        waiting.forEach(w -> {
            if (w.vector != null) {
                w.vector.cancel(false);
            }
        });
        waiting.clear();
        waitingByTicket.clear();
    }

    /**
     * Sorts an event as it comes, and hands its text to the encoder when it needs an embedding. An event of
     * another helpdesk than its ticket's is another ticket that shares the id (two helpdesks numbering
     * tickets 1, 2, 3): merged, one ticket's sorting, tier and counts would take the other's events. It is
     * put aside with the reason, for its producer to send under an id of its own.
     */
    private void admit(String key, TicketEvent event) {
        SortedTicket known = knownOf(event);
        requireSameHelpdesk(event, known);
        Sorting sorting = hasWords(event) && (event.getType() == TicketEventType.CREATED || known == null || unsorted(known))
                ? sorter.sort(event) : null;
        // a creation that stays in the emerging theme its reply joined (sortNew) needs no vector of its own
        boolean staysInTheme = event.getType() == TicketEventType.CREATED && joinedAnEmergingTheme(known)
                && !known.getCounted() && !known.getCorrected();
        boolean needsVector = sorting != null && sorting.theme() == null && !staysInTheme;
        waiting.add(new Waiting(key, event, sorting, needsVector ? vectors.vectorLater(textOf(event)) : null));
        waitingByTicket.merge(event.getTicketId(), 1, Integer::sum);
    }

    /**
     * Lets out what is ready. Under a light load (less than a batch waits) it also waits for the
     * rest, a few milliseconds of the encoder's, rather than until this thread next wakes: records
     * come in commit-interval waves.
     */
    private void onMaxWait(long now) {
        forwardReady(waiting.size() <= batchSize ? 0 : Integer.MAX_VALUE);
        if (waiting.isEmpty()) {
            flagDueBugs(); // idle: a good time to work off bugs that came due together
        }
    }

    /**
     * Forwards the oldest events that are ready, in order; then, while more than {@code keepAtMost}
     * wait, waits for the oldest.
     */
    private void forwardReady(int keepAtMost) {
        while (!waiting.isEmpty() && (waiting.peek().ready() || waiting.size() > keepAtMost)) {
            forwardHead();
        }
    }

    /**
     * Sorts and forwards the oldest event, waiting for its embedding if need be. An event whose
     * embedding, sorting or writing fails leaves the buffer and is dead-lettered as itself (not as the
     * record being processed when it failed), and the events behind it go on. When the task itself is
     * lost (migrated, corrupted) the event stays: the task is restored and its buffer with it.
     *
     * <p>The forward is outside the try: a failure in a processor after this one is that processor's,
     * handled where it happens (see {@link EventBeingLetOut}); caught here, a handler's decision to
     * stop the task would turn into a second dead letter.
     */
    private void forwardHead() {
        Waiting head = waiting.peek();
        SortedTicket sorted;
        try {
            sorted = sortOne(head.event, head.sorting, head.vector == null ? null : head.vector.get(EMBEDDING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TaskMigratedException | TaskCorruptedException e) {
            throw e;
        } catch (ExecutionException e) {
            throw failed(head, e.getCause());
        } catch (TimeoutException e) {
            head.vector.cancel(false);
            throw failed(head, new TimeoutException("no embedding after " + EMBEDDING_TIMEOUT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(head, e);
        } catch (RuntimeException e) {
            throw failed(head, e);
        }
        leave(head);
        TicketEvent event = head.event;
        if (sorted != null) {
            EventBeingLetOut.whileForwarding(events, event,
                    () -> context.forward(new Record<>(event.getProduct(), sorted, event.getOccurredAt().toEpochMilli())));
        }
        flagBugsParkedTooLong(event.getOccurredAt());
    }

    /**
     * Flags the bugs that have sat at L1 past the limit by the latest event time let out, and sends
     * each on again (cause AGE, which the windows and release watches do not count): nobody routes a
     * parked bug, so no event of its own would ever flag it. Judged in event time, as every window is,
     * so a replayed backlog flags what was parked then and not everything at once; a product whose
     * partition gets no events is judged when the next one comes.
     */
    private void flagBugsParkedTooLong(Instant eventTime) {
        if (eventTime.toEpochMilli() > judgedUpTo) {
            judgedUpTo = eventTime.toEpochMilli();
            eventTimes.put(LATEST_EVENT_TIME, judgedUpTo);
        }
        flagDueBugs();
    }

    /** Flags a few of the bugs due by {@code judgedUpTo}; while more are due, it looks again next time, not a minute on. */
    private void flagDueBugs() {
        if (judgedUpTo == Long.MIN_VALUE || judgedUpTo < nextParkedCheck) {
            return;
        }
        Instant now = Instant.ofEpochMilli(judgedUpTo);
        if (judgedUpTo >= nextRewind) {
            // once an hour of event time: what a correction put behind the last key taken is found too; not
            // more often, as a read from the first key wades through the deleted ones
            parked.rewind();
            nextRewind = judgedUpTo + PARKED_REWIND_EVERY.toMillis();
        }
        List<KeyValue<String, String>> due = parked.due(now, MOST_FLAGGED_AT_ONCE);
        nextParkedCheck = due.size() == MOST_FLAGGED_AT_ONCE ? judgedUpTo : judgedUpTo + parkedCheckEvery;
        for (KeyValue<String, String> entry : due) {
            SortedTicket ticket = tickets.get(entry.value);
            if (Misrouting.mayBecomeParked(ticket)) {
                SortedTicket flagged = SortedTicket.newBuilder(ticket).setCause(SortingCause.AGE).build();
                misrouting.flag(flagged, Misrouting.createdAt(ticket), now);
                tickets.put(entry.value, flagged);
                if (flagged.getMisrouted()) {
                    EventBeingLetOut.whileSendingAgain(() -> context.forward(new Record<>(flagged.getProduct(), flagged, judgedUpTo)));
                }
            }
            parked.taken(entry.key);
        }
    }

    private BufferedEventFailed failed(Waiting head, Throwable cause) {
        leave(head);
        return new BufferedEventFailed(events, head.event, cause);
    }

    /** The oldest event out of the buffer, in memory and in the store. */
    private void leave(Waiting head) {
        waiting.poll();
        pending.delete(head.key);
        waitingByTicket.computeIfPresent(head.event.getTicketId(), (ticketId, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * The ticket's words, redacted, then cut to {@link #QUOTE_LENGTH}: an address cut first is no longer
     * one the redactor knows. Only the head is redacted, so a long e-mail costs no more than a short one;
     * the head ends at a space, so it splits no address either, and whatever it leaves out is marked.
     */
    static String quoteOf(String words) {
        String head = words;
        if (words.length() > REDACTED_SPAN) {
            int end = REDACTED_SPAN;
            while (end > 0 && !Character.isWhitespace(words.charAt(end))) {
                end--;
            }
            head = words.substring(0, end > 0 ? end : REDACTED_SPAN);
        }
        String redacted = Redactor.redact(head);
        if (redacted.length() > QUOTE_LENGTH) {
            return redacted.substring(0, QUOTE_LENGTH) + "…";
        }
        return head.length() < words.length() ? redacted + "…" : redacted;
    }

    /**
     * Whether the event names a tier newer than the one the ticket has: any tier when it has none, else one
     * at least as recent as the event that gave it (or, in records from before that was kept, the latest).
     */
    private static boolean namesANewerTier(TicketEvent event, SortedTicket known) {
        if (event.getTier() == null) {
            return false;
        }
        if (known.getActualTier() == null) {
            return true;
        }
        Instant since = known.getTierAt() != null ? known.getTierAt() : QuietTickets.lastEvent(known);
        return !event.getOccurredAt().isBefore(since);
    }

    /** Resolved by its newest resolved event, opened again by a newer reopened one; any other event leaves it be. */
    private static boolean resolvedAfter(TicketEvent event, boolean newest, SortedTicket known) {
        boolean was = Misrouting.isResolved(known);
        if (!newest) {
            return was;
        }
        return event.getType() == TicketEventType.RESOLVED || event.getType() != TicketEventType.REOPENED && was;
    }

    /** Whether the event is the ticket's newest so far (ties go to the one that came last). */
    private static boolean isNewest(TicketEvent event, SortedTicket known) {
        return !event.getOccurredAt().isBefore(QuietTickets.lastEvent(known));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean hasWords(TicketEvent event) {
        return event.getSubject() != null || event.getBody() != null;
    }

    private static String textOf(TicketEvent event) {
        return (event.getSubject() == null ? "" : event.getSubject() + ". ") + (event.getBody() == null ? "" : event.getBody());
    }

    /**
     * Refuses an event of another helpdesk than its ticket's. Checked as the event comes and again as it is
     * sorted: the ticket's first event may still have been waiting for its embedding when this one came.
     */
    private static void requireSameHelpdesk(TicketEvent event, SortedTicket known) {
        if (known != null && known.getSourceHelpdesk() != null && !known.getSourceHelpdesk().equals(event.getSourceHelpdesk())) {
            throw new TicketIdOfAnotherHelpdesk("event " + event.getEventId() + " of ticket " + event.getTicketId() + " comes from "
                    + event.getSourceHelpdesk() + ", but ticket " + event.getTicketId() + " is " + known.getSourceHelpdesk() + "'s (product "
                    + known.getProduct() + "): two helpdesks' tickets share the id; send it again under an id of its own, "
                    + "such as one prefixed by its helpdesk");
        }
    }

    /** The event's sorted ticket, kept; null when there is nothing to sort. */
    private SortedTicket sortOne(TicketEvent event, Sorting sorting, float[] vector) {
        SortedTicket known = knownOf(event);
        requireSameHelpdesk(event, known);
        if (known != null && known.getCounted() && event.getType() == TicketEventType.CREATED) {
            // created twice: a replay older than the replay check remembers (the weekly windows take events
            // 4 weeks late), or a helpdesk that sent the creation again under a new id. Sent on as a
            // creation, the windows and the release watch would count the ticket a second time.
            LOG.warn("event {} says ticket {} was created, but it was already counted as created at {}: not counted again",
                    event.getEventId(), event.getTicketId(), known.getCreatedAt());
            return null;
        }
        SortedTicket sorted;
        boolean sortedYet = known != null && !unsorted(known);
        if (!sortedYet || (event.getType() == TicketEventType.CREATED && !known.getCorrected())) {
            if (sorting == null) {
                // no words to sort: a ticket created before the pipeline saw it, or one whose routing came
                // before its creation; where it sits and whether it is resolved wait for its words
                if (!sortedYet) {
                    heardOf(event, known);
                }
                return null;
            }
            sorted = sortNew(event, known, sorting, vector);
        } else {
            // where the ticket is now and whether it is open are its newest such event's to say: a late event (a
            // reply dated before the routing to L2) must not put it back at the tier it had then
            boolean newest = isNewest(event, known);
            boolean newerTier = namesANewerTier(event, known);
            Tier tier = newerTier ? event.getTier() : known.getActualTier();
            SortedTicket.Builder carried = SortedTicket.newBuilder(known)
                    // a ticket kept before the field learns its helpdesk from its next event
                    .setSourceHelpdesk(known.getSourceHelpdesk() != null ? known.getSourceHelpdesk() : event.getSourceHelpdesk())
                    .setEventId(event.getEventId())
                    .setEventType(event.getType())
                    .setOccurredAt(event.getOccurredAt())
                    .setActualTier(tier)
                    .setTierAt(newerTier ? event.getOccurredAt() : known.getTierAt())
                    .setResolved(resolvedAfter(event, newest, known))
                    .setCause(SortingCause.EVENT)
                    .setLastEventAt(latest(QuietTickets.lastEvent(known), event.getOccurredAt()));
            if (event.getType() == TicketEventType.CREATED) {
                // corrected before its creation came: the windows count it now, as corrected, and only now
                carried.setCounted(true).setCreatedAt(event.getOccurredAt())
                        .setCreatedTier(event.getTier()); // as it came in: a creation with no tier is unrouted, whatever came before it
            }
            sorted = carried.build();
        }
        // judged at the latest time let out, not the event's own: a bug whose creation arrives after its
        // age has passed (a late event, or one another partition's task sent on after a newer ticket)
        // is parked already, and the next look at the index may be a minute of event time away
        Instant now = judgedUpTo > event.getOccurredAt().toEpochMilli() ? Instant.ofEpochMilli(judgedUpTo) : event.getOccurredAt();
        // aged from the creation when this is it: a creation after a reply is not aged from the reply
        misrouting.flag(sorted, sorted.getCreatedAt() != null ? sorted.getCreatedAt()
                : known == null ? event.getOccurredAt() : Misrouting.createdAt(known), now);
        parked.follow(known, sorted);
        tickets.put(event.getTicketId(), sorted);
        kept(sorted);
        return sorted;
    }

    /**
     * The kept ticket of an event's id. A placeholder of another helpdesk gives way: a routing of one
     * helpdesk's old ticket must not turn away another's new ticket of the same id for 90 days. Not while an
     * event of the placeholder's own helpdesk waits for the encoder: that is its creation, or more of its ticket,
     * which the routing kept was kept for.
     */
    private SortedTicket knownOf(TicketEvent event) {
        SortedTicket known = tickets.get(event.getTicketId());
        if (unsorted(known) && known.getSourceHelpdesk() != null && !known.getSourceHelpdesk().equals(event.getSourceHelpdesk())
                && !waitsFrom(event.getTicketId(), known.getSourceHelpdesk())) {
            tickets.delete(event.getTicketId());
            return null;
        }
        return known;
    }

    /** Whether an event of the ticket from that helpdesk waits to be let out; the queue is read only when the ticket has one there. */
    private boolean waitsFrom(String ticketId, String helpdesk) {
        return waitingByTicket.containsKey(ticketId)
                && waiting.stream().anyMatch(w -> w.event.getTicketId().equals(ticketId) && helpdesk.equals(w.event.getSourceHelpdesk()));
    }

    /** Whether the kept ticket's words (a reply that came before its creation) joined an emerging theme. */
    private static boolean joinedAnEmergingTheme(SortedTicket known) {
        return known != null && "emerging".equals(known.getThemeSource());
    }

    /** Whether the kept ticket is only heard of ({@link #UNSORTED}): no words of it sorted yet. */
    static boolean unsorted(SortedTicket ticket) {
        return ticket != null && UNSORTED.equals(ticket.getThemeSource());
    }

    /**
     * Keeps what an event with no words says of a ticket not sorted yet (its tier, whether it is resolved,
     * its latest event), for its creation to find: a routing to L2 that came before a creation at L1
     * must leave it at L2, not parked at L1. Kept as noise with no theme, so no index of parked bugs,
     * window or reader takes it for a ticket; forgotten as any ticket with no event for the retention.
     */
    private void heardOf(TicketEvent event, SortedTicket known) {
        SortedTicket.Builder builder = known != null ? SortedTicket.newBuilder(known) : SortedTicket.newBuilder()
                .setTicketId(event.getTicketId())
                .setProduct(event.getProduct())
                .setProductVersion(event.getProductVersion())
                .setCustomerId(event.getCustomerId())
                .setSourceHelpdesk(event.getSourceHelpdesk())
                .setKind(TicketKind.NOISE)
                .setTheme("")
                .setThemeSource(UNSORTED)
                .setMisrouted(false)
                .setCorrected(false)
                .setCounted(false);
        boolean newerTier = known == null ? event.getTier() != null : namesANewerTier(event, known);
        SortedTicket heard = builder
                .setEventId(event.getEventId())
                .setEventType(event.getType())
                .setOccurredAt(event.getOccurredAt())
                .setActualTier(newerTier ? event.getTier() : known == null ? null : known.getActualTier())
                .setTierAt(newerTier ? event.getOccurredAt() : known == null ? null : known.getTierAt())
                .setResolved(known == null ? event.getType() == TicketEventType.RESOLVED : resolvedAfter(event, isNewest(event, known), known))
                .setLastEventAt(known == null ? event.getOccurredAt() : latest(QuietTickets.lastEvent(known), event.getOccurredAt()))
                .build();
        tickets.put(event.getTicketId(), heard);
        kept(heard); // so the round that forgets quiet tickets looks at it too
    }

    private SortedTicket sortNew(TicketEvent event, SortedTicket known, Sorting sorting, float[] vector) {
        String theme = sorting.theme();
        String themeSource = sorting.themeSource();
        List<String> reasons = new ArrayList<>(sorting.reasons());
        if (theme == null && joinedAnEmergingTheme(known)) {
            // its earlier words (a reply that came before its creation) joined an emerging theme already:
            // joined again, the theme would count one ticket twice, or keep a member that left it
            theme = known.getTheme();
            themeSource = "emerging";
            reasons.add("no taxonomy theme explains it: stays in emerging theme '" + theme + "', which its earlier words joined");
        } else if (theme == null) {
            // admitted as staying in its reply's theme, which it no longer is: embedded here, on this thread
            float[] embedded = vector != null ? vector : vectors.vector(textOf(event));
            EmergingThemes.Assignment assignment = emerging.assign(event.getProduct(), event.getSubject(), textOf(event), embedded, event.getOccurredAt());
            theme = assignment.theme();
            themeSource = "emerging";
            reasons.add(assignment.started()
                    ? "no taxonomy theme explains it: starts emerging theme '" + theme + "'"
                    : String.format(java.util.Locale.ROOT, "no taxonomy theme explains it: joins emerging theme '%s' (similarity %.2f)",
                            theme, assignment.similarity()));
        }
        Tier eventTier = event.getTier() != null ? event.getTier() : known == null ? null : known.getActualTier();
        // a creation that arrives after the ticket's later events (routed to L2, resolved) leaves them standing
        boolean newest = known == null || isNewest(event, known);
        boolean newerTier = known == null || namesANewerTier(event, known);
        Tier tier = newerTier ? eventTier : known.getActualTier();
        // a helpdesk that sends an empty body (or one of a zero-width space) with a real subject: the subject
        // is the ticket's words, blank as the ingest judges it
        String words = event.getBody() != null && (!Blank.isBlank(event.getBody()) || event.getSubject() == null) ? event.getBody() : event.getSubject();
        String quote = quoteOf(words);
        return SortedTicket.newBuilder()
                .setTicketId(event.getTicketId())
                .setEventId(event.getEventId())
                .setEventType(event.getType())
                .setOccurredAt(event.getOccurredAt())
                .setProduct(event.getProduct())
                .setProductVersion(event.getProductVersion())
                .setCustomerId(event.getCustomerId())
                .setSourceHelpdesk(known != null && known.getSourceHelpdesk() != null ? known.getSourceHelpdesk() : event.getSourceHelpdesk())
                .setKind(sorting.kind())
                .setConfidence(sorting.confidence())
                .setLevel(sorting.level())
                .setTheme(theme)
                .setThemeSource(themeSource)
                .setReasons(reasons)
                .setActualTier(tier)
                .setRecommendedTier(sorting.recommendedTier())
                .setQuote(quote)
                // a CREATED event says when the ticket was created, whatever came before it
                .setCreatedAt(event.getType() == TicketEventType.CREATED || known == null || known.getCreatedAt() == null
                        ? event.getOccurredAt() : known.getCreatedAt())
                .setCounted(event.getType() == TicketEventType.CREATED || known != null && known.getCounted())
                // the tier the windows count it under: the tier its CREATED event came in at (none: unrouted), also when
                // it arrives after a routing, which would otherwise decide the mix by the order events arrive in
                .setCreatedTier(event.getType() == TicketEventType.CREATED ? event.getTier() : known == null ? null : known.getCreatedTier())
                .setTierAt(newerTier && event.getTier() != null ? event.getOccurredAt() : known == null ? null : known.getTierAt())
                .setResolved(known == null ? event.getType() == TicketEventType.RESOLVED : resolvedAfter(event, newest, known))
                .setLastEventAt(known == null ? event.getOccurredAt() : latest(QuietTickets.lastEvent(known), event.getOccurredAt()))
                .build();
    }

}
