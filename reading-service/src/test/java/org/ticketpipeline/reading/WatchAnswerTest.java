package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;

class WatchAnswerTest {

    @Test
    void shouldCountTheHoursSinceReleaseAtTheRequestNotAtTheSnapshot() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        // made five days ahead of the release, and not made again: nothing came to change its findings
        ReleaseWatch quiet = ReleaseWatch.newBuilder().setReleaseId("ledger-4.4.0").setProduct("ledger").setVersion("4.4.0")
                .setReleasedAt(released).setWatchEndsAt(released.plus(Duration.ofHours(48))).setClosed(false).setTicketCount(0)
                .setHoursSinceRelease(-120).setUpdatedAt(released.minus(Duration.ofDays(5))).setVerdict("").setThemes(List.of()).build();

        assertThat(WatchAnswer.of(quiet, released.plus(Duration.ofMinutes(30))).hoursSinceRelease()).as("shipped half an hour ago").isEqualTo(0.5);
        assertThat(WatchAnswer.of(quiet, released.minus(Duration.ofDays(2))).hoursSinceRelease()).as("ships in two days").isEqualTo(-48.0);
    }

    @Test
    void shouldNotShowAUsualRateAboveZeroAsZero() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        // one ticket of the theme in a 14-day background: 1/336 an hour, which two decimals made 0, "new since the release"
        WatchedTheme once = WatchedTheme.newBuilder().setTheme("login loop").setVerdict(WatchVerdict.SURPRISE).setObserved(6)
                .setObservedPerHour(3).setBackgroundPerHour(1.0 / 336).setLift(1008).build();
        WatchedTheme never = WatchedTheme.newBuilder(once).setTheme("csv export").setBackgroundPerHour(0).build();
        ReleaseWatch watch = ReleaseWatch.newBuilder().setReleaseId("ledger-4.4.0").setProduct("ledger").setVersion("4.4.0")
                .setReleasedAt(released).setWatchEndsAt(released.plus(Duration.ofHours(48))).setClosed(false).setTicketCount(12)
                .setHoursSinceRelease(2).setUpdatedAt(released.plus(Duration.ofHours(2))).setVerdict("").setThemes(List.of(once, never)).build();

        List<WatchAnswer.Theme> surprise = WatchAnswer.of(watch, released.plus(Duration.ofHours(2))).surprise();

        assertThat(surprise.get(0).backgroundPerHour()).isEqualTo(0.003);
        assertThat(surprise.get(1).backgroundPerHour()).isZero();
        assertThat(surprise.get(0).observedPerHour()).isEqualTo(3.0);
        assertThat(WatchAnswer.rate(2.345)).isEqualTo(2.35);
    }
}
