package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Delivery;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.Subscription;

/**
 * When release readings are due, that a reading shared by subscribers is published once a round, and that a
 * webhook that cannot take a reading leaves a dead delivery, not a stalled or endlessly repeated round; the
 * webhooks' happy paths are in DeliveryIT.
 */
class WeeklyDeliveryTest {

    private static final Instant RELEASED = Instant.parse("2026-11-21T01:00:00Z");
    private static final Set<String> NONE = Set.of();

    /** The last snapshot of a quiet release: made at hour 1, when its last ticket came, so its hours stay at 1. */
    private static ReleaseWatch quiet(boolean closed) {
        return ReleaseWatch.newBuilder().setReleaseId("ledger-4.3.0").setProduct("ledger").setVersion("4.3.0").setReleasedAt(RELEASED)
                .setWatchEndsAt(RELEASED.plus(Duration.ofHours(48))).setClosed(closed).setHoursSinceRelease(1.0)
                .setUpdatedAt(RELEASED.plus(Duration.ofHours(1))).build();
    }

    private static Instant hour(double hours) {
        return RELEASED.plus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    @Test
    void shouldWaitAfterTheWeekEndsForItsLastTicketsBeforeMakingItsReading() {
        Instant monday = Instant.parse("2026-11-23T00:00:00Z");
        Duration settle = Duration.ofMinutes(10);

        assertThat(WeeklyDelivery.weekDue(monday.plus(Duration.ofMinutes(5)), settle))
                .as("five minutes in: still the week before, already delivered").isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
        assertThat(WeeklyDelivery.weekDue(monday.plus(settle), settle)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(WeeklyDelivery.weekDue(monday.plus(Duration.ofDays(3)), settle)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
    }

    private static final String DAY = "24h@" + RELEASED;
    private static final String FINAL = "final@" + RELEASED;

    @Test
    void shouldMakeA24hReadingDue24HoursAfterTheReleaseEvenWhenNoSnapshotCameSince() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(23.9), NONE::contains)).isEmpty();
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(24), NONE::contains)).containsExactly(DAY);
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(30), NONE::contains)).containsExactly(DAY);
    }

    @Test
    void shouldSendOnlyTheFinalReadingOfAWatchClosedBeforeIts24hReadingWentOut() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), NONE::contains)).containsExactly(FINAL);
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(72), Set.of(FINAL)::contains))
                .as("the 24h reading is not owed later either").isEmpty();
    }

    @Test
    void shouldNeitherRepeatNorSkipAPeriodAfterARestart() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(30), Set.of(DAY)::contains)).isEmpty();
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), Set.of(DAY)::contains)).containsExactly(FINAL);
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), Set.of(DAY, FINAL)::contains)).isEmpty();
    }

    @Test
    void shouldOweTheReadingsOfAReleaseSentAgainWithTheTimeItShippedAtUnderPeriodsOfTheirOwn() {
        Instant shipped = RELEASED.plus(Duration.ofDays(3));
        ReleaseWatch delayed = ReleaseWatch.newBuilder(quiet(false)).setReleasedAt(shipped).setWatchEndsAt(shipped.plus(Duration.ofHours(48))).build();
        Set<String> planned = Set.of(DAY, FINAL); // the planned time's readings, sent before the release was put right

        assertThat(WeeklyDelivery.releasePeriodsDue(delayed, shipped.plus(Duration.ofHours(24)), planned::contains))
                .containsExactly("24h@" + shipped);
        ReleaseWatch closed = ReleaseWatch.newBuilder(delayed).setClosed(true).build();
        assertThat(WeeklyDelivery.releasePeriodsDue(closed, shipped.plus(Duration.ofHours(50)), Set.of(DAY, FINAL, "24h@" + shipped)::contains))
                .containsExactly("final@" + shipped);
    }

    @Test
    void shouldTakeAPeriodRecordedByNameAloneBeforePeriodsWereNamedWithTheReleasesTimeAsDone() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(30), Set.of("24h")::contains)).isEmpty();
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), Set.of("24h", "final")::contains)).isEmpty();
    }

    @Test
    void shouldPublishAReadingSharedBySeveralSubscribersOnceARound() {
        List<String> published = new ArrayList<>();
        WeeklyDelivery.Round round = new WeeklyDelivery.Round(hour(24), r -> published.add(r.getReadingId()));

        round.publish(reading("ledger-4.3.0|release|24h"));
        round.publish(reading("ledger-4.3.0|release|24h"));
        round.publish(reading("ledger|weekly|2026-11-16|trio"));

        assertThat(published).containsExactly("ledger-4.3.0|release|24h", "ledger|weekly|2026-11-16|trio");
        assertThat(round.now()).isEqualTo(hour(24));
    }

    @Test
    void shouldPublishOnceAReadingASecondSubscriberFirstGetsARoundLater() {
        List<String> published = new ArrayList<>();
        java.util.Set<String> publishedSoFar = new java.util.HashSet<>();

        new WeeklyDelivery.Round(hour(24), r -> published.add(r.getReadingId()), publishedSoFar).publish(reading("ledger|weekly|2026-11-16|trio"));
        // a subscriber made meanwhile gets its first call in the next round: the same reading
        new WeeklyDelivery.Round(hour(25), r -> published.add(r.getReadingId()), publishedSoFar).publish(reading("ledger|weekly|2026-11-16|trio"));

        assertThat(published).containsExactly("ledger|weekly|2026-11-16|trio");
    }

    @Test
    void shouldTryAgainForTheNextSubscriberWhenKafkaDidNotTakeTheReading() {
        List<String> published = new ArrayList<>();
        AtomicBoolean kafkaAway = new AtomicBoolean(true);
        WeeklyDelivery.Round round = new WeeklyDelivery.Round(hour(24), r -> {
            if (kafkaAway.getAndSet(false)) {
                throw new IllegalStateException("Kafka did not acknowledge the write to readings");
            }
            published.add(r.getReadingId());
        });

        assertThatThrownBy(() -> round.publish(reading("ledger-4.3.0|release|24h"))).isInstanceOf(IllegalStateException.class);
        round.publish(reading("ledger-4.3.0|release|24h"));
        round.publish(reading("ledger-4.3.0|release|24h"));

        assertThat(published).containsExactly("ledger-4.3.0|release|24h");
    }

    @Test
    void shouldKeepAReadingKafkaDidNotTakeAndPublishItNextRoundWithoutHoldingTheCall() {
        List<String> published = new ArrayList<>();
        AtomicBoolean registryAway = new AtomicBoolean(true);
        java.util.function.Consumer<Reading> readings = r -> {
            if (registryAway.get()) {
                throw new IllegalStateException("Schema registry unavailable");
            }
            published.add(r.getReadingId());
        };
        Set<String> publishedSoFar = new java.util.HashSet<>();
        WeeklyDelivery delivery = new WeeklyDelivery(null, null, settings(Duration.ofSeconds(2), Duration.ofHours(24)), null);

        delivery.publishOrKeep(new WeeklyDelivery.Round(hour(24), readings, publishedSoFar), reading("ledger|spike|csv export|2026-11-22T01:00:00Z|trio"));
        delivery.publishKept(new WeeklyDelivery.Round(hour(25), readings, publishedSoFar));
        assertThat(published).as("the registry still away").isEmpty();

        registryAway.set(false);
        delivery.publishKept(new WeeklyDelivery.Round(hour(26), readings, publishedSoFar));
        delivery.publishKept(new WeeklyDelivery.Round(hour(27), readings, publishedSoFar));
        assertThat(published).as("published once it is back, once").containsExactly("ledger|spike|csv export|2026-11-22T01:00:00Z|trio");
    }

    private static Reading reading(String readingId) {
        return Reading.newBuilder().setReadingId(readingId).setKind(ReadingKind.RELEASE_WATCH).setProduct("ledger")
                .setPeriodStart(RELEASED).setPeriodEnd(RELEASED.plus(Duration.ofHours(48))).setGeneratedAt(hour(24)).build();
    }

    @Test
    void shouldFindTheDeliveryRecordsOfSubscriptionsThatAreGone() {
        Subscription live = Subscription.newBuilder().setSubscriptionId("s-live").setKind("weekly").setProduct("ledger")
                .setWebhookUrl("https://hooks.example.com/x").setSecret("0123456789abcdef").setCreatedAt(RELEASED).build();
        List<Delivery> deliveries = List.of(delivery("s-live", "2026-11-16"), delivery("s-gone", "2026-11-16"), delivery("s-gone", "24h"));

        assertThat(WeeklyDelivery.orphanDeliveryIds(deliveries, List.of(live))).containsExactly("s-gone|2026-11-16", "s-gone|24h");
        assertThat(WeeklyDelivery.orphanDeliveryIds(deliveries, List.of())).hasSize(3);
        assertThat(WeeklyDelivery.orphanDeliveryIds(List.of(delivery("s-live", "24h")), List.of(live))).isEmpty();
    }

    @Test
    void shouldForgetWhatItKeepsOfThePeriodsOfDeletedSubscriptions() {
        Subscription live = Subscription.newBuilder().setSubscriptionId("s-live").setKind("theme").setProduct("ledger").setTheme("csv")
                .setWebhookUrl("https://hooks.example.com/x").setSecret("0123456789abcdef").setCreatedAt(RELEASED).build();
        java.util.Set<String> handled = new java.util.HashSet<>(List.of("s-live|2026-11-16T09:00:00Z", "s-gone|2026-11-16T09:00:00Z"));
        java.util.Map<String, Instant> retryAt = new java.util.HashMap<>(java.util.Map.of("s-gone|2026-11-16T10:00:00Z", RELEASED,
                "s-live|2026-11-16T10:00:00Z", RELEASED));

        WeeklyDelivery.forgetPeriodsOfDeleted(List.of(live), handled, retryAt.keySet());

        assertThat(handled).containsExactly("s-live|2026-11-16T09:00:00Z");
        assertThat(retryAt).containsOnlyKeys("s-live|2026-11-16T10:00:00Z");
    }

    private static Delivery delivery(String subscriptionId, String period) {
        return Delivery.newBuilder().setDeliveryId(subscriptionId + "|" + period).setSubscriptionId(subscriptionId).setPeriod(period)
                .setStatus("delivered").setAttempts(1).setBody("{}").setAt(RELEASED).build();
    }

    @Test
    void shouldPushAThemesHourOnlyWhenItIsNewToTheDayOrAboveTheDaysRate() {
        org.ticketpipeline.schemas.ThemeWindow afterAQuietHour = ThemeWindows.hour("ledger", "login loop after update", hour(30), 2, 0,
                org.ticketpipeline.schemas.Movement.NEW);
        org.ticketpipeline.schemas.ThemeWindow busy = ThemeWindows.hour("ledger", "login loop after update", hour(30), 5, 3,
                org.ticketpipeline.schemas.Movement.RISING);

        assertThat(WeeklyDelivery.spikeWord(afterAQuietHour, 0)).as("none all day: new").isEqualTo("new");
        assertThat(WeeklyDelivery.spikeWord(afterAQuietHour, 40)).as("40 yesterday, a quiet hour, then 2: nothing new").isNull();
        assertThat(WeeklyDelivery.spikeWord(busy, 96)).as("4 an hour all day, 3 then 5: its usual").isNull();
        assertThat(WeeklyDelivery.spikeWord(busy, 24)).as("1 an hour all day, then 5").isEqualTo("rising");
        assertThat(WeeklyDelivery.spikeWord(ThemeWindows.hour("ledger", "login loop after update", hour(30), 7, 0,
                org.ticketpipeline.schemas.Movement.NEW), 40)).as("back, and well above its rate").isEqualTo("rising");
    }

    @Test
    void shouldLetACallInFlightEndAndWriteItsRecordWhenTheServiceStops() throws Exception {
        MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (LocalReceiver slow = LocalReceiver.answeringAfter(204, Duration.ofMillis(800))) {
            WeeklyDelivery delivery = new WeeklyDelivery(null, new ReadingProducer(kafka), settings(Duration.ofSeconds(5), Duration.ofHours(24)), null);
            caller.submit(() -> delivery.push(subscription(slow.url("/hook")), "2026-11-16", "sub-1|2026-11-16", "{}"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slow.calls() == 1);

            delivery.stopRounds();

            // returned at once, the service stopped with the receiver's 204 on its way and no record of it: called again at the start
            assertThat(kafka.history()).extracting(r -> ((Delivery) r.value()).getStatus()).containsExactly("delivered");
            delivery.push(subscription(slow.url("/hook")), "2026-11-23", "sub-1|2026-11-23", "{}");
            assertThat(slow.calls()).as("no call begun once stopping").isEqualTo(1);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void shouldOweAWeeksReadingToSubscriptionsMadeBeforeTheWeekAfterItEnded() {
        Instant lastWeek = Instant.parse("2026-11-16T00:00:00Z");
        Instant weekBefore = lastWeek.minus(Duration.ofDays(7));
        java.util.function.Function<String, Subscription> madeAt = at -> Subscription.newBuilder(subscription("https://chat.example.org/h"))
                .setCreatedAt(Instant.parse(at)).build();

        assertThat(WeeklyDelivery.owedTo(madeAt.apply("2026-11-25T10:00:00Z"), lastWeek)).as("made mid-week: last week's at once").isTrue();
        assertThat(WeeklyDelivery.owedTo(madeAt.apply("2026-11-23T00:05:00Z"), weekBefore))
                .as("made on Monday before last week's is due: not the one before, two weeks old").isFalse();
        assertThat(WeeklyDelivery.owedTo(madeAt.apply("2026-11-01T00:00:00Z"), weekBefore))
                .as("made long before: a week missed while the service was down is still owed").isTrue();
        assertThat(WeeklyDelivery.weekDue(Instant.parse("2026-11-23T00:05:00Z"), Duration.ofMinutes(10))).isEqualTo(weekBefore);

        Subscription longAgo = madeAt.apply("2026-11-01T00:00:00Z");
        assertThat(WeeklyDelivery.weeksOwed(longAgo, lastWeek, w -> true)).as("missed with tickets: sent, oldest first")
                .containsExactly(weekBefore, lastWeek);
        assertThat(WeeklyDelivery.weeksOwed(longAgo, lastWeek, w -> false)).as("delivered already, or a week of nothing").containsExactly(lastWeek);
        assertThat(WeeklyDelivery.weeksOwed(madeAt.apply("2026-11-25T10:00:00Z"), lastWeek, w -> true)).containsExactly(lastWeek);
    }

    @Test
    void shouldMatchASubscribedThemeWhateverItsCaseAndOuterSpaces() {
        assertThat(WeeklyDelivery.sameTheme("CSV export times out", "csv export times out ")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "CSV Export Times Out")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "csv export")).isFalse();
        assertThat(WeeklyDelivery.ticketsOf(java.util.Map.of("CSV export times out", 30L, "Csv export times out", 10L, "csv export", 5L),
                "csv export times out")).as("the day before, under both spellings").isEqualTo(40);
        assertThat(WeeklyDelivery.sameTheme("csv export times out", null)).isFalse();
    }

    @Test
    void shouldCallAgainInALaterRoundAReceiverThatNeverFinishesAnsweringAndGiveUpOnlyPastTheRedeliveryTime() throws Exception {
        MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();
        try (LocalReceiver stalling = LocalReceiver.stallingAfterHeaders()) {
            pushWithin(kafka, stalling.url("/hook"), Duration.ofMillis(300), Duration.ofHours(24));
            pushWithin(kafka, stalling.url("/hook"), Duration.ofMillis(300), Duration.ZERO);
        }

        assertThat(kafka.history()).hasSize(2);
        Delivery retrying = (Delivery) kafka.history().get(0).value();
        assertThat(retrying.getStatus()).isEqualTo("retrying");
        assertThat(retrying.getAttempts()).isEqualTo(2);
        assertThat(retrying.getLastError()).isEqualTo("no answer within 300 ms");
        assertThat(retrying.getNextAttemptAt()).as("a round later at the soonest").isAfterOrEqualTo(retrying.getAt().plusSeconds(60));
        Delivery dead = (Delivery) kafka.history().get(1).value();
        assertThat(dead.getStatus()).as("no redelivery time: the round's last attempt is the last").isEqualTo("dead");
        assertThat(dead.getNextAttemptAt()).isNull();
    }

    @Test
    void shouldGiveUpAtOnceOnAReceiverWhoseAnswerNoCallWillChange() throws Exception {
        MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();
        pushWithin(kafka, "http://127.0.0.1:70000/hook", Duration.ofSeconds(2), Duration.ofHours(24));
        try (LocalReceiver gone = LocalReceiver.answering(410, null); LocalReceiver busy = LocalReceiver.answering(429, null)) {
            pushWithin(kafka, gone.url("/hook"), Duration.ofSeconds(2), Duration.ofHours(24));
            pushWithin(kafka, busy.url("/hook"), Duration.ofSeconds(2), Duration.ofHours(24));
        }

        assertThat(kafka.history()).extracting(r -> (Delivery) r.value()).satisfiesExactly(
                outOfRange -> {
                    assertThat(outOfRange.getStatus()).isEqualTo("dead");
                    assertThat(outOfRange.getAttempts()).isEqualTo(1);
                    assertThat(outOfRange.getLastError()).contains("70000");
                },
                gone -> {
                    assertThat(gone.getStatus()).isEqualTo("dead");
                    assertThat(gone.getAttempts()).isEqualTo(1);
                    assertThat(gone.getLastError()).isEqualTo("receiver answered 410");
                },
                tooMany -> {
                    assertThat(tooMany.getStatus()).as("429 says: later").isEqualTo("retrying");
                    assertThat(tooMany.getAttempts()).isEqualTo(2);
                });
    }

    @Test
    void shouldCallARoundsSubscribersAtOnceSoAStallingReceiverHoldsOnlyItsOwn() throws Exception {
        java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(WeeklyDelivery.SENDERS);
        List<Boolean> metTheOthers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WeeklyDelivery.SENDERS);
        try {
            // each waits for all the others to have started: called one after another, none would
            WeeklyDelivery.eachAtOnce(java.util.stream.IntStream.range(0, WeeklyDelivery.SENDERS).boxed().toList(), i -> {
                allStarted.countDown();
                try {
                    metTheOthers.add(allStarted.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, pool);
        } finally {
            pool.shutdownNow();
        }

        assertThat(metTheOthers).as("every call done when the round returns, all at once").hasSize(WeeklyDelivery.SENDERS).containsOnly(true);
    }

    @Test
    void shouldNotHoldTheRoundsOtherReadingsBehindAWriteKafkaIsSlowToAnswer() throws Exception {
        java.util.concurrent.CountDownLatch bothWriting = new java.util.concurrent.CountDownLatch(2);
        List<Boolean> metTheOther = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        WeeklyDelivery.Round round = new WeeklyDelivery.Round(hour(24), r -> {
            // the write of one waits for the other's to have started: written one after another, neither would
            bothWriting.countDown();
            try {
                metTheOther.add(bothWriting.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            published.add(r.getReadingId());
        });
        List<String> readings = List.of("ledger|weekly|2026-11-16|trio", "ledger|weekly|2026-11-16|exec", "ledger|weekly|2026-11-16|trio");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            WeeklyDelivery.eachAtOnce(readings, id -> round.publish(reading(id)), pool);
        } finally {
            pool.shutdownNow();
        }

        assertThat(metTheOther).as("the two readings written at once").containsExactly(true, true);
        assertThat(published).as("the one two subscribers share, once").containsExactlyInAnyOrder("ledger|weekly|2026-11-16|trio",
                "ledger|weekly|2026-11-16|exec");
    }

    @Test
    void shouldFindTheRetryingDeliveriesNoRoundWillCallAgain() {
        Instant now = RELEASED.plus(Duration.ofDays(1));
        Delivery lookedAt = retrying("s|2026-11-16", now.minus(Duration.ofMinutes(3)));
        Delivery dueLater = retrying("s|24h", now.plus(Duration.ofMinutes(30)));
        Delivery passedHour = retrying("s|2026-11-20T09:00:00Z", now.minus(Duration.ofMinutes(40)));

        assertThat(WeeklyDelivery.noLongerDue(List.of(lookedAt, dueLater, passedHour, delivery("s", "final")), now, Duration.ofMinutes(1)))
                .extracting(Delivery::getDeliveryId).containsExactly("s|2026-11-20T09:00:00Z");
    }

    @Test
    void shouldNotGiveUpOnAReadingThisProcessStillCallsWhenItsNewerRecordsAreNotInTheTableYet() {
        Instant now = RELEASED.plus(Duration.ofDays(1));
        Delivery inTheTable = retrying("s|2026-11-16", now.minus(Duration.ofMinutes(40)));
        Delivery unwritten = Delivery.newBuilder(retrying("s|2026-11-16", now.plus(Duration.ofMinutes(2)))).setAttempts(6).build();

        assertThat(WeeklyDelivery.noLongerDue(List.of(WeeklyDelivery.newestKnown(inTheTable, unwritten, null)), now, Duration.ofMinutes(1)))
                .as("its newer record, not written while Kafka was away, calls again in 2 min").isEmpty();
        assertThat(WeeklyDelivery.noLongerDue(List.of(WeeklyDelivery.newestKnown(inTheTable, null, now.plus(Duration.ofMinutes(2)))), now,
                Duration.ofMinutes(1))).as("written a moment ago, not in the table yet: the next call this process set").isEmpty();
        Delivery tookIt = Delivery.newBuilder(unwritten).setStatus("delivered").setNextAttemptAt(null).build();
        assertThat(WeeklyDelivery.newestKnown(inTheTable, tookIt, now.plus(Duration.ofMinutes(2))).getStatus())
                .as("delivered, its record to be written next round").isEqualTo("delivered");
        assertThat(WeeklyDelivery.noLongerDue(List.of(WeeklyDelivery.newestKnown(inTheTable, null, null)), now, Duration.ofMinutes(1)))
                .as("nothing newer known here: no round called it for 40 min").extracting(Delivery::getDeliveryId).containsExactly("s|2026-11-16");
    }

    private static Delivery retrying(String deliveryId, Instant next) {
        return Delivery.newBuilder(delivery("s", deliveryId.substring(2))).setStatus("retrying").setNextAttemptAt(next).build();
    }

    @Test
    void shouldWaitLongerEachRoundAReceiverKeepsFailingAndStopWhereTheRoundsStopLooking() {
        Instant first = RELEASED;
        Duration round = Duration.ofMinutes(1);
        Duration day = Duration.ofHours(24);
        assertThat(WeeklyDelivery.nextAttempt(first, first.plusSeconds(7), round, day, null)).isEqualTo(first.plusSeconds(67));
        assertThat(WeeklyDelivery.nextAttempt(first, first.plus(Duration.ofMinutes(8)), round, day, null))
                .as("after as long as it has been failing").isEqualTo(first.plus(Duration.ofMinutes(16)));
        assertThat(WeeklyDelivery.nextAttempt(first, first.plus(Duration.ofHours(5)), round, day, null))
                .as("an hour at most").isEqualTo(first.plus(Duration.ofHours(6)));
        assertThat(WeeklyDelivery.nextAttempt(first, first.plus(Duration.ofMinutes(23 * 60 + 30)), round, day, null))
                .as("not past the redelivery time").isNull();
        assertThat(WeeklyDelivery.nextAttempt(first, first.plus(Duration.ofMinutes(50)), round, day, first.plus(Duration.ofMinutes(90))))
                .as("not past the hour the rounds stop looking at the period").isNull();
    }

    @Test
    void shouldNotCallAgainAReceiverThatTookTheReadingWhenItsRecordWasNotWrittenAndWriteTheRecordNextRound() throws Exception {
        AtomicBoolean deliveriesAway = new AtomicBoolean(true);
        MockProducer<String, SpecificRecord> kafka = new MockProducer<String, SpecificRecord>(true, null,
                new org.apache.kafka.common.serialization.StringSerializer(), (topic, value) -> {
                    if (deliveriesAway.get()) {
                        throw new org.apache.kafka.common.errors.TimeoutException("deliveries not available");
                    }
                    return new byte[0];
                });
        ReadingSettings settings = settings(Duration.ofSeconds(2), Duration.ofHours(24));
        WeeklyDelivery delivery = new WeeklyDelivery(null, new ReadingProducer(kafka), settings, null);
        try (LocalReceiver taking = LocalReceiver.answering(204, null)) {
            delivery.push(subscription(taking.url("/hook")), "2026-11-16", "sub-1|2026-11-16", "{\"lines\":[]}");
        }
        assertThat(kafka.history()).as("the record's write failed").isEmpty();
        assertThat(delivery.isDone("sub-1|2026-11-16", Instant.now())).as("the next round does not call the receiver again").isTrue();

        deliveriesAway.set(false);
        delivery.writeUnrecorded();
        delivery.writeUnrecorded();

        assertThat(kafka.history()).extracting(r -> ((Delivery) r.value()).getStatus()).as("written once, next round").containsExactly("delivered");
    }

    private static ReadingSettings settings(Duration webhookTimeout, Duration redeliveryFor) {
        ReadingSettings settings = new ReadingSettings();
        settings.setDeliveryAttempts(2);
        settings.setRetryBackoff(Duration.ofMillis(10));
        settings.setWebhookTimeout(webhookTimeout);
        settings.setRedeliveryFor(redeliveryFor);
        settings.setWebhookPrivateHosts(true); // the receivers listen on this machine
        return settings;
    }

    private static Subscription subscription(String webhookUrl) {
        return Subscription.newBuilder().setSubscriptionId("sub-1").setKind("weekly").setProduct("ledger")
                .setWebhookUrl(webhookUrl).setSecret("0123456789abcdef0123").setCreatedAt(RELEASED).build();
    }

    /** At most two attempts at one reading, on a thread of the test's: one that never returns fails the test, not hangs it. */
    private static void pushWithin(MockProducer<String, SpecificRecord> kafka, String webhookUrl, Duration webhookTimeout, Duration redeliveryFor)
            throws Exception {
        // the tables and the JSON mapper are not needed to push a body already made
        WeeklyDelivery delivery = new WeeklyDelivery(null, new ReadingProducer(kafka), settings(webhookTimeout, redeliveryFor), null);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            caller.submit(() -> delivery.push(subscription(webhookUrl), "2026-11-16", "sub-1|2026-11-16", "{\"lines\":[]}")).get(20, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }
}
