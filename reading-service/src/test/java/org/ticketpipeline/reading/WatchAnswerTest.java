package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.ReleaseWatch;

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
}
