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

    @Test
    void shouldMakeA24hReadingDue24HoursAfterTheReleaseEvenWhenNoSnapshotCameSince() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(23.9), NONE::contains)).isEmpty();
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(24), NONE::contains)).containsExactly("24h");
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(30), NONE::contains)).containsExactly("24h");
    }

    @Test
    void shouldSendOnlyTheFinalReadingOfAWatchClosedBeforeIts24hReadingWentOut() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), NONE::contains)).containsExactly("final");
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(72), Set.of("final")::contains))
                .as("the 24h reading is not owed later either").isEmpty();
    }

    @Test
    void shouldNeitherRepeatNorSkipAPeriodAfterARestart() {
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(false), hour(30), Set.of("24h")::contains)).isEmpty();
        assertThat(WeeklyDelivery.releasePeriodsDue(quiet(true), hour(50), Set.of("24h")::contains)).containsExactly("final");
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

    private static Delivery delivery(String subscriptionId, String period) {
        return Delivery.newBuilder().setDeliveryId(subscriptionId + "|" + period).setSubscriptionId(subscriptionId).setPeriod(period)
                .setStatus("delivered").setAttempts(1).setBody("{}").setAt(RELEASED).build();
    }

    @Test
    void shouldMatchASubscribedThemeWhateverItsCaseAndOuterSpaces() {
        assertThat(WeeklyDelivery.sameTheme("CSV export times out", "csv export times out ")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "CSV Export Times Out")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "csv export")).isFalse();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", null)).isFalse();
    }

    @Test
    void shouldKeepAReadingWhoseReceiverNeverFinishesAnsweringAsADeadDeliveryAfterItsAttempts() throws Exception {
        MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();
        try (LocalReceiver stalling = LocalReceiver.stallingAfterHeaders()) {
            pushWithin(kafka, stalling.url("/hook"), Duration.ofMillis(300));
        }

        Delivery delivery = onlyDelivery(kafka);
        assertThat(delivery.getStatus()).isEqualTo("dead");
        assertThat(delivery.getAttempts()).isEqualTo(2);
        assertThat(delivery.getLastError()).isEqualTo("no answer within 300 ms");
    }

    @Test
    void shouldKeepAReadingWhoseWebhookPortIsOutOfRangeAsADeadDeliveryNotRetryItEveryRound() throws Exception {
        MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();

        pushWithin(kafka, "http://127.0.0.1:70000/hook", Duration.ofSeconds(2));

        Delivery delivery = onlyDelivery(kafka);
        assertThat(delivery.getStatus()).isEqualTo("dead");
        assertThat(delivery.getAttempts()).isEqualTo(2);
        assertThat(delivery.getLastError()).contains("70000");
    }

    /** Two attempts at one reading, on a thread of the test's: one that never returns fails the test, not hangs it. */
    private static void pushWithin(MockProducer<String, SpecificRecord> kafka, String webhookUrl, Duration webhookTimeout) throws Exception {
        ReadingSettings settings = new ReadingSettings();
        settings.setDeliveryAttempts(2);
        settings.setRetryBackoff(Duration.ofMillis(10));
        settings.setWebhookTimeout(webhookTimeout);
        // the tables and the JSON mapper are not needed to push a body already made
        WeeklyDelivery delivery = new WeeklyDelivery(null, new ReadingProducer(kafka), settings, null);
        Subscription subscription = Subscription.newBuilder().setSubscriptionId("sub-1").setKind("weekly").setProduct("ledger")
                .setWebhookUrl(webhookUrl).setSecret("0123456789abcdef0123").setCreatedAt(RELEASED).build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            caller.submit(() -> delivery.push(subscription, "2026-11-16", "sub-1|2026-11-16", "{\"lines\":[]}")).get(20, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    private static Delivery onlyDelivery(MockProducer<String, SpecificRecord> kafka) {
        assertThat(kafka.history()).hasSize(1);
        assertThat(kafka.history().get(0).topic()).isEqualTo("deliveries");
        return (Delivery) kafka.history().get(0).value();
    }
}
