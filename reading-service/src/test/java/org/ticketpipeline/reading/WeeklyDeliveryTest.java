package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.ReleaseWatch;

/** When release readings are due, and that a reading shared by subscribers is published once a round; the webhooks are in DeliveryIT. */
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
    void shouldMatchASubscribedThemeWhateverItsCaseAndOuterSpaces() {
        assertThat(WeeklyDelivery.sameTheme("CSV export times out", "csv export times out ")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "CSV Export Times Out")).isTrue();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", "csv export")).isFalse();
        assertThat(WeeklyDelivery.sameTheme("csv export times out", null)).isFalse();
    }
}
