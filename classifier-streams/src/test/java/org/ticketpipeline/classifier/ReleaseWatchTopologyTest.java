package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.topology.ClassifierTopology;
import org.ticketpipeline.classifier.topology.SortingTopology;
import org.ticketpipeline.classifier.topology.WindowSpec;
import org.ticketpipeline.classifier.watch.ReleaseWatchProcessor;
import org.ticketpipeline.classifier.watch.WatchSettings;
import org.ticketpipeline.schemas.Brief;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.PredictedTheme;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Strength;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/** Release watch time handling with explicit event times and a driven wall clock. */
class ReleaseWatchTopologyTest {

    private static final Instant RELEASED = Instant.parse("2026-11-10T08:00:00Z");
    private static final String EXPORT = "CSV export times out";
    private static final String EXPORT_BODY = "The CSV export times out";
    private static final String PAYMENT = "Card declined";
    private static final String PAYMENT_BODY = "Payment declined at checkout";
    private static final List<PredictedTheme> PREDICTED = List.of(new PredictedTheme("csv export times out", Strength.MEDIUM),
            new PredictedTheme("invoice totals wrong", Strength.LOW));
    private static final WatchSettings SETTINGS = new WatchSettings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), 2.0,
            Duration.ofSeconds(1), Duration.ofSeconds(10));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, TicketEvent> events;
    private TestInputTopic<String, Release> releases;
    private TestOutputTopic<String, ReleaseWatch> watches;
    private int ids;
    private Topics topics;

    private void start(Instant wallClock) {
        InMemoryRegistry registry = new InMemoryRegistry();
        topics = new Topics(TopicNames.DEFAULTS, registry);
        var topology = ClassifierTopology.build(topics, FakeSorting.sorter(), FakeSorting.vectors(),
                new ClassifierTopology.StateSerdes(AvroSerde.forValues(registry, ThemeAggregate.class), AvroSerde.forValues(registry, ThemeCluster.class)),
                new ClassifierTopology.Settings(List.of(WindowSpec.of(ThemeWindowKeys.Size.HOUR, Duration.ofDays(14))),
                        new SortingTopology.Settings(Duration.ofDays(7), Duration.ofHours(24), 0.5, 1, Duration.ofMillis(50), Duration.ofMinutes(15)),
                        SETTINGS, 1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "watch-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props, wallClock);
        events = driver.createInputTopic("ticket-events", Serdes.String().serializer(), topics.ticketEvents().valueSerde().serializer());
        releases = driver.createInputTopic("releases", Serdes.String().serializer(), topics.releases().valueSerde().serializer());
        watches = driver.createOutputTopic("release-watch", Serdes.String().deserializer(), topics.releaseWatch().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        // a test of the processor alone starts no driver
        if (driver != null) {
            driver.close();
        }
    }

    private void ticket(Instant at, String subject, String body, String version) {
        TicketEvent event = Tickets.created("e" + ids, "t" + ids, at, subject, body);
        ids++;
        event.setProductVersion(version);
        events.pipeInput(event.getTicketId(), event, at);
    }

    private void release(String id, String version, Instant at) {
        release(id, version, at, PREDICTED);
    }

    private void release(String id, String version, Instant at, List<PredictedTheme> predicted) {
        releases.pipeInput(id, releaseOf(id, version, at, predicted));
    }

    private static Release releaseOf(String id, String version, Instant at, List<PredictedTheme> predicted) {
        return Release.newBuilder().setReleaseId(id).setProduct("ledger").setVersion(version).setReleasedAt(at)
                .setHandoff(org.ticketpipeline.classifier.Handoffs.signed()).setBrief(new Brief("Streaming CSV export", predicted))
                .build();
    }

    private ReleaseWatch latest(String releaseId) {
        List<ReleaseWatch> all = watches.readValuesToList().stream().filter(w -> w != null && w.getReleaseId().equals(releaseId)).toList();
        assertThat(all).as("snapshots of " + releaseId).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static List<String> themes(ReleaseWatch watch, WatchVerdict verdict) {
        return watch.getThemes().stream().filter(t -> t.getVerdict() == verdict).map(WatchedTheme::getTheme).toList();
    }

    @Test
    void shouldForgetOldTicketsOfAProductThatNeverHadARelease() {
        start(RELEASED);
        TicketEvent roster = Tickets.created("e-roster", "t-roster", RELEASED.minus(Duration.ofHours(1)), EXPORT, EXPORT_BODY);
        roster.setProduct("roster");
        events.pipeInput(roster.getTicketId(), roster, roster.getOccurredAt());
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(keptTickets()).as("kept for a release it may get").isEqualTo(1);

        // past the background, the window and the grace no watch can reach it
        driver.advanceWallClockTime(Duration.ofDays(7).plus(Duration.ofHours(50)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(keptTickets()).isZero();
    }

    private long keptTickets() {
        try (var all = driver.<String, SortedTicket>getKeyValueStore(ReleaseWatchProcessor.TICKETS_STORE).all()) {
            long n = 0;
            for (; all.hasNext(); all.next()) {
                n++;
            }
            return n;
        }
    }

    @Test
    void shouldCountEachThemePerHourSinceTheReleaseAndQuoteTheNewestWordsFirst() {
        start(RELEASED.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(30)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofMinutes(10)), EXPORT, "The CSV export times out, first", "4.3.0");
        ticket(RELEASED.plus(Duration.ofMinutes(50)), EXPORT, "The CSV export times out, second", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(4)), EXPORT, "The CSV export times out, newest", "4.3.0");
        // arriving last but written earlier: the quotes go by when customers wrote, not by arrival
        ticket(RELEASED.plus(Duration.ofHours(3)), EXPORT, "The CSV export times out, third", "4.3.0");

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        WatchedTheme export = latest("r1").getThemes().stream().filter(t -> t.getTheme().equals("csv export times out")).findFirst().orElseThrow();

        assertThat(export.getHourly()).as("hours 0 to 5 of a watch 5.5 hours old").containsExactly(2, 0, 0, 1, 1, 0);
        assertThat(export.getQuotes()).containsExactly("The CSV export times out, newest", "The CSV export times out, third",
                "The CSV export times out, second");
    }

    @Test
    void shouldMoveACorrectedTicketToItsNewThemeInTheWatch() {
        start(RELEASED.plus(Duration.ofHours(2)));
        TestInputTopic<String, Correction> corrections = driver.createInputTopic("corrections", Serdes.String().serializer(),
                topics.corrections().valueSerde().serializer());
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofMinutes(10)), EXPORT, EXPORT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofMinutes(20)), EXPORT, EXPORT_BODY + " again", "4.3.0");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(themes(latest("r1"), WatchVerdict.QUIET)).contains("invoice totals wrong");

        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setTheme("invoice totals wrong").setBy("Ana").setCorrectedAt(RELEASED.plus(Duration.ofHours(1))).build(),
                RELEASED.plus(Duration.ofHours(1)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        ReleaseWatch watch = latest("r1");

        assertThat(themes(watch, WatchVerdict.CONFIRMED)).as("the corrected ticket now confirms its new theme")
                .contains("csv export times out", "invoice totals wrong");
        assertThat(watch.getThemes()).filteredOn(t -> t.getTheme().equals("csv export times out")).singleElement()
                .satisfies(t -> assertThat(t.getObserved()).as("and left its old one").isEqualTo(1));
    }

    @Test
    void shouldConfirmPredictedThemesCallMissingOnesQuietAndRankSurprisesAboveTheirBackground() {
        // 40 hours in: login loop came at its usual rate (2 a day before, 2 since), payments never came before
        start(RELEASED.plus(Duration.ofHours(40)));
        for (int d = 1; d <= 7; d++) {
            ticket(RELEASED.minus(Duration.ofDays(d)), "Login loop", "login loop after the update again", "4.2.0");
            ticket(RELEASED.minus(Duration.ofDays(d)).plusSeconds(3600), "Login loop", "login loop after the update again", "4.2.0");
        }
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(2)), EXPORT, EXPORT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(3)), PAYMENT, PAYMENT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(4)), PAYMENT, PAYMENT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(5)), "Login loop", "login loop after the update again", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(5)), "Login loop", "login loop after the update again", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(6)), "Thanks", "Thanks, the invoice looks fine", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(7)), "Thanks", "Thanks, the invoice looks fine", "4.3.0");

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        ReleaseWatch watch = latest("r1");

        assertThat(themes(watch, WatchVerdict.CONFIRMED)).containsExactly("csv export times out");
        assertThat(themes(watch, WatchVerdict.QUIET)).containsExactly("invoice totals wrong");
        assertThat(themes(watch, WatchVerdict.SURPRISE)).as("login loop is always there, thanks are noise, payments are new")
                .containsExactly("payment declined");
        assertThat(watch.getTicketCount()).isEqualTo(8);
        assertThat(watch.getClosed()).isFalse();
        WatchedTheme confirmed = watch.getThemes().get(0);
        assertThat(confirmed.getPredictedStrength()).isEqualTo(Strength.MEDIUM);
        assertThat(confirmed.getObserved()).isEqualTo(2);
        assertThat(confirmed.getObservedStrength()).isNotNull();
        assertThat(confirmed.getQuotes()).contains(EXPORT_BODY);
        assertThat(watch.getVerdict()).isEqualTo("confirmed: csv export times out; quiet: invoice totals wrong; surprise: payment declined");
    }

    @Test
    void shouldCountTicketsThatArrivedBeforeTheReleaseWasRegistered() {
        start(RELEASED.plus(Duration.ofHours(6)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, null);
        ticket(RELEASED.plus(Duration.ofHours(2)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(watches.isEmpty()).isTrue();

        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getTicketCount()).isEqualTo(2);
    }

    @Test
    void shouldCountOutOfOrderAndReplayedTicketsOnce() {
        start(RELEASED.plus(Duration.ofHours(30)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(20)), EXPORT, EXPORT_BODY, null);
        ticket(RELEASED.plus(Duration.ofHours(3)), EXPORT, EXPORT_BODY, null);
        TicketEvent replayed = Tickets.created("e-replay", "t-replay", RELEASED.plus(Duration.ofHours(4)), EXPORT, EXPORT_BODY);
        events.pipeInput(replayed.getTicketId(), replayed, replayed.getOccurredAt());
        events.pipeInput(replayed.getTicketId(), replayed, replayed.getOccurredAt());

        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getTicketCount()).isEqualTo(3);
    }

    @Test
    void shouldCloseWithAFinalVerdictOnceAtTheEndEvenWithoutTraffic() {
        start(RELEASED.plus(Duration.ofHours(40)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getClosed()).isFalse();

        driver.advanceWallClockTime(Duration.ofHours(9).plusMinutes(5));
        ReleaseWatch last = latest("r1");
        driver.advanceWallClockTime(Duration.ofHours(5));

        assertThat(last.getClosed()).isTrue();
        assertThat(last.getVerdict()).startsWith("final, confirmed: csv export times out");
        assertThat(watches.isEmpty()).as("the final verdict is published once").isTrue();
    }

    @Test
    void shouldStillCountALateTicketInsideTheGraceThenCloseWithIt() {
        start(RELEASED.plus(Duration.ofHours(48)).plus(Duration.ofMinutes(10)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(10)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).isEqualTo(1);

        // 20 minutes after the window ended, a ticket from hour 47 arrives: inside the one-hour grace
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        ticket(RELEASED.plus(Duration.ofHours(47)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofHours(1));
        ReleaseWatch last = latest("r1");
        assertThat(last.getClosed()).isTrue();
        assertThat(last.getTicketCount()).isEqualTo(2);
    }

    @Test
    void shouldWaitForABackloggedReleasesTicketsToSettleBeforeTheFinalVerdict() {
        start(RELEASED.plus(Duration.ofDays(3)));
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getClosed()).as("not final while the release is just registered").isFalse();

        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        ticket(RELEASED.plus(Duration.ofHours(2)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(latest("r1").getClosed()).as("tickets still flowing in").isFalse();

        driver.advanceWallClockTime(Duration.ofSeconds(12));
        ReleaseWatch last = latest("r1");
        assertThat(last.getClosed()).isTrue();
        assertThat(last.getTicketCount()).isEqualTo(2);
    }

    @Test
    void shouldCloseAWatchWhileItsProductsLiveTicketsKeepComing() {
        // a busy product: a ticket every 5 s, all of them later than the window, so none can change the watch
        Instant wall = RELEASED.plus(Duration.ofHours(48)).plus(Duration.ofMinutes(59));
        start(wall);
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(10)), EXPORT, EXPORT_BODY, null);
        for (int i = 0; i < 36; i++) {
            ticket(wall, PAYMENT, PAYMENT_BODY, null);
            // and a backfill of last year's tickets, older than any background the watch reads
            ticket(RELEASED.minus(Duration.ofDays(365)).plusSeconds(i), EXPORT, EXPORT_BODY, null);
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            wall = wall.plusSeconds(5);
        }
        ReleaseWatch last = latest("r1");
        assertThat(last.getClosed()).as("closed within three minutes of its grace's end, live tickets or not").isTrue();
        assertThat(last.getTicketCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheBackgroundOfAWatchStillOpenPastItsGrace() {
        // registered 20 minutes after window and grace: its background began 7 days before the release,
        // which the product's other tickets no longer need, and the watch still does until it closes
        start(RELEASED.plus(Duration.ofHours(49)).plus(Duration.ofMinutes(20)));
        ticket(RELEASED.minus(Duration.ofDays(7)), EXPORT, EXPORT_BODY, "4.2.0");
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getClosed()).as("just registered").isFalse();

        driver.advanceWallClockTime(Duration.ofSeconds(15));
        ReleaseWatch last = latest("r1");
        assertThat(last.getClosed()).isTrue();
        assertThat(last.getThemes()).filteredOn(t -> t.getTheme().equals("csv export times out")).singleElement()
                .satisfies(t -> assertThat(t.getBackgroundPerHour()).as("one ticket in the 168 hours before").isEqualTo(1 / 168.0));
    }

    @Test
    void shouldWatchTheOtherReleasesWhenOneCannotBeJudged() {
        start(RELEASED.plus(Duration.ofHours(2)));
        // a time no watch can add its 48 hours to, written straight to the topic; first in key order
        release("a-broken", "9.9.9", Instant.ofEpochMilli(Long.MAX_VALUE));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");

        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getTicketCount()).isEqualTo(1);
        ticket(RELEASED.plus(Duration.ofMinutes(90)), EXPORT, EXPORT_BODY, "4.3.0");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).as("and at every refresh after").isEqualTo(2);
    }

    @Test
    void shouldTakeAThemesUsualRateOverTheHistoryThereIsNotOverAWholeWeek() {
        start(RELEASED.plus(Duration.ofHours(6)));
        // the product's first tickets came a day before its release: card declines at one an hour, before and after
        for (int h = -24; h < 6; h++) {
            ticket(RELEASED.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(5)), PAYMENT, PAYMENT_BODY, h < 0 ? "4.2.0" : "4.3.0");
        }
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        ReleaseWatch watch = latest("r1");
        assertThat(watch.getTicketCount()).isEqualTo(6);
        assertThat(themes(watch, WatchVerdict.SURPRISE)).as("one an hour, as in the day before: its usual rate, not 7 times it").isEmpty();
    }

    @Test
    void shouldApplyAReleaseSentAgainWithChangesWithoutWaitingForATicket() {
        start(RELEASED.plus(Duration.ofHours(2)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED, List.of(new PredictedTheme("csv export times out", Strength.MEDIUM)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(themes(latest("r1"), WatchVerdict.QUIET)).isEmpty();

        // the trio adds a theme it forgot; no ticket comes
        release("r1", "4.3.0", RELEASED, PREDICTED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(themes(latest("r1"), WatchVerdict.QUIET)).containsExactly("invoice totals wrong");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(watches.readValuesToList()).as("judged again once, not at every refresh").isEmpty();
    }

    @Test
    void shouldMoveAWatchToTheProductItsReleaseIsSentAgainUnder() {
        start(RELEASED.plus(Duration.ofHours(2)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).isEqualTo(1);

        // the release was filed under the wrong product; no ticket of the right one comes
        Release moved = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        moved.setProduct("roster");
        releases.pipeInput("r1", moved);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        ReleaseWatch now = latest("r1");
        assertThat(now.getProduct()).isEqualTo("roster");
        assertThat(now.getTicketCount()).as("ledger's ticket is not roster's").isZero();
    }

    @Test
    void shouldJudgeAQuietProductsWatchAgainAsTheHoursPass() {
        start(RELEASED.plus(Duration.ofMinutes(20)));
        ticket(RELEASED.plus(Duration.ofMinutes(5)), PAYMENT, PAYMENT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofMinutes(10)), PAYMENT, PAYMENT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(themes(latest("r1"), WatchVerdict.SURPRISE)).as("two in the first hour of a product with no history").containsExactly("payment declined");

        // no ticket for two days less two hours
        driver.advanceWallClockTime(Duration.ofHours(46));

        ReleaseWatch later = latest("r1");
        assertThat(later.getHoursSinceRelease()).isGreaterThan(46);
        assertThat(themes(later, WatchVerdict.SURPRISE)).as("two tickets in 46 hours stand out no more").isEmpty();
    }

    @Test
    void shouldMatchABriefsThemeWhateverSpacesStandBetweenItsWords() {
        start(RELEASED.plus(Duration.ofHours(2)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED, List.of(new PredictedTheme(" CSV  export\u00a0times out", Strength.MEDIUM)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getThemes()).singleElement().satisfies(t -> {
            assertThat(t.getVerdict()).isEqualTo(WatchVerdict.CONFIRMED);
            assertThat(t.getObserved()).isEqualTo(1);
        });
    }

    @Test
    void shouldNotWatchAReleaseWithoutItsSignedSupportHandoff() {
        start(RELEASED.plus(Duration.ofHours(2)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        // written straight to the topic, past the ingest that refuses it: the CS lead did not sign
        Release unsigned = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        unsigned.getHandoff().setSignatures(unsigned.getHandoff().getSignatures().stream()
                .filter(sig -> sig.getRole() != org.ticketpipeline.schemas.SignatureRole.CS_LEAD).toList());
        releases.pipeInput("r1", unsigned);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(watches.readValuesToList()).isEmpty();

        releases.pipeInput("r1", releaseOf("r1", "4.3.0", RELEASED, PREDICTED));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).as("watched once signed").isEqualTo(1);
    }

    @Test
    void shouldGiveNoTicketToAReleaseThatIsNotWatched() {
        start(RELEASED.plus(Duration.ofHours(8)));
        release("r1", "4.3.0", RELEASED);
        Release unsigned = releaseOf("r2", "4.3.1", RELEASED.plus(Duration.ofHours(6)), PREDICTED);
        unsigned.setHandoff(null);
        releases.pipeInput("r2", unsigned);
        // names neither version: it would go to the most recent release, which is not watched
        ticket(RELEASED.plus(Duration.ofHours(7)), EXPORT, EXPORT_BODY, "4.2.9");
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getTicketCount()).isEqualTo(1);
    }

    @Test
    void shouldNotOpenAClosedWatchAgainOnceItsWindowIsOver() {
        start(RELEASED.plus(Duration.ofHours(50)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        assertThat(latest("r1").getClosed()).isTrue();

        // sent again with a corrected prediction long after: the background it was judged on has worn away
        release("r1", "4.3.0", RELEASED, List.of(new PredictedTheme("csv export times out", Strength.HIGH)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(watches.readValuesToList()).as("its final reading stays").isEmpty();

        // delayed by three days instead: its window is not over, and it is watched again
        release("r1", "4.3.0", RELEASED.plus(Duration.ofDays(3)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        ReleaseWatch reopened = latest("r1");
        assertThat(reopened.getClosed()).isFalse();
        assertThat(reopened.getReleasedAt()).isEqualTo(RELEASED.plus(Duration.ofDays(3)));
    }

    @Test
    void shouldAttributeTicketsOfOverlappingReleasesByVersionElseToTheMostRecent() {
        start(RELEASED.plus(Duration.ofHours(20)));
        release("r1", "4.3.0", RELEASED);
        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(10)));
        ticket(RELEASED.plus(Duration.ofHours(5)), EXPORT, EXPORT_BODY, null);
        ticket(RELEASED.plus(Duration.ofHours(12)), EXPORT, EXPORT_BODY, "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(12)), EXPORT, EXPORT_BODY, null);
        ticket(RELEASED.plus(Duration.ofHours(13)), EXPORT, EXPORT_BODY, "4.3.1");

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<ReleaseWatch> all = watches.readValuesToList();

        ReleaseWatch r1 = all.stream().filter(w -> w.getReleaseId().equals("r1")).reduce((a, b) -> b).orElseThrow();
        ReleaseWatch r2 = all.stream().filter(w -> w.getReleaseId().equals("r2")).reduce((a, b) -> b).orElseThrow();
        assertThat(r1.getTicketCount()).isEqualTo(2);
        assertThat(r2.getTicketCount()).isEqualTo(2);
    }

    @Test
    void shouldKnowAVersionAsHelpdesksWriteIt() {
        assertThat(ReleaseWatchProcessor.sameVersion("4.3.0", "v4.3.0")).isTrue();
        assertThat(ReleaseWatchProcessor.sameVersion("4.3.0", " V4.3.0 ")).isTrue();
        assertThat(ReleaseWatchProcessor.sameVersion("v4.3.0", "4.3.0")).isTrue();
        assertThat(ReleaseWatchProcessor.sameVersion("4.3.0", "4.3.1")).isFalse();
        assertThat(ReleaseWatchProcessor.sameVersion("4.3.0", null)).isFalse();
        assertThat(ReleaseWatchProcessor.sameVersion("vista", "ista")).as("a v that is no version's").isFalse();
    }

    @Test
    void shouldTakeTicketsFromAnOpenWatchWhenAnOverlappingReleaseIsRegisteredAfterIt() {
        start(RELEASED.plus(Duration.ofHours(20)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(12)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).isEqualTo(1);

        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(10)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<ReleaseWatch> all = watches.readValuesToList();

        assertThat(all.stream().filter(w -> w.getReleaseId().equals("r2")).reduce((x, y) -> y).orElseThrow().getTicketCount()).isEqualTo(1);
        assertThat(all.stream().filter(w -> w.getReleaseId().equals("r1")).reduce((x, y) -> y).orElseThrow().getTicketCount())
                .as("judged again once the newer release took its ticket").isZero();
    }

    /** r1 registered at +60h with one ticket at +40h: closed at once, its final reading counting that ticket. Returns the start's time. */
    private Instant closeAWatchWithATicketAt40Hours() {
        Instant now = RELEASED.plus(Duration.ofHours(60));
        start(now);
        ticket(RELEASED.plus(Duration.ofHours(40)), EXPORT, EXPORT_BODY, null);
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        ReleaseWatch closed = latest("r1");
        assertThat(closed.getClosed()).isTrue();
        assertThat(closed.getTicketCount()).isEqualTo(1);
        return now;
    }

    @Test
    void shouldNotCountAgainTheTicketsOfAClosedWatchForAReleaseRegisteredAfterItClosed() {
        Instant now = closeAWatchWithATicketAt40Hours();

        // the hotfix shipped at +30h, entered a day after the first watch's final reading
        releases.pipeInput("r2", releaseOf("r2", "4.3.1", RELEASED.plus(Duration.ofHours(30)), PREDICTED), now.plus(Duration.ofHours(24)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r2").getTicketCount()).as("counted in r1's final reading already").isZero();
    }

    /** r1 at the release time and r2 at +30h, a ticket at +40h that the newer r2 takes; then r1's watch closes without it. */
    private void closeAWatchThatLeftItsTicketToANewerOne() {
        start(RELEASED.plus(Duration.ofHours(41)));
        release("r1", "4.3.0", RELEASED);
        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(30)));
        ticket(RELEASED.plus(Duration.ofHours(40)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r2").getTicketCount()).isEqualTo(1);

        driver.advanceWallClockTime(Duration.ofHours(9)); // r1's window and grace are over
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        ReleaseWatch r1 = latest("r1");
        assertThat(r1.getClosed()).isTrue();
        assertThat(r1.getTicketCount()).isZero();
    }

    @Test
    void shouldKeepTheTicketsOfAReleaseKnownBeforeAnotherClosedWhenItIsSentAgainAfter() {
        closeAWatchThatLeftItsTicketToANewerOne();

        // a connector's retry of r2, then a ticket that has r2 judged again
        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(30)));
        ticket(RELEASED.plus(Duration.ofHours(50)), EXPORT, EXPORT_BODY, null);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r2").getTicketCount()).as("known before r1 closed: the +40h ticket stays r2's").isEqualTo(2);
    }

    @Test
    void shouldGiveAHotfixRegisteredAfterAWatchClosedTheTicketsThatWatchLeftToAnOpenOne() {
        closeAWatchThatLeftItsTicketToANewerOne();

        // a hotfix shipped at +35h, entered after r1's final reading: the newest release of the ticket's time
        release("r3", "4.3.2", RELEASED.plus(Duration.ofHours(35)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<ReleaseWatch> all = watches.readValuesToList();
        long r2 = all.stream().filter(w -> w.getReleaseId().equals("r2")).reduce((x, y) -> y).orElseThrow().getTicketCount();
        long r3 = all.stream().filter(w -> w.getReleaseId().equals("r3")).reduce((x, y) -> y).orElseThrow().getTicketCount();

        assertThat(r3).as("r1's final reading never counted it: the newest release of its time takes it").isEqualTo(1);
        assertThat(r2).as("taken by r3").isZero();
    }

    @Test
    void shouldNotCountAgainTheTicketsOfAClosedWatchWhoseReleaseWasSentAgainWithAnEarlierTime() {
        Instant now = closeAWatchWithATicketAt40Hours();

        // put right by a day after its window was over: its final reading stays, and with it the +40h ticket
        release("r1", "4.3.0", RELEASED.minus(Duration.ofHours(24)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        releases.pipeInput("r2", releaseOf("r2", "4.3.1", RELEASED.plus(Duration.ofHours(30)), PREDICTED), now.plus(Duration.ofHours(1)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r2").getTicketCount()).as("counted in r1's final reading, which the later time did not change").isZero();
    }

    @Test
    void shouldGiveANewerWatchTheTicketsAClosedWatchNeverCountedWhenTheClosedOnesReleaseIsSentAgainWithALaterTime() {
        start(RELEASED.plus(Duration.ofHours(31)));
        release("r1", "4.3.0", RELEASED);
        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(30)));
        driver.advanceWallClockTime(Duration.ofHours(29)); // r1's window and grace are over
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        assertThat(latest("r1").getClosed()).isTrue();

        // r1 put right to ten hours later, too late to open it again; then a ticket naming 4.3.0 after r1's window
        release("r1", "4.3.0", RELEASED.plus(Duration.ofHours(10)));
        ticket(RELEASED.plus(Duration.ofHours(50)), EXPORT, EXPORT_BODY, "4.3.0");
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r2").getTicketCount()).as("r1's final reading cannot take it: r2's, as it was before r1 was sent again")
                .isEqualTo(1);
    }

    @Test
    void shouldNotWatchAReleaseRegisteredAfterItsWindowsTicketsWereForgotten() {
        start(RELEASED.plus(Duration.ofDays(12)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        driver.advanceWallClockTime(Duration.ofMinutes(2)); // the clean-up forgets the ticket: no release wants it
        release("r1", "4.3.0", RELEASED);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(15));

        assertThat(watches.readValuesToList()).as("no final reading of a window whose tickets are gone").isEmpty();
    }

    @Test
    void shouldPublishAReleasesProductPutRightThoughItsFindingsStayTheSame() {
        start(RELEASED.plus(Duration.ofMinutes(10)));
        Release mistyped = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        mistyped.setProduct("ledgr");
        releases.pipeInput("r1", mistyped);
        // the watches are judged in the tickets' time: one of another product moves it
        TicketEvent other = Tickets.created("e0", "t0", RELEASED.plus(Duration.ofMinutes(5)), "Roster shifts", "The shift plan is empty");
        other.setProduct("roster");
        events.pipeInput(other.getTicketId(), other, other.getOccurredAt());
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getProduct()).isEqualTo("ledgr");

        release("r1", "4.3.0", RELEASED); // no ticket yet: the same findings under the right product
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(latest("r1").getProduct()).as("what the API and the subscriptions read").isEqualTo("ledger");
    }

    @Test
    void shouldGiveAnOpenWatchTheTicketsOfANewerReleaseOfItsProductWhenThatOneMovesToAnother() {
        start(RELEASED.plus(Duration.ofHours(13)));
        release("r1", "4.3.0", RELEASED);
        release("r2", "4.3.1", RELEASED.plus(Duration.ofHours(10)));
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, null);
        ticket(RELEASED.plus(Duration.ofHours(12)), EXPORT, EXPORT_BODY, null); // r2's: the newest release whose window holds it
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getTicketCount()).isEqualTo(1);

        Release movedAway = releaseOf("r2", "4.3.1", RELEASED.plus(Duration.ofHours(10)), PREDICTED);
        movedAway.setProduct("roster"); // its product put right
        releases.pipeInput("r2", movedAway);
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(latest("r1").getTicketCount()).as("the ticket r2 held is r1's again, with no new ticket to prompt it").isEqualTo(2);
    }

    @Test
    void shouldWithdrawNotCloseTheOpenWatchOfAReleaseMovedBackBeforeItsTicketsCouldBeKept() {
        start(RELEASED.plus(Duration.ofHours(2)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getClosed()).isFalse();
        watches.readRecordsToList();

        release("r1", "4.3.0", RELEASED.minus(Duration.ofDays(365))); // the year mistyped
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        List<org.apache.kafka.streams.test.TestRecord<String, ReleaseWatch>> out = watches.readRecordsToList();
        assertThat(out).as("no final reading made of a window whose tickets are gone").noneSatisfy(r -> {
            assertThat(r.value()).isNotNull();
            assertThat(r.value().getClosed()).isTrue();
        });
        assertThat(out).as("a tombstone: no watch reads 'watching' for good").anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("r1");
            assertThat(r.value()).isNull();
        });
    }

    @Test
    void shouldWithdrawTheOpenWatchOfAReleaseSentAgainWithoutItsHandoff() {
        start(RELEASED.plus(Duration.ofHours(2)));
        release("r1", "4.3.0", RELEASED);
        ticket(RELEASED.plus(Duration.ofHours(1)), EXPORT, EXPORT_BODY, "4.3.0");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(latest("r1").getClosed()).isFalse();

        Release unsigned = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        unsigned.setHandoff(null);
        releases.pipeInput("r1", unsigned);
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        List<org.apache.kafka.streams.test.TestRecord<String, ReleaseWatch>> out = watches.readRecordsToList();
        assertThat(out).as("a tombstone: no watch reads 'watching' for good").anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("r1");
            assertThat(r.value()).isNull();
        });
    }

    @Test
    void shouldMatchABriefsThemeWhateverItsCaseAndNameEachThemeAsItsAuthorWroteIt() {
        start(RELEASED.plus(Duration.ofHours(6)));
        // typed by a person in lower case; the emerging themes keep their subjects' acronyms
        release("r1", "4.3.0", RELEASED, List.of(new PredictedTheme("sso login fails", Strength.HIGH)));
        ticket(RELEASED.plus(Duration.ofHours(1)), "SSO login fails", "SSO login fails for the whole team", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(2)), "SSO login fails", "SSO login fails for the whole team", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(3)), "PDF preview is blank", "The PDF preview is blank on every page", "4.3.0");
        ticket(RELEASED.plus(Duration.ofHours(4)), "PDF preview is blank", "The PDF preview is blank on every page", "4.3.0");

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        ReleaseWatch watch = latest("r1");

        assertThat(themes(watch, WatchVerdict.CONFIRMED)).as("as the brief names it").containsExactly("sso login fails");
        assertThat(themes(watch, WatchVerdict.QUIET)).isEmpty();
        assertThat(themes(watch, WatchVerdict.SURPRISE)).as("as its tickets name it").containsExactly("PDF preview is blank");
        assertThat(watch.getThemes().get(0).getObserved()).isEqualTo(2);
        assertThat(watch.getVerdict()).isEqualTo("confirmed: sso login fails; quiet: none; surprise: PDF preview is blank");
    }

    /**
     * The driver cannot restart a task on the state it left (closing it deletes the state directory, and
     * no changelog is replayed into the next one), so the restart is the processor's: a new one on the
     * stores the last one kept, as a restored task finds them.
     */
    @Test
    void shouldCountATicketKeptJustBeforeARestartOnTheFirstRefreshAfterIt() {
        topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
        MockProcessorContext<String, ReleaseWatch> context = new MockProcessorContext<>();
        Instant now = RELEASED.plus(Duration.ofHours(2));
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        TimestampedKeyValueStore<String, Release> releasesKept = org.ticketpipeline.classifier.watch.WatchStores.attach(context, topics);
        releasesKept.put("r1", ValueAndTimestamp.make(releaseOf("r1", "4.3.0", RELEASED, PREDICTED), RELEASED.toEpochMilli()));

        ReleaseWatchProcessor before = new ReleaseWatchProcessor(SETTINGS, 1);
        before.init(context);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now.toEpochMilli());
        assertThat(context.forwarded()).extracting(f -> f.record().value().getTicketCount()).containsExactly(0L);
        // kept in the store, which a restart restores, but the task stops before its next refresh
        Instant at = RELEASED.plus(Duration.ofHours(1));
        before.process(new org.apache.kafka.streams.processor.api.Record<>("ledger", newTicket("t1", at), at.toEpochMilli()));
        context.resetForwards();

        ReleaseWatchProcessor after = new ReleaseWatchProcessor(SETTINGS, 1);
        after.init(context);
        context.scheduledPunctuators().get(1).getPunctuator().punctuate(now.plusSeconds(1).toEpochMilli());

        assertThat(context.forwarded()).as("recomputed though no ticket came since the restart")
                .extracting(f -> f.record().value().getTicketCount()).containsExactly(1L);
    }

    @Test
    void shouldLeaveAWatchWhoseReleaseMovedToAnotherTasksProductToThatTaskWithoutATombstone() {
        topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
        MockProcessorContext<String, ReleaseWatch> context = new MockProcessorContext<>(); // task 0 of 2
        Instant now = RELEASED.plus(Duration.ofHours(2));
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        TimestampedKeyValueStore<String, Release> releasesKept = org.ticketpipeline.classifier.watch.WatchStores.attach(context, topics);
        String ours = productOfPartition(0, 2);
        String theirs = productOfPartition(1, 2);
        Release release = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        release.setProduct(ours);
        releasesKept.put("r1", ValueAndTimestamp.make(release, RELEASED.toEpochMilli()));
        ReleaseWatchProcessor processor = new ReleaseWatchProcessor(SETTINGS, 2);
        processor.init(context);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now.toEpochMilli());
        assertThat(context.forwarded()).extracting(f -> f.record().value().getProduct()).containsExactly(ours);
        context.resetForwards();

        Release moved = releaseOf("r1", "4.3.0", RELEASED, PREDICTED);
        moved.setProduct(theirs);
        releasesKept.put("r1", ValueAndTimestamp.make(moved, RELEASED.toEpochMilli()));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now.plusSeconds(61).toEpochMilli());

        assertThat(context.forwarded()).as("the other task publishes it under the same key: no tombstone to race it").isEmpty();
        org.apache.kafka.streams.state.KeyValueStore<String, ReleaseWatch> kept = context.getStateStore(ReleaseWatchProcessor.STATE_STORE);
        assertThat(kept.get("r1")).as("forgotten here").isNull();
    }

    /** A product name the default partitioner puts in {@code partition} of {@code partitions}. */
    private static String productOfPartition(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String product = "product-" + i;
            if (org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    product.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions == partition) {
                return product;
            }
        }
    }

    /** The watch's timings as the service has them, the wait after a start included. */
    private static final WatchSettings PRODUCTION = new WatchSettings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), 2.0,
            Duration.ofSeconds(1), Duration.ofSeconds(10), WatchSettings.STARTUP_SETTLE);

    /** A processor's stores on a mock context at {@code now}, holding release r1: a restart is a new processor on them. */
    private MockProcessorContext<String, ReleaseWatch> watchingR1At(Instant now) {
        topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
        MockProcessorContext<String, ReleaseWatch> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        TimestampedKeyValueStore<String, Release> releasesKept = org.ticketpipeline.classifier.watch.WatchStores.attach(context, topics);
        releasesKept.put("r1", ValueAndTimestamp.make(releaseOf("r1", "4.3.0", RELEASED, PREDICTED), RELEASED.toEpochMilli()));
        return context;
    }

    @Test
    void shouldNotCloseAWatchAfterARestartBeforeTheBacklogOfItsWindowHasCome() {
        Instant now = RELEASED.plus(Duration.ofHours(47));
        MockProcessorContext<String, ReleaseWatch> context = watchingR1At(now);
        org.apache.kafka.streams.state.KeyValueStore<String, Long> eventTime = context.getStateStore(
                org.ticketpipeline.classifier.topology.SortedEventTime.STORE);
        ReleaseWatchProcessor before = new ReleaseWatchProcessor(PRODUCTION, 1);
        before.init(context);
        Instant first = RELEASED.plus(Duration.ofHours(1));
        before.process(new org.apache.kafka.streams.processor.api.Record<>("ledger", newTicket("t1", first), first.toEpochMilli()));
        eventTime.put(org.ticketpipeline.classifier.topology.SortedEventTime.LATEST, first.toEpochMilli());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now.toEpochMilli());
        context.resetForwards();

        // down across the window's end: restarted at +49h 1m, the tickets of its last hours still in the backlog
        Instant restarted = RELEASED.plus(Duration.ofHours(49)).plusSeconds(60);
        context.setCurrentSystemTimeMs(restarted.toEpochMilli());
        ReleaseWatchProcessor after = new ReleaseWatchProcessor(PRODUCTION, 1);
        after.init(context);
        context.scheduledPunctuators().get(1).getPunctuator().punctuate(restarted.toEpochMilli());
        context.scheduledPunctuators().get(1).getPunctuator().punctuate(restarted.plusSeconds(30).toEpochMilli());
        assertThat(context.forwarded()).as("no final verdict while the task's event time is short of the window's end")
                .noneSatisfy(f -> assertThat(f.record().value().getClosed()).isTrue());

        Instant late = RELEASED.plus(Duration.ofHours(47));
        after.process(new org.apache.kafka.streams.processor.api.Record<>("ledger", newTicket("t2", late), late.toEpochMilli()));
        eventTime.put(org.ticketpipeline.classifier.topology.SortedEventTime.LATEST, RELEASED.plus(Duration.ofHours(50)).toEpochMilli());
        context.scheduledPunctuators().get(1).getPunctuator().punctuate(restarted.plusSeconds(60).toEpochMilli());

        List<ReleaseWatch> out = context.forwarded().stream().map(f -> (ReleaseWatch) f.record().value()).toList();
        assertThat(out).last().satisfies(w -> {
            assertThat(w.getClosed()).as("the backlog past the window: closed").isTrue();
            assertThat(w.getTicketCount()).as("with the backlog's ticket").isEqualTo(2);
        });
    }

    @Test
    void shouldCloseAWatchAfterARestartOnceTheStartupSettleHasPassedIfNoTicketCame() {
        Instant restarted = RELEASED.plus(Duration.ofHours(50));
        MockProcessorContext<String, ReleaseWatch> context = watchingR1At(restarted);
        ReleaseWatchProcessor processor = new ReleaseWatchProcessor(PRODUCTION, 1);
        processor.init(context);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(restarted.plusSeconds(30).toEpochMilli());
        assertThat(context.forwarded()).noneSatisfy(f -> assertThat(f.record().value().getClosed()).isTrue());

        // a quiet product: no event time to go by, the wait after the start does
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(restarted.plus(WatchSettings.STARTUP_SETTLE).plusSeconds(1).toEpochMilli());
        assertThat(context.forwarded()).last().satisfies(f -> assertThat(f.record().value().getClosed()).isTrue());
    }

    /** A new ticket as the sorting sends it on. */
    private static SortedTicket newTicket(String ticketId, Instant at) {
        return SortedTicket.newBuilder().setTicketId(ticketId).setEventId("e-" + ticketId).setEventType(TicketEventType.CREATED)
                .setOccurredAt(at).setProduct("ledger").setProductVersion("4.3.0").setKind(TicketKind.BUG)
                .setTheme("csv export times out").setQuote(EXPORT_BODY).build();
    }
}
