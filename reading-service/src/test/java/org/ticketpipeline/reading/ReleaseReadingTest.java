package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.Strength;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;

class ReleaseReadingTest {

    private static ReleaseWatch watch(boolean closed) {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        return ReleaseWatch.newBuilder()
                .setReleaseId("ledger-4.3.0").setProduct("ledger").setVersion("4.3.0").setReleasedAt(released)
                .setWatchEndsAt(released.plusSeconds(48 * 3600)).setClosed(closed).setTicketCount(22)
                .setHoursSinceRelease(closed ? 72.9 : 20.2).setUpdatedAt(released.plusSeconds(20 * 3600)).setVerdict("")
                .setThemes(List.of(
                        WatchedTheme.newBuilder().setTheme("csv export times out").setVerdict(WatchVerdict.CONFIRMED)
                                .setPredictedStrength(Strength.MEDIUM).setObservedStrength(Strength.HIGH).setObserved(13).setLift(45.5)
                                .setQuotes(List.of("The CSV export spins then fails since the update.")).build(),
                        WatchedTheme.newBuilder().setTheme("pdf invoice layout").setVerdict(WatchVerdict.QUIET)
                                .setPredictedStrength(Strength.LOW).setObserved(0).setQuotes(List.of()).build(),
                        WatchedTheme.newBuilder().setTheme("bank transactions").setVerdict(WatchVerdict.SURPRISE)
                                .setObservedStrength(Strength.HIGH).setObserved(9).setLift(31.5)
                                .setQuotes(List.of("Bank transactions are not importing any more.", "Feed disconnected.")).build()))
                .build();
    }

    @Test
    void shouldSayWhatWasPredictedWhatCameAndWhatSurprised() {
        ReleaseReading reading = ReleaseReading.of(watch(true));

        assertThat(reading.lines()).containsExactly(
                "First 48 hours, final of ledger 4.3.0.",
                "Predicted: csv export times out (medium), pdf invoice layout (low).",
                "Came: csv export times out, high against medium predicted (13 tickets). Quiet: pdf invoice layout.",
                "Surprised: bank transactions, 32 times its usual rate (9 tickets).");
        assertThat(ReleaseReading.of(watch(false)).lines().get(0)).isEqualTo("First 20 hours so far of ledger 4.3.0.");
    }

    @Test
    void shouldSayHowLongTheFindingsOfAnOpenWatchHaveHeldNotWhereItsLastTicketLeftThem() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");

        assertThat(ReleaseReading.of(watch(false), released.plusSeconds(24 * 3600)).lines().get(0))
                .as("no ticket since hour 20: the 24-hour reading says 24").isEqualTo("First 24 hours so far of ledger 4.3.0.");
        assertThat(ReleaseReading.of(watch(false), released.plusSeconds(24 * 3600)).voiceOfCustomer()).contains("within the first 24 hours");
        assertThat(ReleaseReading.of(watch(false), released.plusSeconds(60 * 3600)).lines().get(0))
                .as("not past the watch's end").isEqualTo("First 48 hours so far of ledger 4.3.0.");
        assertThat(ReleaseReading.of(watch(false), released.plusSeconds(3600)).lines().get(0))
                .as("a clock behind the snapshot's does not take hours back").isEqualTo("First 20 hours so far of ledger 4.3.0.");
        assertThat(ReleaseReading.of(watch(true), released.plusSeconds(24 * 3600))).isEqualTo(ReleaseReading.of(watch(true)));
    }

    @Test
    void shouldTellOneMomentOfTheThemeThatMovedMostNotAList() {
        String voice = ReleaseReading.of(watch(true)).voiceOfCustomer();

        assertThat(voice).isEqualTo("\"Bank transactions are not importing any more.\" A customer wrote this within the first 48 hours"
                + " of ledger 4.3.0, one of 9 tickets about bank transactions, a theme nobody predicted.");
        assertThat(voice).doesNotContain("Feed disconnected");
    }

    @Test
    void shouldPickTheQuoteThatSharesMostWithTheOthersAsTheMoment() {
        String chosen = ReleaseReading.representative(List.of(
                "Thanks for the quick reply!",
                "The bank feed disconnected and transactions stopped importing.",
                "Transactions stopped importing since the bank feed update.",
                "Bank feed disconnected again, no transactions importing."));

        assertThat(chosen).isEqualTo("The bank feed disconnected and transactions stopped importing.");
    }

    @Test
    void shouldGiveTheSameTextForTheSameSnapshotInEveryFormat() {
        assertThat(ReleaseReading.of(watch(true))).isEqualTo(ReleaseReading.of(watch(true)));
        assertThat(ReleaseReading.of(watch(true)).text()).endsWith("a theme nobody predicted.\n");
        assertThat(ReleaseReading.of(watch(true)).markdown()).contains("> \"Bank transactions").contains("_Made from release-watch snapshot");
    }
}
