package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.sorting.ModelSorter;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.SortingCause;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * Applies a person's correction to a ticket's kept sorting: the corrected kind, level or theme wins
 * from then on (later events carry it), is marked corrected, and the reasons say who changed what;
 * the recommended tier and the misrouted flag follow the corrected kind.
 * A correction for a ticket not sorted yet is held, and applied once the ticket is: its events may wait
 * in the sorting's buffer (for an embedding, or behind one), or not have come at all, since events and
 * corrections come by different topics (a helpdesk macro corrects as it creates; a backlog of events
 * is caught up behind the corrections). One whose ticket has not come within the correction wait (a
 * typo in its id, the wrong product) or was forgotten (no event for the retention) is dead-lettered
 * with the reason: the ingest acknowledged it, so it is put aside to send again, not dropped.
 * Answers the sorting before and after, so the windows and release watches can move the ticket.
 */
final class ApplyCorrectionProcessor implements Processor<String, Correction, String, CorrectedSorting> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApplyCorrectionProcessor.class);

    private final Misrouting misrouting;
    /** How long the sorting keeps a ticket with no event, to say so when a correction finds none. */
    private final java.time.Duration ticketRetention;
    /** How long a correction of a ticket not sorted yet waits for the ticket's first event. */
    private final Duration correctionWait;
    /**
     * When each held correction was held, by its key in the held store, on this machine's clock. In memory: after a
     * restart or a move, a held correction waits its whole time again, which delays a letter and loses none.
     */
    private final Map<String, Long> heldSince = new HashMap<>();
    /** Knows the taxonomy's spelling of a theme a correction names. */
    private final Sorter sorter;
    /** The corrections topic, to dead-letter a held correction as itself. */
    private final Topic<String, Correction> correctionsTopic;
    private ProcessorContext<String, CorrectedSorting> context;
    private KeyValueStore<String, SortedTicket> tickets;
    /** The sorting's buffer: events let in and not yet out, keyed by their order. */
    private KeyValueStore<String, TicketEvent> pending;
    /** Corrections held while their tickets are being sorted, keyed by the order they came in. */
    private TimestampedKeyValueStore<String, Correction> held;
    /** How many corrections each ticket has held: a later one of the ticket waits behind them, to keep their order. */
    private final Map<String, Integer> heldByTicket = new HashMap<>();
    private long nextHeld;
    private KeyValueStore<String, ThemeCluster> clusters;
    private KeyValueStore<String, String> correctedThemes;
    /** The latest event time the task's sorting let out ({@link SortTicketProcessor#LATEST_EVENT_TIME}). */
    private KeyValueStore<String, Long> eventTimes;
    private ParkedBugs parked;

    /** Corrections of tickets being sorted held in order, until those are let out. */
    static final String HELD_STORE = "held-corrections-store";
    /**
     * The themes corrections named that the product had under no other spelling, by product and name in lower
     * case: a second correction naming "login broken" after one named "Login Broken" joins its row.
     */
    static final String CORRECTED_THEMES_STORE = "corrected-theme-names-store";
    /** How often held corrections are looked at: the sorting lets events out about every max wait. */
    private static final Duration HELD_CHECK_EVERY = Duration.ofMillis(100);

    ApplyCorrectionProcessor(Misrouting misrouting, Duration ticketRetention, Duration correctionWait, Sorter sorter,
                             Topic<String, Correction> correctionsTopic) {
        this.misrouting = misrouting;
        this.ticketRetention = ticketRetention;
        this.correctionWait = correctionWait;
        this.sorter = sorter;
        this.correctionsTopic = correctionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, CorrectedSorting> context) {
        this.context = context;
        this.tickets = context.getStateStore(SortTicketProcessor.TICKET_STATE_STORE);
        this.clusters = context.getStateStore(SortTicketProcessor.THEME_CLUSTERS_STORE);
        this.parked = new ParkedBugs(context.getStateStore(ParkedBugs.STORE), misrouting.bugAtL1MaxAge());
        this.pending = context.getStateStore(SortTicketProcessor.PENDING_STORE);
        this.held = context.getStateStore(HELD_STORE);
        this.correctedThemes = context.getStateStore(CORRECTED_THEMES_STORE);
        this.eventTimes = context.getStateStore(SortTicketProcessor.EVENT_TIME_STORE);
        heldByTicket.clear();
        heldSince.clear();
        nextHeld = 0;
        long startedAt = context.currentSystemTimeMs();
        try (KeyValueIterator<String, ValueAndTimestamp<Correction>> all = held.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<Correction>> kv = all.next();
                nextHeld = Math.max(nextHeld, Long.parseLong(kv.key) + 1);
                heldByTicket.merge(kv.value.value().getTicketId(), 1, Integer::sum);
                heldSince.put(kv.key, startedAt);
            }
        }
        context.schedule(HELD_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> applyHeld());
    }

    @Override
    public void process(Record<String, Correction> record) {
        Correction correction = record.value();
        if (correction == null) {
            return;
        }
        refuseWhatTheIngestRefuses(correction);
        if (heldByTicket.containsKey(correction.getTicketId())
                || unsortedYet(correction) && (!correctionWait.isZero() || ticketsBeingSorted().contains(correction.getTicketId()))) {
            hold(correction, record.timestamp());
            return;
        }
        apply(correction, record.timestamp());
    }

    /** No sorting of the ticket is kept: never heard of, or heard of through its routing only. */
    private boolean unsortedYet(Correction correction) {
        SortedTicket known = tickets.get(correction.getTicketId());
        return known == null || SortTicketProcessor.unsorted(known);
    }

    /** The tickets whose events wait in the sorting's buffer (at most a few batches of the encoder's). */
    private java.util.Set<String> ticketsBeingSorted() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (KeyValueIterator<String, TicketEvent> waiting = pending.all()) {
            while (waiting.hasNext()) {
                TicketEvent event = waiting.next().value;
                if (event != null) {
                    ids.add(event.getTicketId());
                }
            }
        }
        return ids;
    }

    private void hold(Correction correction, long timestamp) {
        String key = String.format("%019d", nextHeld++);
        held.put(key, ValueAndTimestamp.make(correction, timestamp));
        heldSince.put(key, context.currentSystemTimeMs());
        heldByTicket.merge(correction.getTicketId(), 1, Integer::sum);
        LOG.debug("correction {} of ticket {} held until the ticket is sorted", correction.getCorrectionId(), correction.getTicketId());
    }

    /**
     * Applies the held corrections whose tickets are sorted, in the order they came; one whose ticket is
     * still not sorted when its wait is over (never sent, or its event was dead-lettered) is dead-lettered as a
     * correction of no ticket. Runs on a punctuation, with no record in hand: a failure carries its
     * correction's own bytes.
     */
    private void applyHeld() {
        if (heldByTicket.isEmpty()) {
            return;
        }
        java.util.Set<String> beingSorted = ticketsBeingSorted();
        long now = context.currentSystemTimeMs();
        java.util.Set<String> stillWaiting = new java.util.HashSet<>();
        List<KeyValue<String, ValueAndTimestamp<Correction>>> inOrder = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Correction>> all = held.all()) {
            all.forEachRemaining(inOrder::add);
        }
        for (KeyValue<String, ValueAndTimestamp<Correction>> kv : inOrder) {
            Correction correction = kv.value.value();
            String ticketId = correction.getTicketId();
            if (stillWaiting.contains(ticketId) || unsortedYet(correction) && (beingSorted.contains(ticketId) || waiting(kv.key, now))) {
                stillWaiting.add(ticketId);
                continue;
            }
            try {
                CorrectionBeingApplied.whileApplying(correctionsTopic, correction, () -> apply(correction, kv.value.timestamp()));
            } catch (TaskMigratedException | TaskCorruptedException | org.apache.kafka.common.errors.TimeoutException e) {
                // the task's own trouble (moved or corrupted, a changelog write that timed out): the correction stays held,
                // and is applied by whoever runs the task next
                throw e;
            } catch (RuntimeException e) {
                if (org.ticketpipeline.schemas.topic.GlobalThreadLetters.registryUnavailable(e)) {
                    throw e; // the registry away: held, as a record read then is not put aside either (the thread is replaced)
                }
                // refused (another product's ticket, an untraced bug): put aside; the others stay held for the next punctuation
                release(kv.key, ticketId);
                throw new HeldCorrectionFailed(correctionsTopic, correction, e);
            }
            release(kv.key, ticketId);
        }
    }

    /** Whether the held correction may still wait for its ticket's first event. */
    private boolean waiting(String key, long now) {
        return now - heldSince.getOrDefault(key, now) < correctionWait.toMillis();
    }

    private void release(String key, String ticketId) {
        held.delete(key);
        heldSince.remove(key);
        heldByTicket.computeIfPresent(ticketId, (id, count) -> count > 1 ? count - 1 : null);
    }

    private void apply(Correction correction, long timestamp) {
        SortedTicket known = tickets.get(correction.getTicketId());
        if (SortTicketProcessor.unsorted(known)) {
            known = null; // heard of through its routing only: nothing sorted to correct yet
        }
        if (known != null && !known.getProduct().equals(correction.getProduct())) {
            // another product's tickets can share this task: the id alone would correct the wrong one's sorting
            throw new UnknownTicket("correction " + correction.getCorrectionId() + ": ticket " + correction.getTicketId() + " is of product "
                    + known.getProduct() + ", not " + correction.getProduct() + "; check the product and send it again");
        }
        if (known == null) {
            // acknowledged by the ingest, which cannot know the ticket: dead-lettered with the reason (to
            // corrections.dlt, which ./dead-letters list shows), not dropped with a log line nobody reads
            throw new UnknownTicket("correction " + correction.getCorrectionId() + ": no ticket " + correction.getTicketId()
                    + " of product " + correction.getProduct() + " has been sorted"
                    + (correctionWait.isZero() ? "" : " within " + (correctionWait.toMinutes() == 0 ? correctionWait.toSeconds() + " s" : Misrouting.age(correctionWait)) + " of the correction (classifier.correction-wait)")
                    + (ticketRetention.isZero() ? "" : " or kept (a ticket with no event for " + ticketRetention.toDays()
                            + " days is forgotten: classifier.ticket-retention)")
                    + "; check the ticket id and the product (a correction is looked up under its product), then send it again");
        }
        if (known.getAppliedCorrections().contains(correction.getCorrectionId())) {
            // a client's retry after an answer it did not get, under the id it sent: applied once, and not over a newer one
            LOG.info("correction {} of ticket {} was applied already: not again", correction.getCorrectionId(), correction.getTicketId());
            return;
        }
        List<String> changes = new ArrayList<>();
        SortedTicket.Builder corrected = SortedTicket.newBuilder(known).setCorrected(true).setCause(SortingCause.CORRECTION)
                .setAppliedCorrections(withApplied(known.getAppliedCorrections(), correction.getCorrectionId()));
        if (correction.getKind() != null && correction.getKind() != known.getKind()) {
            changes.add("kind " + label(correction.getKind()) + " (was " + label(known.getKind()) + ")");
            corrected.setKind(correction.getKind()).setConfidence(1.0);
            if (correction.getKind() != TicketKind.BUG) {
                corrected.setLevel(null);
            }
        }
        // blank is not given, as at the ingest: a correction from another producer must not make a bug of a nameless level
        String level = correction.getLevel() == null || org.ticketpipeline.schemas.text.Blank.isBlank(correction.getLevel()) ? null
                : correction.getLevel();
        if (level != null && !level.equals(known.getLevel())) {
            if (corrected.getKind() != TicketKind.BUG) {
                // only a bug traces to a level: naming one says the ticket is a bug
                changes.add("kind bug (was " + label(corrected.getKind()) + ")");
                corrected.setKind(TicketKind.BUG).setConfidence(1.0);
            }
            changes.add("level " + level + " (was " + (known.getLevel() == null ? "none" : known.getLevel()) + ")");
            corrected.setLevel(level);
        }
        if (corrected.getKind() == TicketKind.BUG && corrected.getLevel() == null && known.getKind() != TicketKind.BUG) {
            // the seeds' rule: what traces to no level is not a bug. The ingest refuses this; a correction written
            // to the topic by another producer is put aside with the reason rather than make an untraced bug
            throw new UntracedBug("correction " + correction.getCorrectionId() + " makes ticket " + correction.getTicketId()
                    + " a bug with no chain level, and what traces to no level is not a bug; name its level (brief, design, build, "
                    + "release or system:<back-stage system>) and send it again");
        }
        // blank is not given, as at the ingest: a correction from another producer must not make a nameless theme
        String theme = correction.getTheme() == null || org.ticketpipeline.schemas.text.Blank.isBlank(correction.getTheme()) ? null
                : spelling(correction.getTheme(), known);
        if (theme != null && !theme.equals(known.getTheme())) {
            changes.add("theme '" + theme + "' (was " + (known.getTheme() == null ? "none" : "'" + known.getTheme() + "'") + ")");
            corrected.setTheme(theme).setThemeSource("correction");
        }
        List<String> reasons = withCorrection(known.getReasons(), "corrected by " + correction.getBy() + ": "
                + (changes.isEmpty() ? "confirmed as sorted" : String.join(", ", changes))
                + (correction.getNote() == null ? "" : " (" + shortened(correction.getNote()) + ")"));
        corrected.setRecommendedTier(ModelSorter.tierFor(corrected.getKind(), corrected.getLevel()));
        SortedTicket result = corrected.setReasons(reasons).build();
        misrouting.flag(result, Misrouting.createdAt(known), judgedAt(known));
        parked.followCorrected(known, result);
        tickets.put(correction.getTicketId(), result);
        if (theme != null) {
            correctedThemes.putIfAbsent(correctedThemeKey(result.getProduct(), theme), theme);
        }
        // the windows and watches counted the ticket at its creation, under the tier it came in at: what
        // they take back and count again is that, with the sorting before and after
        SortedTicket countedBefore = known.getCounted() ? asCounted(known) : null;
        SortedTicket countedAfter = known.getCounted() ? asCounted(result) : null;
        context.forward(new Record<>(result.getProduct(), new CorrectedSorting(result, countedBefore, countedAfter), timestamp));
    }

    /** The ids of the corrections applied, this one added and the oldest dropped past {@link #CORRECTIONS_KEPT}. */
    static List<String> withApplied(List<String> applied, String correctionId) {
        List<String> out = new ArrayList<>(applied);
        out.add(correctionId);
        return out.size() <= CORRECTIONS_KEPT ? out : List.copyOf(out.subList(out.size() - CORRECTIONS_KEPT, out.size()));
    }

    /** How many correction lines a ticket's reasons keep, the newest: each is kept in every later record of the ticket. */
    static final int CORRECTIONS_KEPT = CorrectedSorting.CORRECTIONS_KEPT;
    /** A note's length in a reason: the note is whole on the corrections topic. */
    static final int NOTE_IN_REASON = 280;

    /**
     * The reasons with a correction's line added, and the oldest correction lines dropped past
     * {@link #CORRECTIONS_KEPT}: a ticket corrected again and again would otherwise grow past what Kafka
     * takes in one record, and its every later event would fail.
     */
    static List<String> withCorrection(List<String> reasons, String line) {
        List<String> out = new ArrayList<>(reasons);
        out.add(line);
        long corrections = out.stream().filter(r -> r.startsWith("corrected by ")).count();
        for (int i = 0; i < out.size() && corrections > CORRECTIONS_KEPT; ) {
            if (out.get(i).startsWith("corrected by ")) {
                out.remove(i);
                corrections--;
            } else {
                i++;
            }
        }
        return out;
    }

    private static String shortened(String note) {
        String line = note.strip().replaceAll("\\s+", " ");
        return line.length() <= NOTE_IN_REASON ? line : line.substring(0, NOTE_IN_REASON - 1) + "…";
    }

    /**
     * The time a corrected ticket's tier is judged at: event time, as everywhere else, and not the clock of the
     * person correcting it, which may be a day ahead of a backlog being sorted. That is the latest event time
     * the task's sorting let out (as a late creation is judged), or the ticket's own latest event if later;
     * for a bug already flagged as parked at L1 (it has had no event since), at least just past its limit, so a
     * correction that leaves it a bug at L1 leaves it flagged. Judged at the ticket's own last event, an old
     * ticket made a bug at L1 read as fine until the partition's next event, a night or a weekend away.
     */
    private Instant judgedAt(SortedTicket known) {
        Instant ownLastEvent = QuietTickets.lastEvent(known);
        Long letOut = eventTimes.get(SortTicketProcessor.LATEST_EVENT_TIME);
        Instant lastEvent = letOut != null && letOut > ownLastEvent.toEpochMilli() ? Instant.ofEpochMilli(letOut) : ownLastEvent;
        boolean flaggedAsParked = known.getMisrouted() && known.getKind() == TicketKind.BUG
                && known.getActualTier() == org.ticketpipeline.schemas.Tier.L1 && !Misrouting.isResolved(known);
        if (!flaggedAsParked) {
            return lastEvent;
        }
        Instant pastTheLimit = Misrouting.createdAt(known).plus(misrouting.bugAtL1MaxAge()).plusMillis(1);
        return pastTheLimit.isAfter(lastEvent) ? pastTheLimit : lastEvent;
    }

    /**
     * The theme a correction names, as the product already spells it: the ticket's own theme, a taxonomy
     * theme, an emerging theme of the product, or one an earlier correction of the product named, whatever
     * the case the person typed it in; else as typed.
     * A theme's windows, watches and subscriptions are keyed by its name, and "csv export times out" for
     * "CSV export times out" would otherwise count one theme in two rows.
     */
    private String spelling(String named, SortedTicket known) {
        String name = named.strip();
        if (known.getTheme() != null && known.getTheme().equalsIgnoreCase(name)) {
            return known.getTheme();
        }
        java.util.Optional<String> taxonomy = sorter.themeNamed(name);
        if (taxonomy.isPresent()) {
            return taxonomy.get();
        }
        // the product's emerging themes: a range of its keys, read only when a correction names a theme
        try (KeyValueIterator<String, ThemeCluster> product = clusters.prefixScan(known.getProduct() + "|", new StringSerializer())) {
            while (product.hasNext()) {
                ThemeCluster cluster = product.next().value;
                // the prefix "ledger|" also reads a product named "ledger|eu"
                if (cluster != null && cluster.getProduct().equals(known.getProduct()) && cluster.getLabel().equalsIgnoreCase(name)) {
                    return cluster.getLabel();
                }
            }
        }
        String earlier = correctedThemes.get(correctedThemeKey(known.getProduct(), name));
        return earlier != null ? earlier : name;
    }

    /** The product, then the name in lower case: the product's length first, so no product and name can spell another's key. */
    static String correctedThemeKey(String product, String theme) {
        return product.length() + ":" + product + "|" + theme.strip().toLowerCase(Locale.ROOT);
    }

    private static SortedTicket asCounted(SortedTicket ticket) {
        // counted as if it had come in sorted that way: a new ticket's record
        return SortedTicket.newBuilder(ticket).setEventType(org.ticketpipeline.schemas.TicketEventType.CREATED).setCause(SortingCause.EVENT)
                .setOccurredAt(ticket.getCreatedAt()).setActualTier(ticket.getCreatedTier())
                .setReasons(List.of()).setMisroutedReason(null).build();
    }

    /** A correction names a ticket this task has not sorted. */
    static final class UnknownTicket extends IllegalArgumentException {
        UnknownTicket(String message) {
            super(message);
        }
    }

    /** A correction that would make a bug of a ticket with no chain level to trace it to. */
    static final class UntracedBug extends IllegalArgumentException {
        UntracedBug(String message) {
            super(message);
        }
    }

    /** As the ingest caps an id or a name: the ticket keeps each in its record twice (the field and a reason line). */
    static final int MAX_NAME = org.ticketpipeline.schemas.json.OneLine.MAX_LENGTH;

    /**
     * Puts aside, before it is held or applied, a correction the ingest would have refused, written to the topic
     * by another producer: a level that is no chain level would count under a level nobody reads, and a theme of a
     * megabyte would take the ticket's record past what Kafka takes, failing its every later event.
     */
    private static void refuseWhatTheIngestRefuses(Correction correction) {
        String level = correction.getLevel();
        if (level != null && !org.ticketpipeline.schemas.text.Blank.isBlank(level) && !org.ticketpipeline.schemas.text.ChainLevels.isLevel(level)) {
            throw new RefusedCorrection(correction, "level '" + shown(level) + "' is no chain level: brief, design, build, release or "
                    + "system:<back-stage system>");
        }
        for (java.util.Map.Entry<String, String> field : java.util.Map.of("level", String.valueOf(level), "theme",
                String.valueOf(correction.getTheme()), "by", String.valueOf(correction.getBy())).entrySet()) {
            if (field.getValue().length() > MAX_NAME) {
                throw new RefusedCorrection(correction, "its " + field.getKey() + " is " + field.getValue().length()
                        + " characters, over the cap of " + MAX_NAME);
            }
        }
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** A correction the ingest would have refused: put aside with the reason. */
    static final class RefusedCorrection extends IllegalArgumentException {
        RefusedCorrection(Correction correction, String reason) {
            super("correction " + correction.getCorrectionId() + " of ticket " + correction.getTicketId() + " is refused: " + reason
                    + "; put it right and send it again");
        }
    }

    private static String label(TicketKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
