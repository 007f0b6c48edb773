package org.ticketpipeline.classifier.watch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.release.HandoffGate;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.classifier.topology.NewTickets;
import org.ticketpipeline.classifier.topology.SortedEventTime;

/**
 * Watches releases: keeps each product's new tickets (by event time, as long as a watch may need
 * them), and on a wall-clock beat recomputes the watches of products that changed (on the first beat
 * after a start, every open watch this task owns), publishing a snapshot when it differs from the
 * last one and a final one, once, when window and grace are over and the product's tickets have
 * settled, even if no ticket comes. Recomputing from the kept tickets is what lets a release registered after
 * its first tickets, out-of-order tickets and overlapping releases all come out right.
 *
 * <p>Attribution: a ticket belongs to the release of its product whose version it names, if that
 * release's window holds the ticket's time; otherwise to the most recent release whose window holds it.
 */
public final class ReleaseWatchProcessor implements Processor<String, SortedTicket, String, ReleaseWatch> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatchProcessor.class);

    public static final String TICKETS_STORE = "watch-tickets-store";
    public static final String STATE_STORE = "release-watch-state-store";
    public static final String RELEASES_STORE = "releases-store";

    private final WatchSettings settings;
    private final int partitions;
    private final java.util.function.LongSupplier nanoTime;
    private ProcessorContext<String, ReleaseWatch> context;
    private KeyValueStore<String, SortedTicket> tickets;
    private KeyValueStore<String, ReleaseWatch> published;
    private KeyValueStore<String, ValueAndTimestamp<Release>> releases;
    /** The latest event time the sorting let out in this task, kept with its state: how far a backlog has come. */
    private KeyValueStore<String, Long> eventTimes;
    /** When this processor (re)started, wall clock. */
    private long startedAt;
    private final Set<String> changedProducts = new HashSet<>();
    /**
     * Products that got a release, or a release changed, in this refresh: their other open watches are
     * judged again at the next, as the new release may take tickets from them (those judged before it in
     * this refresh did not see it).
     */
    private final Set<String> releasedProducts = new HashSet<>();
    /** This refresh's: whether each product's watches may be recomputed, and how long that took. */
    private final java.util.Map<String, Boolean> mayRecompute = new java.util.HashMap<>();
    private final java.util.Map<String, Long> took = new java.util.HashMap<>();
    /** Below this a recompute costs the stream thread little, and the next waits only for the beat. */
    static final long SLOW_RECOMPUTE_MS = 50;
    /** How many times as long as a slow recompute took the next one waits: watches then take a tenth of the thread. */
    static final long BACK_OFF = 9;
    /**
     * Until the first refresh after init every open watch counts as changed: which products had a ticket
     * kept after the last refresh before a restart or a rebalance was in the last owner's memory, and
     * the restored stores do not say.
     */
    private boolean recomputeAllOpen;
    /** What each product's tickets landed lately, and each release's first sight (wall clock), in this task. */
    private final java.util.Map<String, RecentArrivals> arrivals = new java.util.HashMap<>();
    private final java.util.Map<String, Long> firstSeenAt = new java.util.HashMap<>();
    private long lastCleanup;
    /**
     * Each open watch's background counted by theme, read once rather than on every recompute: the days
     * before a release are most of what a watch reads (7 of 9), and they change only when a late ticket
     * lands in them, which forgets the count.
     */
    private final java.util.Map<String, Background> backgrounds = new java.util.HashMap<>();
    /** The tickets before a release, counted by theme, and the span of event time counted. */
    /** A release's background: its product's tickets by theme over [coveredFrom, to), the part of [from, to) the store holds. */
    private record Background(String product, long from, long coveredFrom, long to, java.util.Map<String, Long> counts) {
        /** Whether a ticket at {@code at} changes it: one inside it, or, while it covers less than its span, any one before it. */
        boolean holds(String product, long at) {
            return this.product.equals(product) && at < to && (at >= from || coveredFrom > from);
        }
    }
    /**
     * When each product's watches may next be recomputed (wall clock): a recompute reads the product's
     * kept tickets, which for a busy product takes long enough to hold the stream thread back, so after a
     * slow one the next waits nine times as long as it took, and watches take at most a tenth of the thread.
     */
    private final java.util.Map<String, Long> recomputeAfter = new java.util.HashMap<>();
    /** The products whose tickets this task keeps, so their old ones are forgotten with or without a release. */
    private final Set<String> productsWithTickets = new HashSet<>();
    /** The hour since its release each open watch was last judged at: a quiet product's rates go stale by the hour. */
    private final java.util.Map<String, Long> judgedAtHour = new java.util.HashMap<>();
    /** Releases sent again with changes after their tickets were forgotten: said once. */
    private final Set<String> changedTooLate = new HashSet<>();
    /** Releases not watched (no complete support handoff, or a time no watch can count from): said once. */
    private final Set<String> unwatched = new HashSet<>();
    /** Releases whose last refresh failed: said once in the log, not at every refresh. */
    private final Set<String> failing = new HashSet<>();
    private boolean productsKnown;

    public ReleaseWatchProcessor(WatchSettings settings, int partitions) {
        this(settings, partitions, System::nanoTime);
    }

    /** With the clock a recompute is timed by. */
    ReleaseWatchProcessor(WatchSettings settings, int partitions, java.util.function.LongSupplier nanoTime) {
        this.settings = settings;
        this.partitions = partitions;
        this.nanoTime = nanoTime;
    }

    @Override
    public void init(ProcessorContext<String, ReleaseWatch> context) {
        this.context = context;
        this.tickets = context.getStateStore(TICKETS_STORE);
        this.published = context.getStateStore(STATE_STORE);
        this.releases = context.getStateStore(RELEASES_STORE);
        this.eventTimes = context.getStateStore(SortedEventTime.STORE);
        this.startedAt = context.currentSystemTimeMs();
        this.recomputeAllOpen = true;
        // a task revived on this object starts from its stores, as a new one would
        backgrounds.clear();
        recomputeAfter.clear();
        context.schedule(settings.refresh(), PunctuationType.WALL_CLOCK_TIME, this::refresh);
    }

    @Override
    public void process(Record<String, SortedTicket> record) {
        SortedTicket ticket = record.value();
        if (ticket == null || !NewTickets.isNew(ticket)) {
            return;
        }
        long at = ticket.getOccurredAt().toEpochMilli();
        tickets.put(key(ticket.getProduct(), at, ticket.getTicketId()), ticket);
        backgrounds.values().removeIf(b -> b.holds(ticket.getProduct(), at));
        productsWithTickets.add(ticket.getProduct());
        changedProducts.add(ticket.getProduct());
        arrivals.computeIfAbsent(ticket.getProduct(), p -> new RecentArrivals(settings.settle().toMillis()))
                .landed(context.currentSystemTimeMs(), ticket.getOccurredAt().toEpochMilli());
    }

    private void refresh(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        long refreshStarted = nanoTime.getAsLong();
        Set<String> open = new HashSet<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Release>> all = releases.all()) {
            while (all.hasNext()) {
                Release release = all.next().value.value();
                if (release == null || !owns(release.getProduct())) {
                    continue;
                }
                try {
                    refreshOne(release, now, wallClock, open);
                } catch (ArithmeticException | java.time.DateTimeException e) {
                    // one release that cannot be judged (a time arithmetic overflows on) must not stop the task's
                    // other watches, nor the clean-up below; said once, not twice a second. Kafka's own failures
                    // (a sink that cannot write) go to the task as before
                    if (failing.add(release.getReleaseId())) {
                        LOG.warn("release {} of {} cannot be watched (tried again at each refresh, said once): {}", release.getReleaseId(),
                                release.getProduct(), e.toString());
                    }
                }
            }
        } finally {
            afterRefresh(wallClock, refreshStarted, now, open);
        }
    }

    /** One release's part of a refresh: judged again when due, closed when its time has come. */
    private void refreshOne(Release release, Instant now, long wallClock, Set<String> open) {
        String unwatchable = unwatchable(release);
        if (unwatchable != null) {
            if (unwatched.add(release.getReleaseId())) {
                LOG.warn("release {} of {} is not watched: {}", release.getReleaseId(), release.getProduct(), unwatchable);
            }
            return;
        }
        ReleaseWatch last = published.get(release.getReleaseId());
        // on first sight, and when an open watch's time is moved (a year mistyped): judged from tickets forgotten
        // already, the window would close at once with every predicted theme quiet, a final reading made of nothing
        String tooLate = last == null || movedOpenWatch(release, last) ? registeredTooLate(release, now) : null;
        if (tooLate != null) {
            if (unwatched.add(release.getReleaseId())) {
                LOG.warn("release {} of {} is not watched: {}", release.getReleaseId(), release.getProduct(), tooLate);
            }
            return;
        }
        unwatched.remove(release.getReleaseId());
        boolean changed = last != null && changedSince(release, last);
        if (staysClosed(release, last, now)) {
            if (changed && changedTooLate.add(release.getReleaseId())) {
                LOG.warn("release {} was sent again with another time, version or prediction after its watch closed: its final "
                        + "reading stays as it was", release.getReleaseId());
            }
            return;
        }
        if (last == null || changed) {
            releasedProducts.add(release.getProduct());
        }
        // closes once window and grace are over and the tickets that can change it have settled: a
        // backlog, or a release registered after its window, arrives after its wall-clock end, and the
        // one final verdict must wait until those tickets have landed; the product's live tickets,
        // later than the window, and a backfill of tickets older than its background cannot change
        // it and do not hold it open
        long seen = firstSeenAt.computeIfAbsent(release.getReleaseId(), id -> wallClock);
        Instant windowEnd = release.getReleasedAt().plus(settings.window());
        RecentArrivals landed = arrivals.get(release.getProduct());
        boolean closing = !now.isBefore(windowEnd.plus(settings.grace()))
                && wallClock - seen >= settings.settle().toMillis()
                && caughtUp(windowEnd.plus(settings.grace()), wallClock)
                && (landed == null || landed.settledBetween(release.getReleasedAt().minus(settings.background()).toEpochMilli(),
                        windowEnd.toEpochMilli(), wallClock));
        // judged again on a new ticket of its product, on a release sent again with changes (a time zone put
        // right, a predicted theme added), and once an hour: a quiet product's rates fall as the hours pass
        long hour = java.time.Duration.between(release.getReleasedAt(), now).toHours();
        boolean hourTurned = last != null && now.isBefore(windowEnd)
                && hour > judgedAtHour.getOrDefault(release.getReleaseId(), (long) Math.floor(last.getHoursSinceRelease()));
        boolean due = last == null || recomputeAllOpen || changedProducts.contains(release.getProduct()) || changed || hourTurned;
        boolean allowed = mayRecompute.computeIfAbsent(release.getProduct(),
                product -> wallClock >= recomputeAfter.getOrDefault(product, Long.MIN_VALUE));
        if (!closing) {
            open.add(release.getReleaseId());
        }
        if (closing || due && (allowed || recomputeAllOpen)) {
            long started = nanoTime.getAsLong();
            publishIfChanged(release, last, now, closing);
            took.merge(release.getProduct(), nanoTime.getAsLong() - started, Long::sum);
            judgedAtHour.put(release.getReleaseId(), hour);
        }
        failing.remove(release.getReleaseId());
    }

    /** The bookkeeping of a refresh, whatever became of its releases. */
    private void afterRefresh(long wallClock, long refreshStarted, Instant now, Set<String> open) {
        // from when this refresh ends, so a product recomputed late in a long one still waits its share;
        // never shortened by a quick recompute (a closing one) in the same refresh
        long endedAt = wallClock + (nanoTime.getAsLong() - refreshStarted) / 1_000_000;
        took.forEach((product, nanos) -> {
            long ms = nanos / 1_000_000;
            recomputeAfter.merge(product, ms < SLOW_RECOMPUTE_MS ? Long.MIN_VALUE : endedAt + BACK_OFF * ms, Math::max);
        });
        backgrounds.keySet().retainAll(open); // closed, deleted, or another task's now
        judgedAtHour.keySet().retainAll(open);
        // a product whose recompute had to wait stays changed until its turn
        changedProducts.removeIf(product -> mayRecompute.getOrDefault(product, true));
        changedProducts.addAll(releasedProducts);
        releasedProducts.clear();
        mayRecompute.clear();
        took.clear();
        recomputeAllOpen = false;
        if (wallClock - lastCleanup > 60_000) {
            forgetOldTickets(now);
            withdrawWatchesOfReleasesGone(now);
            lastCleanup = wallClock;
        }
    }

    private void publishIfChanged(Release release, ReleaseWatch last, Instant now, boolean closing) {
        Instant start = release.getReleasedAt();
        Instant end = start.plus(settings.window());
        List<Release> productReleases = releasesOf(release.getProduct(), now);
        long knownSince = knownSince(release, last, now);
        List<FinalReading> finals = finalReadings(release, productReleases, now);
        List<SortedTicket> attributed = new ArrayList<>();
        for (SortedTicket t : range(release.getProduct(), start, end)) {
            if (release.getReleaseId().equals(owner(t, productReleases, finals))) {
                attributed.add(t);
            }
        }
        long from = start.minus(settings.background()).toEpochMilli();
        Background background = backgrounds.get(release.getReleaseId());
        if (background == null || !background.holds(release.getProduct(), from) || background.to() != start.toEpochMilli()) {
            List<SortedTicket> before = range(release.getProduct(), Instant.ofEpochMilli(from), start);
            long coveredFrom = keptBefore(release.getProduct(), from, now) ? from
                    : before.isEmpty() ? start.toEpochMilli() : before.get(0).getOccurredAt().toEpochMilli();
            background = new Background(release.getProduct(), from, coveredFrom, start.toEpochMilli(), WatchVerdicts.backgroundOf(before));
            backgrounds.put(release.getReleaseId(), background);
        }
        ReleaseWatch watch = WatchVerdicts.judge(release, attributed, background.counts(),
                WatchVerdicts.backgroundHours(java.time.Duration.ofMillis(background.to() - background.coveredFrom()), settings), now, settings, closing);
        watch.setKnownSince(Instant.ofEpochMilli(knownSince));
        if (closing) {
            backgrounds.remove(release.getReleaseId());
        }
        if (last != null && sameFindings(last, watch)) {
            return;
        }
        // sent, then remembered as sent: a send that fails leaves it to be sent again
        context.forward(new Record<>(release.getReleaseId(), watch, now.toEpochMilli()));
        published.put(release.getReleaseId(), watch);
    }

    /**
     * When the watch first knew its release, on this processor's clock, as a closed watch's {@code updatedAt}
     * is: kept in its snapshots, so a release sent again (a retry, a prediction added) or a restart does not
     * move it.
     */
    private long knownSince(Release release, ReleaseWatch last, Instant now) {
        if (last != null && last.getKnownSince() != null) {
            return last.getKnownSince().toEpochMilli();
        }
        if (last != null) {
            // a snapshot made before the field: the release record's time is the best left to go by
            ValueAndTimestamp<Release> record = releases.get(release.getReleaseId());
            return record != null ? record.timestamp() : Long.MIN_VALUE;
        }
        return firstSeenAt.getOrDefault(release.getReleaseId(), now.toEpochMilli());
    }

    /**
     * A closed watch of the product and the releases known when it closed: its final reading counted the
     * tickets the attribution among those gave it, and those stay its own whatever release comes after.
     */
    private record FinalReading(Release release, List<Release> knownAtClose) {}

    /**
     * The product's closed watches but the judged release's own, the earliest closed first, each with the
     * releases known when it closed.
     */
    private List<FinalReading> finalReadings(Release judged, List<Release> productReleases, Instant now) {
        java.util.Map<String, Long> knownSinceOf = new java.util.HashMap<>();
        productReleases.forEach(r -> knownSinceOf.put(r.getReleaseId(), knownSince(r, published.get(r.getReleaseId()), now)));
        java.util.TreeMap<Long, List<FinalReading>> byClose = new java.util.TreeMap<>();
        for (Release closed : productReleases) {
            ReleaseWatch watch = published.get(closed.getReleaseId());
            if (watch == null || !watch.getClosed() || closed.getReleaseId().equals(judged.getReleaseId())) {
                continue;
            }
            long closedAt = watch.getUpdatedAt().toEpochMilli();
            List<Release> known = productReleases.stream()
                    .filter(r -> r == closed || knownSinceOf.get(r.getReleaseId()) < closedAt).toList();
            byClose.computeIfAbsent(closedAt, at -> new ArrayList<>()).add(new FinalReading(closed, known));
        }
        return byClose.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The release that counts a ticket: the closed watch whose final reading counted it, if one did (a ticket
     * counted in a final reading is not counted again by a release registered after it), else the release the
     * attribution among them all gives it, one registered later included (a hotfix entered days after takes
     * the tickets of its time that an open watch held).
     */
    private String owner(SortedTicket ticket, List<Release> productReleases, List<FinalReading> finals) {
        for (FinalReading reading : finals) {
            if (inWindow(ticket, reading.release())
                    && reading.release().getReleaseId().equals(attribute(ticket, reading.knownAtClose()))) {
                return reading.release().getReleaseId();
            }
        }
        return attribute(ticket, productReleases);
    }

    /**
     * Whether the tickets that can change a watch ending at {@code end} have had time to come since this start:
     * the sorting's event time has passed it, or {@code startupSettle} has. Which of a product's tickets were still
     * landing was known to the last process only, and a backlog waits behind a restart.
     */
    private boolean caughtUp(Instant end, long wallClock) {
        if (wallClock - startedAt >= settings.startupSettle().toMillis()) {
            return true;
        }
        Long latest = eventTimes.get(SortedEventTime.LATEST);
        return latest != null && latest >= end.toEpochMilli();
    }

    /** Before this, a product's tickets that no watch needs are forgotten: a background, a window and a grace ago. */
    private Instant forgottenBefore(Instant now) {
        return now.minus(settings.background()).minus(settings.window()).minus(settings.grace());
    }

    private boolean inWindow(SortedTicket ticket, Release release) {
        Instant at = ticket.getOccurredAt();
        return !at.isBefore(release.getReleasedAt()) && at.isBefore(release.getReleasedAt().plus(settings.window()));
    }

    /**
     * Why a release seen for the first time is not watched, or null: its window began before the oldest
     * tickets a product keeps without a release, so the tickets of its first hours may be forgotten
     * already, and a final reading of what is left would say "quiet" where there were tickets.
     */
    private String registeredTooLate(Release release, Instant now) {
        Instant forgottenBefore = forgottenBefore(now);
        return release.getReleasedAt().isBefore(forgottenBefore)
                ? "it was released at " + release.getReleasedAt() + ", before " + forgottenBefore
                        + ", the oldest tickets kept for a release to come: its window's tickets may be forgotten already"
                : null;
    }

    /** Whether the release was sent again with another time while its watch is open. */
    private static boolean movedOpenWatch(Release release, ReleaseWatch last) {
        return !last.getClosed() && !last.getReleasedAt().equals(release.getReleasedAt());
    }

    /**
     * Takes back the open watch of a release that is gone (deleted from {@code releases}) or no longer
     * watched (sent again without its handoff): with no release to refresh it, it would read "watching"
     * for good. A tombstone on {@code release-watch}; a closed watch's final reading stays.
     */
    private void withdrawWatchesOfReleasesGone(Instant now) {
        List<String> gone = new ArrayList<>();
        List<String> movedAway = new ArrayList<>();
        try (KeyValueIterator<String, ReleaseWatch> all = published.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.getClosed()) {
                    return;
                }
                ValueAndTimestamp<Release> release = releases.get(kv.key);
                if (release == null || release.value() == null || unwatchable(release.value()) != null
                        || movedOpenWatch(release.value(), kv.value) && registeredTooLate(release.value(), now) != null) {
                    gone.add(kv.key);
                } else if (!owns(release.value().getProduct())) {
                    movedAway.add(kv.key);
                }
            });
        }
        // sent again under a product another task holds: that task publishes its watch under the same key, and a
        // tombstone from here could land after it and take it back; this task only forgets its own
        for (String releaseId : movedAway) {
            LOG.info("release {} was sent again under a product another task watches: its watch is published from there", releaseId);
            published.delete(releaseId);
            backgrounds.remove(releaseId);
        }
        for (String releaseId : gone) {
            LOG.info("release {} is gone or no longer watched: its open watch is withdrawn", releaseId);
            context.forward(new Record<String, ReleaseWatch>(releaseId, null, now.toEpochMilli()));
            published.delete(releaseId);
            backgrounds.remove(releaseId);
        }
    }

    /**
     * Whether a ticket's version is the release's, as helpdesks write it: "v4.3.0", " 4.3.0", "V4.3.0" are
     * 4.3.0 (a ticket that names it otherwise went to the newest release of its window, another one).
     */
    public static boolean sameVersion(String release, String ticket) {
        return ticket != null && bareVersion(release).equals(bareVersion(ticket));
    }

    private static String bareVersion(String version) {
        String v = version.strip().toLowerCase(java.util.Locale.ROOT);
        return v.length() > 1 && v.charAt(0) == 'v' && Character.isDigit(v.charAt(1)) ? v.substring(1) : v;
    }

    /** The release a ticket belongs to, by the rule in the class comment; null when none. */
    String attribute(SortedTicket ticket, List<Release> productReleases) {
        Release latest = null;
        for (Release r : productReleases) {
            if (!inWindow(ticket, r)) {
                continue;
            }
            if (sameVersion(r.getVersion(), ticket.getProductVersion())) {
                return r.getReleaseId();
            }
            if (latest == null || r.getReleasedAt().isAfter(latest.getReleasedAt())) {
                latest = r;
            }
        }
        return latest == null ? null : latest.getReleaseId();
    }

    /**
     * Why a release is not watched, or null when it is: a release is taken only with its support handoff (the
     * ingest refuses one without, and one written straight to Kafka is not watched either), and its time must
     * be one a watch can add its window to and take its background from. Such a release is left out
     * everywhere: its watch, the attribution of tickets, and what is kept for it.
     */
    private String unwatchable(Release release) {
        List<HandoffGate.Missing> missing = HandoffGate.missingToWatch(release);
        if (!missing.isEmpty()) {
            return "its support handoff is incomplete (" + String.join(" ", missing.stream().map(HandoffGate.Missing::sentence).toList()) + ")";
        }
        try {
            release.getReleasedAt().minus(settings.background()).toEpochMilli();
            release.getReleasedAt().plus(settings.window()).plus(settings.grace()).plus(settings.background()).toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return "its time " + release.getReleasedAt() + " is past what a watch can count from";
        }
        return null;
    }

    private List<Release> releasesOf(String product, Instant now) {
        List<Release> out = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Release>> all = releases.all()) {
            all.forEachRemaining(kv -> {
                Release release = kv.value == null ? null : kv.value.value();
                if (release != null && release.getProduct().equals(product) && unwatchable(release) == null
                        && (published.get(release.getReleaseId()) != null || registeredTooLate(release, now) == null)) {
                    out.add(asJudged(release, now));
                }
            });
        }
        return out;
    }

    private List<SortedTicket> range(String product, Instant from, Instant to) {
        List<SortedTicket> out = new ArrayList<>();
        try (KeyValueIterator<String, SortedTicket> it = tickets.range(key(product, from.toEpochMilli(), ""), key(product, to.toEpochMilli() - 1, "\uffff"))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /**
     * Deletes the kept tickets no watch can reach any more, of every product the store holds: a product
     * that never had a release still keeps its tickets, for the release it may get, but only that long;
     * a watch still open past its grace (a backlog still landing) keeps its background whole.
     */
    private void forgetOldTickets(Instant now) {
        long cutoff = forgottenBefore(now).toEpochMilli();
        if (!productsKnown) {
            // once per start: the products kept before it (the store is restored, the set in memory is not)
            try (KeyValueIterator<String, SortedTicket> all = tickets.all()) {
                all.forEachRemaining(kv -> productsWithTickets.add(kv.value.getProduct()));
            }
            productsKnown = true;
        }
        java.util.Map<String, Long> cutoffs = new java.util.HashMap<>();
        productsWithTickets.forEach(product -> cutoffs.put(product, cutoff));
        try (KeyValueIterator<String, ValueAndTimestamp<Release>> all = releases.all()) {
            all.forEachRemaining(kv -> {
                Release release = kv.value.value();
                if (release == null || unwatchable(release) != null) {
                    return; // keeps nothing: it is not watched
                }
                ReleaseWatch last = published.get(release.getReleaseId());
                if (last == null && registeredTooLate(release, now) != null) {
                    return; // nor one registered after its tickets were forgotten
                }
                long needed = last != null && last.getClosed() ? cutoff
                        : Math.min(cutoff, release.getReleasedAt().minus(settings.background()).toEpochMilli());
                cutoffs.merge(release.getProduct(), needed, Math::min);
            });
        }
        for (java.util.Map.Entry<String, Long> product : cutoffs.entrySet()) {
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, SortedTicket> it = tickets.range(key(product.getKey(), 0, ""), key(product.getKey(), product.getValue(), ""))) {
                it.forEachRemaining(kv -> old.add(kv.key));
            }
            old.forEach(tickets::delete);
        }
    }

    private boolean owns(String product) {
        if (partitions <= 1) {
            return true;
        }
        int partition = Utils.toPositive(Utils.murmur2(product.getBytes(StandardCharsets.UTF_8))) % partitions;
        return partition == context.taskId().partition();
    }

    /** Whether a snapshot says nothing the last did not: its findings, and what it is of (a product put right is news). */
    private static boolean sameFindings(ReleaseWatch a, ReleaseWatch b) {
        return a.getClosed() == b.getClosed() && a.getTicketCount() == b.getTicketCount() && a.getProduct().equals(b.getProduct())
                && Objects.equals(a.getThemes(), b.getThemes())
                && a.getReleasedAt().equals(b.getReleasedAt()) && a.getVersion().equals(b.getVersion());
    }

    /** Whether the release says something its last snapshot was not judged on: its time, version or prediction. */
    static boolean changedSince(Release release, ReleaseWatch last) {
        return !release.getReleasedAt().equals(last.getReleasedAt()) || !release.getVersion().equals(last.getVersion())
                || !release.getProduct().equals(last.getProduct())
                || !WatchVerdicts.predictedOf(release).equals(WatchVerdicts.predictedIn(last));
    }

    /** Whether a watch has closed for good: closed, and not to open again for a change to its release. */
    private boolean staysClosed(Release release, ReleaseWatch last, Instant now) {
        return last != null && last.getClosed() && !(changedSince(release, last) && windowNotOver(release, now));
    }

    /**
     * A release as the watches of its product go by: a closed watch's as its final reading judged it. Sent
     * again with another time or version after it closed, its final reading stays, and so must the window it
     * counted, or a newer watch would count again what it counted (the new window) or lose what it did not.
     */
    private Release asJudged(Release release, Instant now) {
        ReleaseWatch last = published.get(release.getReleaseId());
        if (!staysClosed(release, last, now) || !changedSince(release, last)) {
            return release;
        }
        return Release.newBuilder(release).setReleasedAt(last.getReleasedAt()).setVersion(last.getVersion()).build();
    }

    /**
     * Whether a closed watch may open again for a release sent again with changes: only while the changed
     * release's window and grace are not over, when its background is still whole in the kept tickets (a
     * release delayed by days after it was registered). Later, the background has worn away, and a second
     * final verdict on part of it would be wrong where the first was right.
     */
    private boolean windowNotOver(Release release, Instant now) {
        return now.isBefore(release.getReleasedAt().plus(settings.window()).plus(settings.grace()));
    }

    /**
     * Whether the product has a kept ticket before {@code from}, so a background from there is whole. Read from
     * the clean-up's cutoff, not from the first key: below it lie the delete markers of every ticket forgotten.
     */
    private boolean keptBefore(String product, long from, Instant now) {
        long cutoff = forgottenBefore(now).toEpochMilli();
        if (from <= cutoff) {
            return false;
        }
        try (KeyValueIterator<String, SortedTicket> it = tickets.range(key(product, cutoff, ""), key(product, from - 1, "\uffff"))) {
            return it.hasNext();
        }
    }

    static String key(String product, long epochMillis, String ticketId) {
        return product + "|" + String.format("%015d", Math.max(0, epochMillis)) + "|" + ticketId;
    }
}
