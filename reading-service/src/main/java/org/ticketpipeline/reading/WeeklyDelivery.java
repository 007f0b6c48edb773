package org.ticketpipeline.reading;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Delivery;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.Subscription;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * Delivers readings to subscribers: the weekly reading of the last complete week to every weekly
 * subscriber, a release's reading at 24 hours and at the close of its watch to every release
 * subscriber (see {@link #releasePeriodsDue}), and a theme's rise (an hour window new or rising) to
 * every theme subscriber; once per subscriber and period: a period is skipped when the
 * {@code deliveries} topic already holds it (so a restart neither repeats nor skips one). Each webhook
 * call is signed ({@link WebhookSigner}), carries {@code Idempotency-Key: <subscription id>|<week>} and is
 * bounded as a whole ({@link WebhookCall}); failures are retried with doubling backoff, and after the last attempt the reading is kept as a dead
 * letter, visible at {@code GET /v1/subscriptions/{id}/deliveries}. Every reading made is also
 * published on {@code readings}, once per round however many subscribers share it ({@link Round}).
 */
@io.micronaut.context.annotation.Context
@Singleton
class WeeklyDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDelivery.class);
    /** When a release's first reading is due, counted from the release. */
    static final Duration FIRST_RELEASE_READING = Duration.ofHours(24);

    private final ThemeWindowsView view;
    private final ReadingProducer producer;
    private final ReadingSettings settings;
    private final JsonMapper json;
    private final WebhookCall webhooks;
    /** Every how many rounds the delivery records are read whole for those of deleted subscriptions. */
    static final int SWEEP_EVERY_ROUNDS = 10;
    private int rounds;
    /** Delivery records found without their subscription at the last sweep: removed if still so a round later. */
    private List<String> suspects = List.of();
    /** Periods handled by this process (delivered, or given up on) whose record may not have reached the global table yet. */
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    /** Periods this process will call again, and when: the table may not hold their record yet. */
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();
    /** Delivery records whose write failed: written again each round, so a receiver that took a reading is not called again. */
    private final Map<String, Delivery> unrecorded = new ConcurrentHashMap<>();
    /** How many subscribers a round calls at once: a receiver that stalls holds its own delivery, not everyone's. */
    static final int SENDERS = 8;
    /** The longest wait between two attempts of a round, however many attempts are set. */
    static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private final ExecutorService senders = senders();

    /** Daemon threads that end when idle for a while: a service that stops need not wait for them. */
    private static ExecutorService senders() {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(SENDERS, SENDERS, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "reading-delivery");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
    /** The longest wait before a later round calls a failing receiver again; the shortest is a round's. */
    static final Duration LONGEST_REDELIVERY_WAIT = Duration.ofHours(1);

    /**
     * The readings published by the rounds so far (the most recent 10,000): a week's reading that a second
     * subscriber first gets a round later is the same reading, and goes to {@code readings} once, not again
     * with each subscriber whose first call falls in another round.
     */
    private final Set<String> publishedReadings = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    /** The delivery rounds, scheduled by this bean itself: see {@link #WeeklyDelivery(ThemeWindowsView, ReadingProducer, ReadingSettings, JsonMapper, TaskScheduler)}. */
    private java.util.concurrent.ScheduledFuture<?> schedule;

    /** Without delivery rounds: a test calls {@link #push} or {@link #deliverDue} itself. */
    WeeklyDelivery(ThemeWindowsView view, ReadingProducer producer, ReadingSettings settings, JsonMapper json) {
        this.view = view;
        this.producer = producer;
        this.settings = settings;
        this.json = json;
        this.webhooks = new WebhookCall(settings.getWebhookTimeout(), settings.isWebhookPrivateHosts());
    }

    /**
     * With a delivery round every {@code reading.delivery-interval}, scheduled here and cancelled when the
     * service stops. Not with {@code @Scheduled}: its rounds look the bean up each time, and one that comes
     * while the service stops makes the bean again, and with it a second Kafka Streams client on the same
     * state directory that outlives the service (micronaut-core issue 6881).
     */
    @jakarta.inject.Inject
    WeeklyDelivery(ThemeWindowsView view, ReadingProducer producer, ReadingSettings settings, JsonMapper json,
                   @jakarta.inject.Named(io.micronaut.scheduling.TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this(view, producer, settings, json);
        this.schedule = scheduler.scheduleWithFixedDelay(settings.getDeliveryInterval(), settings.getDeliveryInterval(), this::round);
    }

    /** One round; whatever it throws is logged, as a scheduled task that throws is never run again. */
    private void round() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("delivery round failed, trying again next round", e);
        }
    }

    /** Calls in flight, and whether the service is stopping (no call is begun then). */
    private int calling;
    private boolean stopping;
    private final Object calls = new Object();
    /**
     * How long, past one call's timeout, a service stopping waits for its calls in flight: time for the call's
     * record to be written (ms, or seconds on a slow broker). Kept short: ./run kills a service that takes over
     * 30 s to stop, and the tables must still close after (up to 10 s). A call in flight makes no further
     * attempt once stopping.
     */
    static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    /**
     * Stops the rounds, and lets the calls in flight end and their records be written (those that failed to
     * be, once more): cut off, a receiver that took a reading would have no record of it, and be called again
     * after the restart. A call not begun yet is left to the next start, which finds no record and calls it.
     */
    @jakarta.annotation.PreDestroy
    void stopRounds() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        long waitMs = settings.getWebhookTimeout().toMillis() + STOP_MARGIN.toMillis();
        long until = System.currentTimeMillis() + waitMs;
        synchronized (calls) {
            stopping = true;
            calls.notifyAll(); // ends the backoff of a call waiting to try again
            while (calling > 0 && System.currentTimeMillis() < until) {
                try {
                    calls.wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (calling > 0) {
                LOG.warn("{} webhook calls still in flight after {} ms as the service stops: their receivers may be called again after "
                        + "the restart", calling, waitMs);
            }
        }
        writeUnrecorded();
    }

    private boolean isStopping() {
        synchronized (calls) {
            return stopping;
        }
    }

    /** Waits before the next attempt; less once the service is stopping, which makes no next attempt. */
    private void backOff(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (calls) {
            while (!stopping && System.currentTimeMillis() < until) {
                try {
                    calls.wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Counts a call in: false once the service is stopping. */
    private boolean beginCall() {
        synchronized (calls) {
            if (stopping) {
                return false;
            }
            calling++;
            return true;
        }
    }

    private void endCall() {
        synchronized (calls) {
            calling--;
            calls.notifyAll();
        }
    }

    void deliverDue() {
        if (view.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        Round round = new Round(Instant.now(), reading -> producer.sendReading(settings.getReadingsTopic(), reading),
                publishedReadings);
        Instant week = weekDue(round.now(), settings.getWeeklySettle());
        List<Subscription> subscriptions = view.subscriptions();
        writeUnrecorded();
        publishKept(round);
        forgetDeliveriesOfDeleted(subscriptions);
        rounds++;
        eachAtOnce(subscriptions, subscription -> {
            try {
                if (view.subscription(subscription.getSubscriptionId()) == null) {
                    return; // deleted since this round began, which can take minutes with slow receivers
                }
                if ("weekly".equals(subscription.getKind())) {
                    Predicate<Instant> hadTickets = w -> !view.themes(subscription.getProduct(), ThemeWindowKeys.Size.WEEK, w.toEpochMilli()).isEmpty();
                    for (Instant owed : weeksOwed(subscription, week, w -> !isDone(subscription.getSubscriptionId() + "|" + period(w), round.now())
                            && hadTickets.test(w))) {
                        String deliveryId = subscription.getSubscriptionId() + "|" + period(owed);
                        // a week of nothing after another says nothing: a product subscribed to before its first tickets
                        // would be sent "no tickets this week, nor the week before" the day they came
                        boolean somethingToSay = hadTickets.test(owed) || hadTickets.test(owed.minus(ThemeWindowKeys.WEEK));
                        if (!isDone(deliveryId, round.now()) && view.knows(subscription.getProduct()) && somethingToSay) {
                            deliver(subscription, owed, period(owed), deliveryId, round);
                        }
                    }
                } else if ("release".equals(subscription.getKind())) {
                    deliverReleaseReadings(subscription, round);
                } else if ("theme".equals(subscription.getKind())) {
                    deliverThemeSpike(subscription, round);
                }
            } catch (RuntimeException e) {
                LOG.warn("reading for subscription {} not handled, will try again: {}", subscription.getSubscriptionId(), e.getMessage());
            }
        }, senders);
    }

    /**
     * Does {@code work} for every item, {@link #SENDERS} at a time, and returns once all are done: one round's
     * subscribers. Called one after another, ten receivers that stall for their whole timeout and attempts
     * held every other subscriber's reading for minutes, and a theme's hour could pass unsent.
     */
    static <T> void eachAtOnce(List<T> items, Consumer<T> work, ExecutorService pool) {
        List<Future<?>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(pool.submit(() -> work.accept(item)));
        }
        for (Future<?> one : running) {
            try {
                one.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                return;
            } catch (ExecutionException e) {
                LOG.warn("a delivery failed: {}", String.valueOf(e.getCause()));
            }
        }
    }

    /**
     * Tombstones the delivery records of subscriptions that are gone. A DELETE takes the records it finds,
     * and {@link #pushUnlessDeleted} takes one it writes for a subscription deleted meanwhile; what a crash between the
     * two leaves behind would be kept (and read at every start) for good. A record is only written for a
     * subscription this view held, and both tables are whole once the view is RUNNING, so a record without
     * its subscription is one left behind; it is taken only when still so a round after it was found, as a
     * second instance during a deploy may hold a subscription this one has not read yet. The records are
     * read whole only every {@link #SWEEP_EVERY_ROUNDS} rounds: they grow with every period delivered.
     */
    private void forgetDeliveriesOfDeleted(List<Subscription> live) {
        forgetPeriodsOfDeleted(live, handled, retryAt.keySet(), unrecorded.keySet());
        for (String deliveryId : suspects) {
            org.ticketpipeline.schemas.Delivery delivery = view.delivery(deliveryId);
            if (delivery == null || view.subscription(delivery.getSubscriptionId()) != null) {
                continue;
            }
            try {
                producer.send(settings.getDeliveriesTopic(), deliveryId, null);
                LOG.info("delivery record {} removed: its subscription was deleted while it was being sent", deliveryId);
            } catch (RuntimeException e) {
                LOG.warn("delivery record {} of a deleted subscription not removed, will try again: {}", deliveryId, e.getMessage());
                break;
            }
        }
        if (rounds % SWEEP_EVERY_ROUNDS == 0) {
            List<Delivery> all = view.deliveries();
            suspects = orphanDeliveryIds(all, live);
            if (rounds > 0) {
                // not in a start's first round: what fell due while the service was away is called in this round
                giveUpOnThoseNoLongerDue(all, Instant.now());
            }
        } else {
            suspects = List.of();
        }
    }

    /**
     * Records a period as dead when it is still retrying long after its next call was due: the rounds no
     * longer look at it (its theme's hour passed, a correction took the rise back, the watch closed), so no
     * call will come, and the record would say "retrying" for ever.
     */
    private void giveUpOnThoseNoLongerDue(List<Delivery> all, Instant now) {
        List<Delivery> known = all.stream().map(d -> newestKnown(d, unrecorded.get(d.getDeliveryId()), retryAt.get(d.getDeliveryId()))).toList();
        for (Delivery stuck : noLongerDue(known, now, settings.getDeliveryInterval())) {
            if (handled.contains(stuck.getDeliveryId())) {
                continue;
            }
            Delivery dead = Delivery.newBuilder(stuck).setStatus(DEAD).setNextAttemptAt(null).setAt(now)
                    .setLastError("not called again: the reading was no longer due (" + stuck.getLastError() + ")").build();
            retryAt.remove(stuck.getDeliveryId());
            unrecorded.remove(stuck.getDeliveryId()); // written over this one next round, it would say "retrying" again
            handled.add(stuck.getDeliveryId());
            try {
                producer.send(settings.getDeliveriesTopic(), stuck.getDeliveryId(), dead);
            } catch (RuntimeException e) {
                unrecorded.put(stuck.getDeliveryId(), dead);
            }
        }
    }

    /**
     * A period's record as this process knows it: the table's, or the newer one this process could not write yet
     * (Kafka away), with the next call this process set. The table's alone would give up on a reading still
     * being called: a receiver failing while the broker was away too has its newer records unwritten, and the
     * table's next call, long past, said "no round looks at it" while every round did.
     */
    static Delivery newestKnown(Delivery recorded, Delivery unwritten, Instant nextCall) {
        Delivery newest = unwritten != null ? unwritten : recorded;
        return nextCall == null || !RETRYING.equals(newest.getStatus()) ? newest : Delivery.newBuilder(newest).setNextAttemptAt(nextCall).build();
    }

    /** The retrying records whose next call was due more than a quarter of an hour and two rounds ago. */
    static List<Delivery> noLongerDue(List<Delivery> all, Instant now, Duration round) {
        Instant longAgo = now.minus(Duration.ofMinutes(15)).minus(round.multipliedBy(2));
        return all.stream().filter(d -> RETRYING.equals(d.getStatus()) && d.getNextAttemptAt() != null && d.getNextAttemptAt().isBefore(longAgo))
                .toList();
    }

    /**
     * Forgets what this process keeps of the periods of subscriptions no longer live: their ids are never used
     * again, no round asks about them, and kept they would grow for the life of the process (a deleted
     * subscription's retrying period stayed in {@code retryAt} for good).
     */
    @SafeVarargs
    static void forgetPeriodsOfDeleted(List<Subscription> live, java.util.Collection<String>... deliveryIds) {
        Set<String> liveIds = idsOf(live);
        for (java.util.Collection<String> ids : deliveryIds) {
            ids.removeIf(deliveryId -> !liveIds.contains(deliveryId.substring(0, Math.max(0, deliveryId.indexOf('|')))));
        }
    }

    private static Set<String> idsOf(List<Subscription> subscriptions) {
        Set<String> ids = new HashSet<>();
        subscriptions.forEach(s -> ids.add(s.getSubscriptionId()));
        return ids;
    }

    /** The ids of the delivery records whose subscription is not among {@code live}. */
    static List<String> orphanDeliveryIds(List<Delivery> deliveries, List<Subscription> live) {
        Set<String> liveIds = idsOf(live);
        return deliveries.stream().filter(d -> !liveIds.contains(d.getSubscriptionId())).map(Delivery::getDeliveryId).toList();
    }

    /**
     * The weeks whose reading a round owes a subscription, oldest first: the week due, and the one before when it
     * is still owed and had tickets ({@code missedWithTickets}): a service down for more than a week finds it
     * owed still, and a product whose tickets began since is not sent a week of nothing.
     */
    static List<Instant> weeksOwed(Subscription subscription, Instant due, java.util.function.Predicate<Instant> missedWithTickets) {
        List<Instant> out = new ArrayList<>(2);
        Instant before = due.minus(ThemeWindowKeys.WEEK);
        if (owedTo(subscription, before) && missedWithTickets.test(before)) {
            out.add(before);
        }
        if (owedTo(subscription, due)) {
            out.add(due);
        }
        return out;
    }

    private static String period(Instant week) {
        return week.toString().substring(0, 10);
    }

    /**
     * Whether the reading of the week starting {@code weekStart} is owed to a subscription: made before the week
     * after it ended. A subscription made mid-week gets the last week's at once; one made on a Monday before the
     * last week's reading is due (its settle) does not get the week before's, two weeks old, then the last's
     * minutes later.
     */
    static boolean owedTo(Subscription subscription, Instant weekStart) {
        return subscription.getCreatedAt().isBefore(weekStart.plus(ThemeWindowKeys.WEEK.multipliedBy(2)));
    }

    /**
     * The week whose reading is due: the last one ended, once {@code settle} has passed since it did. At
     * Monday 00:00 the classifier may still be sorting Sunday evening's tickets (a restart, a backlog),
     * and a reading is delivered once: made then, it would miss them for good.
     */
    static Instant weekDue(Instant now, java.time.Duration settle) {
        return ThemeWindowKeys.Size.WEEK.startOf(now.minus(settle)).minus(ThemeWindowKeys.WEEK);
    }

    /**
     * Whether a period needs no call now: delivered, given up on, or failing and not yet due again. handled is
     * not pruned once the table holds a period: a subscription deleted meanwhile takes its delivery records
     * with it, and this process must still know it sent them while the subscription is live to any round.
     */
    boolean isDone(String deliveryId, Instant now) {
        if (handled.contains(deliveryId)) {
            return true;
        }
        Instant again = retryAt.get(deliveryId);
        if (again != null) {
            return now.isBefore(again);
        }
        Delivery kept = view.delivery(deliveryId);
        return kept != null && (!RETRYING.equals(kept.getStatus()) || kept.getNextAttemptAt() == null || now.isBefore(kept.getNextAttemptAt()));
    }

    /**
     * Publishes a reading on {@code readings} when this is the period's first call, not when a later round
     * calls a failing receiver again: every stream client would get the same reading once a round.
     */
    private void publishOnFirstCall(Round round, String deliveryId, Reading reading) {
        if (isStopping()) {
            return; // no call follows: the reading is published with the call made after the restart
        }
        if (!retryAt.containsKey(deliveryId) && !unrecorded.containsKey(deliveryId) && (view == null || view.delivery(deliveryId) == null)) {
            publishOrKeep(round, reading);
        }
    }

    /**
     * Readings Kafka did not take (the broker or the schema registry away), published again at the start of each
     * round until it does; the most recent 1,000. The subscriber's call does not wait for them: a theme's hour
     * is called for two hours only, and a registry down longer lost the spike for its subscribers too.
     */
    private final Map<String, Reading> unpublished = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
            return size() > 1_000;
        }
    });

    /** Publishes a reading, or keeps it for the next round when Kafka does not take it. */
    void publishOrKeep(Round round, Reading reading) {
        try {
            round.publish(reading);
        } catch (RuntimeException e) {
            unpublished.put(reading.getReadingId(), reading);
            LOG.warn("reading {} not published on {} ({}); trying again next round, its subscribers called now", reading.getReadingId(),
                    settings.getReadingsTopic(), e.getMessage());
        }
    }

    /** The readings Kafka did not take before, oldest first, until one fails again: the next waits for the next round. */
    void publishKept(Round round) {
        List<Reading> kept;
        synchronized (unpublished) {
            kept = new ArrayList<>(unpublished.values());
        }
        for (Reading reading : kept) {
            try {
                round.publish(reading);
                unpublished.remove(reading.getReadingId());
            } catch (RuntimeException e) {
                LOG.warn("{} readings still not published on {}: {}", unpublished.size(), settings.getReadingsTopic(), e.getMessage());
                return;
            }
        }
    }

    static final String DELIVERED = "delivered";
    static final String RETRYING = "retrying";
    static final String DEAD = "dead";

    /**
     * When a later round calls a failing receiver again: after as long as it has been failing (so the waits
     * double), from one round ({@code shortest}) to an hour; null when that is past {@code redeliveryFor} after
     * the first call, or past {@code lookedAtUntil}, when the rounds stop looking at the period (a theme's
     * hour, a release's 24-hour reading once its watch closed).
     */
    static Instant nextAttempt(Instant firstAttempt, Instant now, Duration shortest, Duration redeliveryFor, Instant lookedAtUntil) {
        Duration failing = Duration.between(firstAttempt, now);
        Duration wait = failing.compareTo(shortest) < 0 ? shortest
                : failing.compareTo(LONGEST_REDELIVERY_WAIT) > 0 ? LONGEST_REDELIVERY_WAIT : failing;
        Instant next = now.plus(wait);
        boolean tooLate = next.isAfter(firstAttempt.plus(redeliveryFor)) || lookedAtUntil != null && next.isAfter(lookedAtUntil);
        return tooLate ? null : next;
    }

    /**
     * One delivery round: one instant for every subscriber, so subscribers who share a reading are
     * judged alike, and the readings published so far, so a reading several subscribers share goes to
     * {@code readings} (and to every stream client) once, not once per subscriber. A reading whose
     * write failed is not counted: the next subscriber of the round tries again.
     */
    static final class Round {
        private final Instant now;
        private final Consumer<Reading> publisher;
        private final Set<String> published;

        Round(Instant now, Consumer<Reading> publisher) {
            this(now, publisher, new HashSet<>());
        }

        /** @param published the readings published so far, by this round and the ones before it */
        Round(Instant now, Consumer<Reading> publisher, Set<String> published) {
            this.now = now;
            this.publisher = publisher;
            this.published = published;
        }

        Instant now() {
            return now;
        }

        /** A lock per reading this round: the subscribers who share one publish it once. */
        private final Map<String, Object> publishing = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * Publishes the reading unless this round or one before did. Only the subscribers of one reading wait for
         * its write: with Kafka away a write waits out its delivery timeout, and the round's other readings, and
         * their subscribers' calls, must not queue behind it.
         */
        void publish(Reading reading) {
            String id = reading.getReadingId();
            synchronized (publishing.computeIfAbsent(id, key -> new Object())) {
                synchronized (published) {
                    if (published.contains(id)) {
                        return;
                    }
                }
                publisher.accept(reading);
                synchronized (published) {
                    published.add(id);
                }
            }
        }

        /** Each product's tickets by theme in the day before an hour, read once this round whatever the subscriptions to it. */
        private final Map<String, Map<String, Long>> dayBefore = new java.util.concurrent.ConcurrentHashMap<>();

        Map<String, Long> dayBefore(String product, Instant hour, java.util.function.BiFunction<String, Instant, Map<String, Long>> read) {
            return dayBefore.computeIfAbsent(product + "|" + hour, key -> read.apply(product, hour));
        }
    }

    /**
     * The release-reading periods due for one subscriber at {@code now}, given which it already has
     * ({@code done}), in the order they go out. The 24-hour mark is counted from {@code releasedAt}, not
     * from the snapshot's {@code hoursSinceRelease}: that is frozen at the last snapshot, made only when a
     * ticket changes the findings, so a quiet release would have its 24-hour reading wait for the close.
     * A watch already closed when its 24-hour reading would first go out gets only the final one: both
     * would carry the same final text. Judged from the delivery records alone, so a restart neither
     * repeats a period nor skips a 24-hour reading it still owes an open watch.
     *
     * <p>A period is named with the release's time ({@code 24h@2026-11-21T01:00:00Z}): a release sent again with
     * a later time (delayed by days) opens its watch again, and the readings of the time it shipped at are owed
     * as well as those of the time it was planned for, under another Idempotency-Key, or a receiver would drop
     * them as the ones it has. A period recorded by name alone ({@code 24h}, {@code final}), before periods were
     * named so, counts for whatever time the release has.
     */
    static List<String> releasePeriodsDue(ReleaseWatch watch, Instant now, Predicate<String> done) {
        List<String> due = new ArrayList<>();
        boolean dayOld = !now.isBefore(watch.getReleasedAt().plus(FIRST_RELEASE_READING));
        String at = "@" + watch.getReleasedAt();
        if (dayOld && !watch.getClosed() && !done.test(DAY_READING + at) && !done.test(DAY_READING)) {
            due.add(DAY_READING + at);
        }
        if (watch.getClosed() && !done.test(FINAL_READING + at) && !done.test(FINAL_READING)) {
            due.add(FINAL_READING + at);
        }
        return due;
    }

    private static final String DAY_READING = "24h";
    private static final String FINAL_READING = "final";

    /** The release reading at 24 hours and at the close of the watch, once each. */
    private void deliverReleaseReadings(Subscription subscription, Round round) {
        ReleaseWatch watch = view.watch(subscription.getReleaseId());
        if (watch == null) {
            return;
        }
        for (String period : releasePeriodsDue(watch, round.now(), p -> isDone(subscription.getSubscriptionId() + "|" + p, round.now()))) {
            String deliveryId = subscription.getSubscriptionId() + "|" + period;
            ReleaseReading reading = ReleaseReading.of(watch, round.now(), subscription.getAudience());
            String body = body(subscription, reading, reading.markdown());
            String readingId = watch.getReleaseId() + "|release|" + period + "|" + reading.audience();
            publishOnFirstCall(round, deliveryId, Reading.newBuilder()
                    .setReadingId(readingId).setKind(ReadingKind.RELEASE_WATCH).setProduct(watch.getProduct())
                    .setAudience(subscription.getAudience()).setPeriodStart(watch.getReleasedAt()).setPeriodEnd(watch.getWatchEndsAt())
                    .setLines(new ArrayList<>(reading.lines())).setMadeFrom(reading.madeFrom()).setGeneratedAt(Instant.now()).build());
            // the 24-hour reading is looked for only while the watch is open
            pushUnlessDeleted(subscription, period, deliveryId, body, period.startsWith(DAY_READING) ? watch.getWatchEndsAt() : null);
        }
    }

    /**
     * Whether a window's theme is the one subscribed to. Case and outer spaces aside: emerging themes keep
     * the capitals of their first subject ("CSV export times out"), and a person types "csv export times out".
     */
    static boolean sameTheme(String windowTheme, String subscribed) {
        return subscribed != null && windowTheme.strip().equalsIgnoreCase(subscribed.strip());
    }

    /**
     * What a new or rising hour of a theme is worth pushing as, given its tickets in the 24 hours before the
     * hour; null when nothing. The windows compare an hour with the one before only, so a theme quiet for an
     * hour reads "new" again, and one busy all day "rising" at its usual rate: pushed, either would ring a
     * subscriber's phone every few hours for nothing. New is new to the day; rising is also above 1.5 times
     * the day's hourly rate, with at least 2 tickets more.
     */
    static String spikeWord(ThemeWindow window, long dayBefore) {
        if (window.getMovement() == Movement.NEW && dayBefore == 0) {
            return "new";
        }
        double usual = dayBefore / 24.0;
        return window.getVolume() >= 1.5 * usual && window.getVolume() - usual >= 2 ? "rising" : null;
    }

    /** The product's tickets by theme in the 24 hour windows before {@code hour}: read once a round, for every theme subscribed. */
    private Map<String, Long> ticketsInTheDayBefore(String product, Instant hour) {
        Map<String, Long> tickets = new java.util.HashMap<>();
        for (int back = 1; back <= 24; back++) {
            Instant start = hour.minus(ThemeWindowKeys.HOUR.multipliedBy(back));
            view.themes(product, ThemeWindowKeys.Size.HOUR, start.toEpochMilli()).forEach(w -> tickets.merge(w.getTheme(), w.getVolume(), Long::sum));
        }
        return tickets;
    }

    /**
     * The tickets of the subscribed theme among {@code byTheme}, under every spelling it matches: the day the team
     * adopts "CSV export times out" into the taxonomy as "Csv export times out", the day before holds the theme's
     * tickets under the first, and its first hour under the second would read as new to the day.
     */
    static long ticketsOf(Map<String, Long> byTheme, String subscribed) {
        return byTheme.entrySet().stream().filter(e -> sameTheme(e.getKey(), subscribed)).mapToLong(Map.Entry::getValue).sum();
    }

    /** A subscribed theme's hour window worth pushing, with its word and the tickets of the day before it. */
    private record Spike(ThemeWindow window, String word, long dayBefore) {
    }

    /**
     * The subscribed theme's hour window starting at {@code start} that is worth pushing, or null. An hour can
     * hold the theme under two spellings (the hour the team adopts an emerging theme into the taxonomy: its
     * earlier tickets under the emerging name, the later ones under the taxonomy's), so each is looked at,
     * the biggest first, rather than only the first the store lists.
     */
    private Spike spikeOf(Subscription subscription, Instant start, Round round) {
        List<ThemeWindow> windows = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.HOUR, start.toEpochMilli()).stream()
                .filter(w -> sameTheme(w.getTheme(), subscription.getTheme()))
                .sorted(java.util.Comparator.comparingLong(ThemeWindow::getVolume).reversed()).toList();
        for (ThemeWindow window : windows) {
            // one ticket in an hour after a quiet one is "new" to the windows, and no rise to push to anyone
            if (!(window.getMovement() == Movement.RISING || window.getMovement() == Movement.NEW) || window.getVolume() < WeeklyReading.MIN_MOVING) {
                continue;
            }
            long dayBefore = ticketsOf(round.dayBefore(window.getProduct(), start, this::ticketsInTheDayBefore), subscription.getTheme());
            String word = spikeWord(window, dayBefore);
            if (word != null) {
                return new Spike(window, word, dayBefore);
            }
        }
        return null;
    }

    /** A theme starting to rise (or new) in this hour or the last: pushed once per hour window. */
    private void deliverThemeSpike(Subscription subscription, Round round) {
        Instant hour = ThemeWindowKeys.Size.HOUR.startOf(round.now());
        for (Instant start : List.of(hour.minus(ThemeWindowKeys.HOUR), hour)) {
            String period = start.toString();
            String deliveryId = subscription.getSubscriptionId() + "|" + period;
            if (isDone(deliveryId, round.now())) {
                continue;
            }
            Spike spike = spikeOf(subscription, start, round);
            if (spike == null) {
                continue;
            }
            ThemeWindow window = spike.window();
            long dayBefore = spike.dayBefore();
            String word = spike.word();
            String line = String.format(java.util.Locale.ROOT, "%s is %s in %s in the hour from %s UTC (%s, %d the hour before%s)%s",
                    ReadingText.name(window.getTheme()), word, window.getProduct(), period.substring(11, 16),
                    ReadingText.count(window.getVolume(), "ticket"), window.getPreviousVolume(),
                    dayBefore > window.getPreviousVolume() ? String.format(java.util.Locale.ROOT, "; %d in the 24 hours before", dayBefore) : "",
                    window.getQuotes().isEmpty() ? "." : ": \"" + ReadingText.quote(window.getQuotes().get(0)) + "\"");
            // one reading per audience, as the weekly and release ones: a stream client following an audience gets its own
            String readingId = window.getProduct() + "|spike|" + window.getTheme() + "|" + period + "|" + subscription.getAudience();
            publishOnFirstCall(round, deliveryId, Reading.newBuilder().setReadingId(readingId).setKind(ReadingKind.THEME_SPIKE)
                    .setProduct(window.getProduct()).setAudience(subscription.getAudience()).setPeriodStart(window.getWindowStart())
                    .setPeriodEnd(window.getWindowEnd()).setLines(List.of(line))
                    .setMadeFrom("theme-windows hour " + period + " of " + window.getProduct()).setGeneratedAt(Instant.now()).build());
            String body;
            try {
                body = "chat".equals(subscription.getPayload()) ? json.writeValueAsString(Map.of("text", line))
                        : json.writeValueAsString(Map.of("kind", "theme_spike", "product", window.getProduct(), "theme", window.getTheme(),
                        "hourStart", period, "lines", List.of(line)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the reading as JSON", e);
            }
            // an hour window is looked at in its own hour and the next
            pushUnlessDeleted(subscription, period, deliveryId, body, start.plus(ThemeWindowKeys.HOUR.multipliedBy(2)));
        }
    }

    private void deliver(Subscription subscription, Instant week, String period, String deliveryId, Round round) {
        List<ThemeWindow> thisWeek = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.WEEK, week.toEpochMilli());
        List<ThemeWindow> before = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.WEEK, week.minus(ThemeWindowKeys.WEEK).toEpochMilli());
        WeeklyReading reading = WeeklyReading.of(subscription.getProduct(), week, week.plus(ThemeWindowKeys.WEEK), thisWeek, before)
                .forAudience(subscription.getAudience(), thisWeek, before);
        String body = body(subscription, reading, reading.markdown());
        publishOnFirstCall(round, deliveryId, Reading.newBuilder()
                .setReadingId(readingId(reading, period)).setKind(ReadingKind.WEEKLY).setProduct(reading.product())
                .setAudience(reading.audience()).setPeriodStart(reading.weekStart()).setPeriodEnd(reading.weekEnd())
                .setLines(reading.lines()).setMadeFrom(reading.madeFrom()).setGeneratedAt(Instant.now()).build());
        pushUnlessDeleted(subscription, period, deliveryId, body, null);
    }

    /**
     * {@link #push}, then the record taken back if the subscription was deleted while its receiver was being
     * called: the DELETE took the records it found, not this one.
     */
    private void pushUnlessDeleted(Subscription subscription, String period, String deliveryId, String body, Instant lookedAtUntil) {
        push(subscription, period, deliveryId, body, lookedAtUntil);
        if (view.subscription(subscription.getSubscriptionId()) == null) {
            retryAt.remove(deliveryId);
            unrecorded.remove(deliveryId);
            producer.send(settings.getDeliveriesTopic(), deliveryId, null);
        }
    }

    /** {@link #push(Subscription, String, String, String, Instant)} of a period looked at for as long as later rounds call again. */
    void push(Subscription subscription, String period, String deliveryId, String body) {
        push(subscription, period, deliveryId, body, null);
    }

    /**
     * Posts with retries and records the delivery; when every attempt failed, the record says whether and when a
     * later round calls again ({@link #nextAttempt}) or that the reading is given up on (dead). A receiver's
     * answer that no call will change (a 404, a 401) ends the round's attempts at once, and is not called again.
     * The period is marked handled here, before its record is written: a receiver that took the reading is not
     * called again when the write fails, and the record is written again next round ({@link #writeUnrecorded}).
     */
    void push(Subscription subscription, String period, String deliveryId, String body, Instant lookedAtUntil) {
        if (!beginCall()) {
            return; // the service stops: called at the next start, which finds no record of it
        }
        try {
            callAndRecord(subscription, period, deliveryId, body, lookedAtUntil);
        } finally {
            endCall();
        }
    }

    private void callAndRecord(Subscription subscription, String period, String deliveryId, String body, Instant lookedAtUntil) {
        Delivery before = unrecorded.containsKey(deliveryId) ? unrecorded.get(deliveryId) : view == null ? null : view.delivery(deliveryId);
        int attempts = 0;
        WebhookCall.Answer answer = WebhookCall.Answer.OK;
        long backoff = settings.getRetryBackoff().toMillis();
        while (attempts < settings.getDeliveryAttempts()) {
            attempts++;
            answer = webhooks.call(subscription.getWebhookUrl(), subscription.getSecret(), deliveryId, body);
            if (answer.error() == null || answer.lasting()) {
                break;
            }
            if (attempts < settings.getDeliveryAttempts()) {
                backOff(backoff);
                if (isStopping()) {
                    break; // recorded as retrying: the next start calls again
                }
                backoff = Math.min(backoff * 2, LONGEST_BACKOFF.toMillis());
            }
        }
        Instant now = Instant.now();
        Instant firstAttempt = before == null ? now : before.getFirstAttemptAt() != null ? before.getFirstAttemptAt() : before.getAt();
        Instant next = answer.error() == null || answer.lasting() ? null : nextAttempt(firstAttempt, now, settings.getDeliveryInterval(),
                settings.getRedeliveryFor(), lookedAtUntil);
        String status = answer.error() == null ? DELIVERED : next != null ? RETRYING : DEAD;
        int allAttempts = attempts + (before == null ? 0 : before.getAttempts());
        if (next != null) {
            retryAt.put(deliveryId, next);
            LOG.warn("reading {} not delivered after {} attempts ({}); calling again at {}", deliveryId, allAttempts, answer.error(), next);
        } else {
            retryAt.remove(deliveryId);
            handled.add(deliveryId);
            if (answer.error() != null) {
                LOG.warn("reading {} not delivered after {} attempts, kept as a dead letter: {}", deliveryId, allAttempts, answer.error());
            }
        }
        Delivery record = Delivery.newBuilder()
                .setDeliveryId(deliveryId).setSubscriptionId(subscription.getSubscriptionId()).setPeriod(period)
                .setStatus(status).setAttempts(allAttempts).setLastError(answer.error()).setBody(body).setAt(now)
                .setFirstAttemptAt(firstAttempt).setNextAttemptAt(next).build();
        unrecorded.remove(deliveryId);
        try {
            producer.send(settings.getDeliveriesTopic(), deliveryId, record);
        } catch (RuntimeException e) {
            unrecorded.put(deliveryId, record);
            LOG.warn("the record of reading {} ({}) was not written, writing it again next round: {}", deliveryId, status, e.getMessage());
        }
    }

    /** The delivery records whose write failed, written again; each stays for the next round until it is. */
    void writeUnrecorded() {
        for (Delivery record : List.copyOf(unrecorded.values())) {
            try {
                producer.send(settings.getDeliveriesTopic(), record.getDeliveryId(), record);
                unrecorded.remove(record.getDeliveryId());
            } catch (RuntimeException e) {
                LOG.warn("the record of reading {} was not written again, trying next round: {}", record.getDeliveryId(), e.getMessage());
                return;
            }
        }
    }

    /** The webhook's body: the reading as JSON, or for a chat hook {"text": its markdown}. */
    private String body(Subscription subscription, Object reading, String markdown) {
        try {
            return "chat".equals(subscription.getPayload())
                    ? json.writeValueAsString(Map.of("text", markdown))
                    : json.writeValueAsString(reading);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the reading as JSON", e);
        }
    }

    private static String readingId(WeeklyReading reading, String period) {
        return reading.product() + "|weekly|" + period + "|" + reading.audience();
    }
}
