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
                                .setObservedPerHour(0.27083).setBackgroundPerHour(0.006)
                                .setQuotes(List.of("The CSV export spins then fails since the update.")).build(),
                        WatchedTheme.newBuilder().setTheme("pdf invoice layout").setVerdict(WatchVerdict.QUIET)
                                .setPredictedStrength(Strength.LOW).setObserved(0).setQuotes(List.of()).build(),
                        WatchedTheme.newBuilder().setTheme("bank transactions").setVerdict(WatchVerdict.SURPRISE)
                                .setObservedStrength(Strength.HIGH).setObserved(9).setLift(31.5).setBackgroundPerHour(0.006).setObservedPerHour(0.1875)
                                .setQuotes(List.of("Bank transactions are not importing any more.", "Feed disconnected.")).build()))
                .build();
    }

    @Test
    void shouldSayWhatWasPredictedWhatCameAndWhatSurprised() {
        ReleaseReading reading = ReleaseReading.of(watch(true));

        assertThat(reading.lines()).containsExactly(
                "First 48 hours, final of ledger 4.3.0.",
                "Predicted: csv export times out (medium), pdf invoice layout (low).",
                "Came: csv export times out, high against medium predicted (13 tickets).",
                "Quiet: pdf invoice layout.",
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
    void shouldSayTheSameFindingsToAnExecAndToASquad() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        ReleaseReading exec = ReleaseReading.of(watch(true), released.plusSeconds(50 * 3600), "exec");
        ReleaseReading squad = ReleaseReading.of(watch(true), released.plusSeconds(50 * 3600), "squad");

        assertThat(exec.audience()).isEqualTo("exec");
        assertThat(exec.lines()).containsExactly(
                "Impact: 22 tickets in the first 48 hours of ledger 4.3.0; 1 theme nobody predicted.",
                "Against the brief: 1 of 2 predicted themes came; quiet: pdf invoice layout.",
                "Decision: bank transactions (9 tickets) was not in the brief: fix now or after the next release?");
        assertThat(squad.lines()).containsExactly(
                "csv export times out: predicted medium, came high, 13 tickets, 0.27/h against 0.01/h usual;"
                        + " e.g. \"The CSV export spins then fails since the update.\"; repro: since the update",
                "bank transactions: not predicted, 9 tickets, 0.19/h against 0.01/h usual; e.g. \"Bank transactions are not importing any more.\"",
                "Quiet (predicted, no ticket): pdf invoice layout (low).");
        assertThat(ReleaseReading.rate(0.004)).as("above nothing, under what two decimals show").isEqualTo("under 0.01");
        assertThat(ReleaseReading.rate(0)).isEqualTo("0");
        assertThat(ReleaseReading.rate(3.0)).isEqualTo("3");
        assertThat(squad.voiceOfCustomer()).as("one moment, for everyone").isEqualTo(ReleaseReading.of(watch(true)).voiceOfCustomer());
        assertThat(squad.markdown()).startsWith("**Release reading: ledger 4.3.0 (squad)**");
        assertThat(ReleaseReading.of(watch(true), released, "trio")).isEqualTo(ReleaseReading.of(watch(true)));

        ReleaseWatch asBriefed = ReleaseWatch.newBuilder(watch(false)).setThemes(watch(false).getThemes().stream()
                .filter(t -> t.getVerdict() != WatchVerdict.SURPRISE).toList()).build();
        assertThat(ReleaseReading.of(asBriefed, released.plusSeconds(24 * 3600), "exec").lines()).containsExactly(
                "Impact: 22 tickets in the first 24 hours so far of ledger 4.3.0; nothing unpredicted stands out.",
                "Against the brief: 1 of 2 predicted themes came; quiet: pdf invoice layout.",
                "Decision: none asked for yet: what came was in the brief.");
    }

    @Test
    void shouldSayAReleaseThatPredictedNothingOrOneThemeAsAPersonWould() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        ReleaseWatch nothingPredicted = ReleaseWatch.newBuilder(watch(true)).setTicketCount(0).setThemes(List.of()).build();
        ReleaseWatch onePredictedQuiet = ReleaseWatch.newBuilder(watch(true)).setTicketCount(0).setThemes(watch(true).getThemes().stream()
                .filter(t -> t.getVerdict() == WatchVerdict.QUIET).toList()).build();

        assertThat(ReleaseReading.of(nothingPredicted).lines().get(2)).isEqualTo("Came: no theme was predicted to.");
        assertThat(ReleaseReading.of(onePredictedQuiet, released, "exec").lines()).containsExactly(
                "Impact: 0 tickets in the first 48 hours of ledger 4.3.0; nothing unpredicted stands out.",
                "Against the brief: the predicted theme did not come.",
                "Decision: none asked for yet: nothing stood out.");
    }

    @Test
    void shouldNameAtMostFiveThemesOnALineAndSayHowManyMore() {
        List<WatchedTheme> many = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(WatchedTheme.newBuilder().setTheme("predicted theme number " + i).setVerdict(WatchVerdict.QUIET)
                    .setPredictedStrength(Strength.LOW).setObserved(0).setQuotes(List.of()).build());
        }
        ReleaseReading reading = ReleaseReading.of(ReleaseWatch.newBuilder(watch(true)).setThemes(many).build());

        assertThat(reading.lines().get(1)).endsWith("predicted theme number 4 (low) and 7 more.");
        assertThat(reading.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(300));
    }

    @Test
    void shouldKeepEveryFigureOfATriosReleaseLineWhileHoldingItToItsLength() {
        List<WatchedTheme> themes = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = List.of("alpha", "bravo", "delta", "gamma", "omega").get(i - 1)
                    + " invoice pdf export of a multi currency ledger breaks its layout"; // 69 characters, over the 60 a name keeps
            themes.add(WatchedTheme.newBuilder().setTheme(name).setVerdict(WatchVerdict.CONFIRMED).setPredictedStrength(Strength.MEDIUM)
                    .setObservedStrength(Strength.HIGH).setObserved(100 + i).setLift(40).setObservedPerHour(2).setBackgroundPerHour(0.05)
                    .setQuotes(List.of()).build());
            themes.add(WatchedTheme.newBuilder().setTheme("surprise " + name).setVerdict(WatchVerdict.SURPRISE)
                    .setObservedStrength(Strength.HIGH).setObserved(200 + i).setLift(12).setObservedPerHour(4).setBackgroundPerHour(0.3)
                    .setQuotes(List.of()).build());
        }
        List<String> lines = ReleaseReading.of(ReleaseWatch.newBuilder(watch(true)).setThemes(themes).build()).lines();

        assertThat(lines).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(ReleaseReading.TRIO_LINE));
        String came = lines.stream().filter(line -> line.startsWith("Came: ")).findFirst().orElseThrow();
        String surprised = lines.stream().filter(line -> line.startsWith("Surprised: ")).findFirst().orElseThrow();
        for (int i = 1; i <= 5; i++) {
            assertThat(came).contains("high against medium predicted (" + (100 + i) + " tickets)");
            assertThat(surprised).contains("12 times its usual rate (" + (200 + i) + " tickets)");
        }
        assertThat(came).as("the names gave way, at a word, and still tell the themes apart").contains("alpha invoice pdf export of a…, high")
                .contains("omega invoice pdf export of a…, high").doesNotContain(" more");
    }

    @Test
    void shouldFitAnExecsQuietThemesInTheLineAndStillSayHowManyMore() {
        List<WatchedTheme> themes = new java.util.ArrayList<>(List.of(WatchedTheme.newBuilder().setTheme("csv export times out")
                .setVerdict(WatchVerdict.CONFIRMED).setPredictedStrength(Strength.MEDIUM).setObservedStrength(Strength.HIGH).setObserved(13)
                .setLift(45.5).setObservedPerHour(0.27).setBackgroundPerHour(0.006).setQuotes(List.of()).build()));
        for (String quiet : List.of("pdf invoice layout broken on mobile", "sync delays between devices", "invoice totals rounding in euro",
                "login loop after the password reset", "dark mode colours in reports", "bank feed reconnect prompt")) {
            themes.add(WatchedTheme.newBuilder().setTheme(quiet).setVerdict(WatchVerdict.QUIET).setPredictedStrength(Strength.LOW)
                    .setObserved(0).setQuotes(List.of()).build());
        }
        ReleaseReading exec = ReleaseReading.of(ReleaseWatch.newBuilder(watch(true)).setThemes(themes).build(), Instant.now(), "exec");

        assertThat(exec.lines().get(1)).startsWith("Against the brief: 1 of 7 predicted themes came; quiet: pdf invoice layout")
                .matches(".* and [0-9] more\\.").hasSizeLessThanOrEqualTo(160);
    }

    @Test
    void shouldTellASquadOfEveryThemeThatCamePastTheFifth() {
        List<WatchedTheme> themes = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            themes.add(WatchedTheme.newBuilder().setTheme("surprise number " + i).setVerdict(WatchVerdict.SURPRISE)
                    .setObservedStrength(Strength.HIGH).setObserved(20 - i).setLift(10).setObservedPerHour(0.4).setBackgroundPerHour(0.04)
                    .setQuotes(List.of()).build());
        }
        ReleaseReading squad = ReleaseReading.of(ReleaseWatch.newBuilder(watch(true)).setThemes(themes).build(), Instant.now(), "squad");

        assertThat(squad.lines()).hasSize(6);
        assertThat(squad.lines().get(4)).startsWith("surprise number 5: not predicted, 15 tickets");
        assertThat(squad.lines().get(5)).isEqualTo("Also came: surprise number 6 (14 tickets), surprise number 7 (13 tickets).");
    }

    @Test
    void shouldNotCallThePredictedThemesOfAReleaseNotShippedYetQuiet() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        ReleaseWatch ahead = ReleaseWatch.newBuilder(watch(false)).setTicketCount(0).setHoursSinceRelease(-120)
                .setThemes(List.of(WatchedTheme.newBuilder().setTheme("csv export times out").setVerdict(WatchVerdict.QUIET)
                        .setPredictedStrength(Strength.MEDIUM).setObserved(0).setQuotes(List.of()).build(),
                        WatchedTheme.newBuilder().setTheme("pdf invoice layout").setVerdict(WatchVerdict.QUIET)
                                .setPredictedStrength(Strength.LOW).setObserved(0).setQuotes(List.of()).build())).build();
        Instant before = released.minusSeconds(120 * 3600);

        assertThat(ReleaseReading.of(ahead, before).lines()).containsExactly(
                "ledger 4.3.0 is not released yet: it ships in 5 days (2026-11-21T01:00:00Z), and its watch starts then.",
                "Predicted: csv export times out (medium), pdf invoice layout (low).",
                "Came: nothing yet, the watch starts at the release.",
                "Surprised: nothing yet.");
        assertThat(ReleaseReading.of(ahead, before, "exec").lines()).containsExactly(
                "Impact: 0 tickets in ledger 4.3.0, not released yet (ships in 5 days); nothing unpredicted stands out.",
                "Against the brief: it predicts 2 themes; the watch starts at the release.",
                "Decision: none asked for yet: the release has not shipped.");
        assertThat(ReleaseReading.of(ahead, before, "squad").lines()).containsExactly(
                "No ticket of a predicted or surprising theme in ledger 4.3.0, not released yet (ships in 5 days).",
                "Predicted (watched from the release): csv export times out (medium), pdf invoice layout (low).");
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

    @Test
    void shouldSayANeverSeenThemeIsNewNotAMultipleOfAFloorAndCountInWordsAReaderUses() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        ReleaseWatch early = ReleaseWatch.newBuilder(watch(false)).setHoursSinceRelease(0.33).setThemes(List.of(
                WatchedTheme.newBuilder().setTheme("bank feed").setVerdict(WatchVerdict.SURPRISE).setObservedStrength(Strength.HIGH)
                        .setObserved(2).setLift(224).setBackgroundPerHour(0)
                        .setQuotes(List.of("Hi,\n\nthe bank feed is gone @here <!channel>")).build(),
                WatchedTheme.newBuilder().setTheme("csv export times out").setVerdict(WatchVerdict.CONFIRMED)
                        .setPredictedStrength(Strength.MEDIUM).setObservedStrength(Strength.LOW).setObserved(1).setLift(1.2).setBackgroundPerHour(0.5)
                        .setQuotes(List.of("The export fails.")).build())).build();

        ReleaseReading reading = ReleaseReading.of(early, released.plusSeconds(20 * 60));

        assertThat(reading.lines()).containsExactly(
                "First 20 minutes so far of ledger 4.3.0.",
                "Predicted: csv export times out (medium).",
                "Came: csv export times out, low against medium predicted (1 ticket).",
                "Surprised: bank feed, new since the release (2 tickets, none in the days before it).");
        assertThat(ReadingText.duration(0.995)).isEqualTo("59 minutes");
        assertThat(ReadingText.duration(0.004)).isEqualTo("1 minute");
        assertThat(ReadingText.duration(1.0)).isEqualTo("1 hour");
        assertThat(ReadingText.name("<!here> invoices missing")).doesNotContain("<!");
        assertThat(reading.voiceOfCustomer()).as("one line, and no channel pinged by a customer's words")
                .startsWith("\"Hi, the bank feed is gone @\u2060here <\u2060!channel>\" A customer wrote this within the first 20 minutes")
                .contains("one of 2 tickets about bank feed").doesNotContain("\n");
        ReleaseWatch longer = ReleaseWatch.newBuilder(watch(true)).setWatchEndsAt(released.plusSeconds(72 * 3600)).build();
        assertThat(ReleaseReading.of(longer).lines().get(0)).as("the configured window, not 48").isEqualTo("First 72 hours, final of ledger 4.3.0.");
    }

    @Test
    void shouldSayAReleaseRegisteredAheadOfItsTimeIsNotReleasedYet() {
        Instant released = Instant.parse("2026-11-21T01:00:00Z");
        ReleaseWatch ahead = ReleaseWatch.newBuilder(watch(false)).setTicketCount(0).setHoursSinceRelease(-120).setThemes(List.of()).build();

        ReleaseReading reading = ReleaseReading.of(ahead, released.minusSeconds(120 * 3600));
        assertThat(reading.lines().get(0)).isEqualTo("ledger 4.3.0 is not released yet: it ships in 5 days (2026-11-21T01:00:00Z), and its watch starts then.");
        assertThat(ReleaseReading.of(ahead, released.minusSeconds(3 * 3600)).lines().get(0)).startsWith("ledger 4.3.0 is not released yet: it ships in 3 hours");
        assertThat(ReleaseReading.of(ahead, released.minusSeconds(120 * 3600), "exec").lines().get(0))
                .isEqualTo("Impact: 0 tickets in ledger 4.3.0, not released yet (ships in 5 days); nothing unpredicted stands out.");
        assertThat(ReleaseSummary.of(ahead, released.minusSeconds(120 * 3600)).hoursSinceRelease()).as("as the watch answer says").isEqualTo(-120.0);
    }

    @Test
    void shouldPostNoLinkACustomerWroteIntoAReading() {
        ReleaseWatch phishing = ReleaseWatch.newBuilder(watch(true)).setThemes(List.of(
                WatchedTheme.newBuilder().setTheme("[Update now](https://evil.example)").setVerdict(WatchVerdict.SURPRISE)
                        .setObservedStrength(Strength.HIGH).setObserved(3).setLift(9).setBackgroundPerHour(0.1).setObservedPerHour(0.9)
                        .setQuotes(List.of("Reset it here: [Official fix](https://evil.example) or www.evil.example or <https://evil.example|Update>")).build()))
                .build();

        String markdown = ReleaseReading.of(phishing).markdown();

        assertThat(markdown).doesNotContain("](").doesNotContain("https://").doesNotContain("www.evil");
        assertThat(markdown.replace("\u2060", "")).as("reads as written").contains("[Official fix](https://evil.example) or www.evil.example");
    }
}
