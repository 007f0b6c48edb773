package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;

class WeeklyReadingTest {

    private static final Instant WEEK = Instant.parse("2026-11-16T00:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-11-09T00:00:00Z");

    private static ThemeWindow week(Instant start, String theme, long volume, String kind) {
        return ThemeWindow.newBuilder(ThemeWindows.hour("ledger", theme, start, volume, 0, Movement.STEADY))
                .setWindow("week").setWindowEnd(start.plusSeconds(7 * 24 * 3600)).setKindMix(Map.of(kind, volume)).build();
    }

    private static WeeklyReading reading() {
        return WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600),
                List.of(week(WEEK, "login loop after update", 24, "BUG"), week(WEEK, "csv export times out", 15, "BUG"),
                        week(WEEK, "dark mode request", 16, "BRIEF_INPUT"), week(WEEK, "thanks", 9, "NOISE"),
                        week(WEEK, "bank transactions", 5, "BUG")),
                List.of(week(BEFORE, "login loop after update", 26, "BUG"), week(BEFORE, "csv export times out", 4, "BUG"),
                        week(BEFORE, "dark mode request", 15, "BRIEF_INPUT"), week(BEFORE, "thanks", 8, "NOISE"),
                        week(BEFORE, "invoice totals wrong", 6, "BUG")));
    }

    @Test
    void shouldSayTheWeekInExactlyFiveShortLinesInTheWorkbooksOrder() {
        List<String> lines = reading().lines();

        assertThat(lines).hasSize(5);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(WeeklyReading.MAX_LINE));
        assertThat(lines.get(0)).startsWith("Volume: ");
        assertThat(lines.get(1)).startsWith("Top theme: ");
        assertThat(lines.get(2)).startsWith("Change since last week: ");
        assertThat(lines.get(3)).startsWith("What to watch: ");
        assertThat(lines.get(4)).startsWith("Take to the trio: ");
    }

    @Test
    void shouldNameThemesAndTheirMovementWithNumbersOnlyInSupport() {
        List<String> lines = reading().lines();

        assertThat(lines).containsExactly(
                "Volume: higher than last week across 5 themes (69 tickets, 59 before).",
                "Top theme: login loop after update, steady, mostly bug (24 tickets).",
                "Change since last week: csv export times out rising (15 from 4); invoice totals wrong gone (0 from 6).",
                "What to watch: bank transactions, new, mostly bug (5 tickets).",
                "Take to the trio: csv export times out is rising; fix now or after the next release? (15 tickets, 4 before)");
        for (String line : lines.subList(1, 5)) {
            String words = line.replaceAll("\\([^)]*\\)", "");
            assertThat(words).as("numbers only in support, in brackets: " + line).doesNotContainPattern("\\d");
            assertThat(words).containsPattern("new|rising|steady|fading|gone");
        }
    }

    @Test
    void shouldGiveTheSameTextForTheSameAggregatesAndSayWhatItWasMadeFrom() {
        assertThat(reading()).isEqualTo(reading());
        assertThat(reading().madeFrom()).contains("weeks starting 2026-11-16T00:00:00Z").contains("2026-11-09T00:00:00Z");
        assertThat(reading().markdown()).startsWith("**Weekly helpdesk reading (trio): ledger, week of 2026-11-16**").contains("- Top theme: ");
        assertThat(reading().text().split("\n")).hasSize(5);
    }

    @Test
    void shouldTellTheSameThemesToAnExecInThreeLinesAndToASquadWithSpecifics() {
        List<ThemeWindow> week = List.of(week(WEEK, "login loop after update", 24, "BUG"),
                ThemeWindow.newBuilder(week(WEEK, "csv export times out", 15, "BUG")).setLevelMix(Map.of("release", 12L, "build", 3L))
                        .setQuotes(List.of("Export fails when I pick more than 3 months, error 504.")).build());
        List<ThemeWindow> before = List.of(week(BEFORE, "login loop after update", 26, "BUG"), week(BEFORE, "csv export times out", 4, "BUG"));
        WeeklyReading trio = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), week, before);

        WeeklyReading exec = trio.forAudience("exec", week, before);
        WeeklyReading squad = trio.forAudience("squad", week, before);

        assertThat(exec.lines()).containsExactly(
                "Impact: login loop after update, steady, mostly bug (24 tickets); volume higher than last week (39 tickets, 30 before).",
                "Trend: csv export times out rising (15 from 4).",
                "Decision: csv export times out is rising; fix now or after the next release? (15 tickets, 4 before)");
        assertThat(squad.lines()).containsExactly(
                "login loop after update: steady, 24 bug (24 tickets, 26 before); e.g. \"It spins then fails.\"",
                "csv export times out: rising, 15 bug, traced to 12 release / 3 build (15 tickets, 4 before);"
                        + " e.g. \"Export fails when I pick more than 3 months, error 504.\"; repro: when I pick more than 3 months");
        assertThat(exec.audience()).isEqualTo("exec");
        assertThat(squad.audience()).isEqualTo("squad");
    }

    @Test
    void shouldWatchANewThemeThatTheChangeAndTheTriosLinesLeaveOut() {
        // last week of the demo's ledger: a rising bug and a fading request move most, and the bug goes to the trio
        WeeklyReading reading = trio(List.of(week(WEEK, "login loop after update", 24, "BUG"), week(WEEK, "csv export times out", 22, "BUG"),
                        week(WEEK, "bank feed disconnected", 14, "BUG"), week(WEEK, "dark mode request", 5, "BRIEF_INPUT")),
                List.of(week(BEFORE, "login loop after update", 25, "BUG"), week(BEFORE, "csv export times out", 4, "BUG"),
                        week(BEFORE, "dark mode request", 20, "BRIEF_INPUT")));

        assertThat(reading.lines().get(2)).isEqualTo(
                "Change since last week: csv export times out rising (22 from 4); dark mode request fading (5 from 20).");
        assertThat(reading.lines().get(3)).isEqualTo("What to watch: bank feed disconnected, new, mostly bug (14 tickets).");
        assertThat(reading.lines().get(4)).startsWith("Take to the trio: csv export times out is rising;");
    }

    @Test
    void shouldShortenTheNamesOfTwoLongMoversNotCutTheSecondsFigures() {
        String first = "csv export of the yearly invoices times out for accounts with many";
        String second = "bank feed for the business accounts disconnects every night at two";
        WeeklyReading reading = trio(List.of(week(WEEK, "login loop after update", 40, "BUG"), week(WEEK, first, 30, "BUG"),
                        week(WEEK, second, 18, "BUG")),
                List.of(week(BEFORE, "login loop after update", 40, "BUG"), week(BEFORE, first, 4, "BUG")));

        assertThat(reading.lines().get(2)).as("both movers and both figures, the names shortened at a word")
                .startsWith("Change since last week: csv export of the yearly invoices")
                .contains("… rising (30 from 4); bank feed for the business accounts").endsWith("… new (18 from 0).");
        assertThat(reading.lines()).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(160));
        assertThat(reading.lines().get(3)).as("the change line names both movers: the biggest moving one is what to watch")
                .startsWith("What to watch: csv export of the yearly invoices times out for accounts…, rising");
    }

    @Test
    void shouldKeepTheCountOfALongNamedNoiseThemeTakenToTheTrio() {
        String thanks = "thank you messages after the ticket was closed by the agent ok"; // 62 characters: shown as 60
        WeeklyReading reading = trio(List.of(week(WEEK, thanks, 124, "NOISE")), List.of(week(BEFORE, thanks, 120, "NOISE")));

        assertThat(reading.lines().get(4)).startsWith("Take to the trio: thank you messages after the ticket")
                .endsWith("can a help-centre answer or an auto-reply take it? (124 tickets)");
        assertThat(reading.lines().get(4).codePointCount(0, reading.lines().get(4).length())).isLessThanOrEqualTo(160);
    }

    @Test
    void shouldKeepTheFiguresOfAnExecsImpactLineWithTheMarkOfAWeekNotOver() {
        String top = "invoice pdf shows the wrong totals for euro customers in the ap"; // over 60 characters
        List<ThemeWindow> week = List.of(week(WEEK, top, 101, "BUG"), week(WEEK, "thanks", 3, "NOISE"));
        List<ThemeWindow> before = List.of(week(BEFORE, top, 20, "BUG"), week(BEFORE, "thanks", 30, "NOISE"));
        Instant friday = WEEK.plusSeconds(4 * 24 * 3600 + 3600);

        WeeklyReading exec = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), week, before, friday)
                .forAudience("exec", week, before, friday).soFar(friday);

        assertThat(exec.lines().get(0)).startsWith("Impact (so far, day 5 of 7): invoice pdf shows the…, rising")
                .endsWith(", mostly bug (101 tickets); volume on course for higher than last week (104 tickets, 50 before).");
        assertThat(exec.lines()).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(160));
    }

    @Test
    void shouldWatchTheBiggestMovingThemeWhenTheOtherLinesNameEveryOne() {
        WeeklyReading reading = trio(List.of(week(WEEK, "login loop after update", 24, "BUG"), week(WEEK, "csv export times out", 22, "BUG")),
                List.of(week(BEFORE, "login loop after update", 25, "BUG"), week(BEFORE, "csv export times out", 4, "BUG")));

        assertThat(reading.lines().get(3)).isEqualTo("What to watch: csv export times out, rising, mostly bug (22 tickets).");
    }

    @Test
    void shouldTakeABriefInputToTheTrioWhenNoBugMoves() {
        WeeklyReading quietBugs = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600),
                List.of(week(WEEK, "login loop after update", 10, "BUG"), week(WEEK, "bulk edit request", 8, "BRIEF_INPUT")),
                List.of(week(BEFORE, "login loop after update", 10, "BUG"), week(BEFORE, "bulk edit request", 3, "BRIEF_INPUT")));

        assertThat(quietBugs.lines().get(4)).isEqualTo("Take to the trio: does bulk edit request go into the next brief? It is rising (8 requests, 3 before)");
    }

    private static WeeklyReading trio(List<ThemeWindow> week, List<ThemeWindow> before) {
        return WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), week, before);
    }

    @Test
    void shouldAskWhetherAHelpCentreAnswerCanTakeANoiseThemeNewOnTopNotAboutAFix() {
        WeeklyReading noisy = trio(List.of(week(WEEK, "thanks", 9, "NOISE"), week(WEEK, "login loop after update", 4, "BUG")),
                List.of(week(BEFORE, "login loop after update", 4, "BUG")));

        assertThat(noisy.lines().get(4))
                .isEqualTo("Take to the trio: thanks is new on top; can a help-centre answer or an auto-reply take it? (9 tickets)");
    }

    @Test
    void shouldAskWhetherABriefInputThemeOnTopIsInTheNextBrief() {
        WeeklyReading requests = trio(List.of(week(WEEK, "dark mode request", 16, "BRIEF_INPUT"), week(WEEK, "login loop after update", 10, "BUG")),
                List.of(week(BEFORE, "dark mode request", 15, "BRIEF_INPUT"), week(BEFORE, "login loop after update", 10, "BUG")));

        assertThat(requests.lines().get(4))
                .isEqualTo("Take to the trio: dark mode request stays on top, steady; is it in the next brief? (16 tickets)");
    }

    @Test
    void shouldAskAboutTheFixOfABugOnTopAndSayWhetherItWasOnTopBefore() {
        WeeklyReading stays = trio(List.of(week(WEEK, "login loop after update", 24, "BUG"), week(WEEK, "dark mode request", 10, "BRIEF_INPUT")),
                List.of(week(BEFORE, "login loop after update", 26, "BUG"), week(BEFORE, "dark mode request", 10, "BRIEF_INPUT")));
        WeeklyReading overtakes = trio(List.of(week(WEEK, "login loop after update", 24, "BUG"), week(WEEK, "dark mode request", 10, "BRIEF_INPUT")),
                List.of(week(BEFORE, "login loop after update", 20, "BUG"), week(BEFORE, "dark mode request", 30, "BRIEF_INPUT")));

        assertThat(stays.lines().get(4)).isEqualTo("Take to the trio: login loop after update stays on top, steady; is the fix planned? (24 tickets)");
        assertThat(overtakes.lines().get(4)).isEqualTo("Take to the trio: login loop after update is on top, steady; is the fix planned? (24 tickets)");
    }

    @Test
    void shouldReadAThemeTheTaxonomyAdoptedUnderAnotherSpellingAsOneTheme() {
        // adopted on the Wednesday: this week's tickets under both spellings, last week's under the emerging one's
        ThemeWindow adopted = ThemeWindow.newBuilder(week(WEEK, "CSV export times out", 14, "BUG"))
                .setFirstSeen(WEEK.plusSeconds(2 * 24 * 3600)).setQuotes(List.of("Export spins for ever since Tuesday.")).build();
        List<ThemeWindow> thisWeek = List.of(week(WEEK, "csv export times out", 6, "BUG"), adopted, week(WEEK, "dark mode request", 10, "BRIEF_INPUT"));
        List<ThemeWindow> before = List.of(week(BEFORE, "csv export times out ", 20, "BUG"), week(BEFORE, "dark mode request", 10, "BRIEF_INPUT"));

        WeeklyReading trio = trio(thisWeek, before);
        WeeklyReading squad = trio.forAudience("squad", thisWeek, before);

        assertThat(trio.lines().get(1)).isEqualTo("Top theme: CSV export times out, steady, mostly bug (20 tickets).");
        assertThat(trio.lines().get(2)).isEqualTo("Change since last week: none, every theme held steady.");
        assertThat(trio.lines().get(4)).isEqualTo("Take to the trio: CSV export times out stays on top, steady; is the fix planned? (20 tickets)");
        assertThat(squad.lines().get(0)).startsWith("CSV export times out: steady, 20 bug (20 tickets, 20 before); e.g. \"Export spins for ever");
        assertThat(squad.lines()).hasSize(2);
    }

    @Test
    void shouldSayAWeekWithoutTicketsHasNoneRatherThanAboutTheSame() {
        WeeklyReading nothing = trio(List.of(), List.of());
        WeeklyReading quiet = trio(List.of(), List.of(week(BEFORE, "thanks", 6, "NOISE")));

        assertThat(nothing.lines()).containsExactly(
                "Volume: no tickets this week, nor the week before.",
                "Top theme: none, no tickets this week.",
                "Change since last week: none, no tickets in either week.",
                "What to watch: nothing new or rising beyond noise and single tickets.",
                "Take to the trio: nothing this week.");
        assertThat(quiet.lines().get(0)).isEqualTo("Volume: no tickets this week (6 the week before).");
        assertThat(quiet.lines().get(2)).isEqualTo("Change since last week: thanks gone (0 from 6).");
    }

    @Test
    void shouldMarkASquadsWeekNotOverOnALineOfItsOwnNotInsideATheme() {
        List<ThemeWindow> week = List.of(week(WEEK, "csv export times out", 15, "BUG"));
        List<ThemeWindow> before = List.of(week(BEFORE, "csv export times out", 4, "BUG"));
        Instant thursday = WEEK.plusSeconds(3 * 24 * 3600 + 3600);
        WeeklyReading squad = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), week, before, thursday)
                .forAudience("squad", week, before, thursday).soFar(thursday);

        assertThat(squad.lines().get(0)).isEqualTo("So far: day 4 of 7.");
        assertThat(squad.lines().get(1)).startsWith("csv export times out: rising, 15 bug");
    }

    @Test
    void shouldTellASquadInOneLineThatAWeekHadNoTickets() {
        List<ThemeWindow> before = List.of(week(BEFORE, "thanks", 6, "NOISE"));
        WeeklyReading squad = trio(List.of(), before).forAudience("squad", List.of(), before);

        assertThat(squad.lines()).containsExactly("No tickets this week (6 before).");
        assertThat(squad.markdown()).contains("- No tickets this week (6 before).");
    }

    @Test
    void shouldNotTakeASingleTicketToTheTrioNorCallABugNoiseOnATie() {
        ThemeWindow tie = ThemeWindow.newBuilder(week(WEEK, "sync conflicts", 6, "BUG")).setKindMix(Map.of("BUG", 3L, "NOISE", 3L)).build();
        WeeklyReading reading = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600),
                List.of(week(WEEK, "login loop after update", 40, "BUG"), week(WEEK, "printer", 1, "BUG"), tie),
                List.of(week(BEFORE, "login loop after update", 41, "BUG")));

        assertThat(reading.lines().get(3)).isEqualTo("What to watch: sync conflicts, new, mostly bug (6 tickets).");
        assertThat(reading.lines().get(4)).isEqualTo("Take to the trio: sync conflicts is new; fix now or after the next release? (6 tickets, 0 before)");
        assertThat(String.join(" ", reading.lines())).as("one ticket is not a theme to watch yet").doesNotContain("printer, new");
    }

    @Test
    void shouldSayAProductsFirstWeekHasNothingToCompareWithAndCountInWords() {
        WeeklyReading reading = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), List.of(week(WEEK, "printer", 1, "BUG")), List.of());

        assertThat(reading.lines()).containsExactly(
                "Volume: 1 ticket across 1 theme; no tickets the week before to compare with.",
                "Top theme: printer, new, mostly bug (1 ticket).",
                "Change since last week: none to tell, no tickets the week before to compare with.",
                "What to watch: nothing new or rising beyond noise and single tickets.",
                "Take to the trio: printer is new on top; is the fix planned? (1 ticket)");
    }

    @Test
    void shouldShortenALongThemeNameNotTheFactsAndQuoteOnOneLine() {
        String longName = "export ".repeat(40).strip();
        ThemeWindow quoted = ThemeWindow.newBuilder(week(WEEK, longName, 3, "BUG"))
                .setQuotes(List.of("Hi team,\n\nthe export fails @everyone")).build();
        WeeklyReading reading = WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), List.of(quoted), List.of());

        assertThat(reading.lines().get(1)).endsWith("…, new, mostly bug (3 tickets).");
        assertThat(reading.forAudience("squad", List.of(quoted), List.of()).lines()).singleElement().asString()
                .contains("e.g. \"Hi team, the export fails @\u2060everyone\"").doesNotContain("\n");
    }

    @Test
    void shouldSayAWeekNotOverIsReadSoFar() {
        WeeklyReading whole = reading();
        WeeklyReading marked = whole.soFar(WEEK.plusSeconds(36 * 3600));

        assertThat(marked.lines().get(0)).isEqualTo("Volume (so far, day 2 of 7): higher than last week across 5 themes (69 tickets, 59 before).");
        assertThat(marked.lines().subList(1, 5)).isEqualTo(whole.lines().subList(1, 5));
        assertThat(marked.madeFrom()).endsWith(", the week not over");
        assertThat(whole.soFar(WEEK.plusSeconds(7 * 24 * 3600))).as("a week over is read whole").isEqualTo(whole);
        assertThat(whole.forAudience("exec", List.of(), List.of()).soFar(WEEK.plusSeconds(3600)).lines().get(0)).startsWith("Impact (so far, day 1 of 7): ");
    }

    /** Last week 24 and 22; on Tuesday 3 of the one and none yet of the other. */
    private static WeeklyReading asOf(Instant now) {
        List<ThemeWindow> week = List.of(week(WEEK, "login loop after update", 3, "BUG"), week(WEEK, "thanks", 1, "NOISE"));
        List<ThemeWindow> before = List.of(week(BEFORE, "login loop after update", 24, "BUG"), week(BEFORE, "csv export times out", 22, "BUG"));
        return WeeklyReading.of("ledger", WEEK, WEEK.plusSeconds(7 * 24 * 3600), week, before, now)
                .forAudience("trio", week, before, now).soFar(now);
    }

    @Test
    void shouldNotCallAThemeFadingOrGoneOnATuesdayForTheTicketsTheWeekHasNotHadYet() {
        WeeklyReading tuesday = asOf(WEEK.plusSeconds(36 * 3600));

        assertThat(tuesday.lines().get(0)).isEqualTo("Volume (so far, day 2 of 7): 4 tickets across 2 themes; 46 the whole week before.");
        assertThat(String.join("\n", tuesday.lines())).doesNotContain("fading").doesNotContain("gone").doesNotContain("lower than");
        assertThat(tuesday.lines().get(2)).isEqualTo("Change since last week: thanks new (1 from 0).");
    }

    @Test
    void shouldCallAThemeFadingPastHalfTheWeekWhenItIsOnCourseForUnderHalfAndGoneOnlyOnceTheWeekIsOver() {
        WeeklyReading friday = asOf(WEEK.plusSeconds(4 * 24 * 3600 + 12 * 3600));

        assertThat(friday.lines().get(0)).startsWith("Volume (so far, day 5 of 7): on course for lower than last week");
        assertThat(friday.lines().get(2)).isEqualTo(
                "Change since last week: csv export times out fading (0 from 22); login loop after update fading (3 from 24).");
        WeeklyReading over = asOf(WEEK.plusSeconds(7 * 24 * 3600));
        assertThat(over.lines().get(2)).isEqualTo(
                "Change since last week: csv export times out gone (0 from 22); login loop after update fading (3 from 24).");
        assertThat(WeeklyReading.move(10, 12, 0.6)).as("on course for 16.7 of 12").isEqualTo(WeeklyReading.Move.STEADY);
        assertThat(WeeklyReading.move(6, 4, 0.2)).as("already 1.5 times, 2 more").isEqualTo(WeeklyReading.Move.RISING);
    }
}
