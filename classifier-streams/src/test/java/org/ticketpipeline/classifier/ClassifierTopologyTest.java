package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.app.DeadLetterRoutes;
import org.ticketpipeline.classifier.app.DeadLetters;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.classifier.topology.ClassifierTopology;
import org.ticketpipeline.classifier.topology.SortingTopology;
import org.ticketpipeline.classifier.topology.WindowSpec;
import org.ticketpipeline.classifier.watch.WatchSettings;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.SortingCause;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

class ClassifierTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, TicketEvent> events;
    private TestOutputTopic<String, SortedTicket> sorted;
    private TestOutputTopic<String, ThemeWindow> windows;
    private TestInputTopic<String, Correction> corrections;
    private Topology topology;
    private org.apache.kafka.common.serialization.Serde<TicketEvent> eventSerde;
    private org.apache.kafka.common.serialization.Serde<Correction> correctionSerde;

    @BeforeEach
    void setUp() {
        start(1);
    }

    private void start(int batchSize) {
        start(batchSize, FakeSorting.vectors());
    }

    private void start(int batchSize, TextVectors vectors) {
        InMemoryRegistry registry = new InMemoryRegistry();
        Topics topics = new Topics(TopicNames.DEFAULTS, registry);
        topology = ClassifierTopology.build(topics, FakeSorting.sorter(), vectors,
                new ClassifierTopology.StateSerdes(AvroSerde.forValues(registry, ThemeAggregate.class),
                        AvroSerde.forValues(registry, ThemeCluster.class)),
                new ClassifierTopology.Settings(List.of(
                        WindowSpec.of(ThemeWindowKeys.Size.HOUR, Duration.ofHours(2)),
                        WindowSpec.of(ThemeWindowKeys.Size.WEEK, Duration.ofDays(1))),
                        new SortingTopology.Settings(Duration.ofDays(7), Duration.ofHours(24), 0.5, batchSize, Duration.ofMillis(50), Duration.ofMinutes(15)),
                        WatchSettings.DEFAULTS, 1));
        Properties props = RecordingDeadLetters.driverProperties(stateDir);
        // as the service routes them: a record of a repartition topic to the dead letters of what it carries
        props.putAll(DeadLetterRoutes.of("classifier-test", topics).asConfig());
        RecordingDeadLetters.SENT.clear();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(topology, props);
        eventSerde = topics.ticketEvents().valueSerde();
        correctionSerde = topics.corrections().valueSerde();
        events = driver.createInputTopic("ticket-events", Serdes.String().serializer(), topics.ticketEvents().valueSerde().serializer());
        sorted = driver.createOutputTopic("tickets-sorted", Serdes.String().deserializer(), topics.ticketsSorted().valueSerde().deserializer());
        windows = driver.createOutputTopic("theme-windows", Serdes.String().deserializer(), topics.themeWindows().valueSerde().deserializer());
        corrections = driver.createInputTopic("corrections", Serdes.String().serializer(), topics.corrections().valueSerde().serializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(TicketEvent event) {
        events.pipeInput(event.getTicketId(), event, event.getOccurredAt());
    }

    @Test
    void shouldCarryTheSortersKindLevelReasonsAndTaxonomyTheme() {
        send(Tickets.created("e1", "t1", T0, "Login loop", "After the update I'm sent back to the login page."));

        SortedTicket ticket = sorted.readValue();

        assertThat(ticket.getKind()).isEqualTo(TicketKind.BUG);
        assertThat(ticket.getLevel()).isEqualTo("build");
        assertThat(ticket.getTheme()).isEqualTo("login loop after update");
        assertThat(ticket.getThemeSource()).isEqualTo("taxonomy");
        assertThat(ticket.getReasons()).contains("fake: a bug");
        assertThat(ticket.getRecommendedTier()).isEqualTo("L3");
    }

    @Test
    void shouldGroupTicketsNoTaxonomyThemeExplainsIntoNamedEmergingThemesFromTheFirstTicket() {
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet, when will the card arrive?"));
        send(Tickets.created("e2", "t2", T0.plusSeconds(60), "Card not arrived", "The card has not arrived, when will my card arrive?"));
        send(Tickets.created("e3", "t3", T0.plusSeconds(120), "Exchange rate", "Which exchange rate applies to foreign currency payments abroad?"));

        List<SortedTicket> out = sorted.readValuesToList();

        assertThat(out).extracting(SortedTicket::getThemeSource).containsOnly("emerging");
        assertThat(out.get(0).getTheme()).isEqualTo(out.get(1).getTheme()).doesNotContain("cluster").isNotBlank();
        assertThat(out.get(2).getTheme()).isNotEqualTo(out.get(0).getTheme());
        assertThat(out.get(0).getReasons()).anySatisfy(r -> assertThat(r).contains("starts emerging theme"));
        assertThat(out.get(1).getReasons()).anySatisfy(r -> assertThat(r).contains("joins emerging theme"));
        assertThat(hourly(windows.readValuesToList())).anySatisfy(w -> {
            assertThat(w.getTheme()).isEqualTo(out.get(0).getTheme());
            assertThat(w.getVolume()).isEqualTo(2);
        });
    }

    @Test
    void shouldLetTicketsOutAsSoonAsTheirEmbeddingsAreReady() {
        driver.close();
        start(3);
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My card has not arrived yet."));
        send(Tickets.routed("e2", "t1", T0.plusSeconds(60), Tier.L2));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e1", "e2");
    }

    /** An encoder whose answers the test hands out, as a real one answers later from its own threads. */
    private static final class LateVectors implements TextVectors {
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<CompletableFuture<float[]>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Duration answerAfter;

        @Override
        public float[] vector(String text) {
            return FakeSorting.vectors().vector(text);
        }

        @Override
        public CompletableFuture<float[]> vectorLater(String text) {
            asked.add(text);
            answers.add(new CompletableFuture<>());
            if (answerAfter != null) {
                answerLater(answers.size() - 1);
            }
            return answers.get(answers.size() - 1);
        }

        void answer(int call) {
            answers.get(call).complete(vector(asked.get(call)));
        }

        /** From now on every text is answered that long after it is asked for, from another thread. */
        void answerEverythingAfter(Duration delay) {
            answerAfter = delay;
            for (int call = 0; call < answers.size(); call++) {
                answerLater(call);
            }
        }

        private void answerLater(int call) {
            CompletableFuture.runAsync(() -> answer(call),
                    CompletableFuture.delayedExecutor(answerAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    /** Two tickets no taxonomy theme explains (e1, e3) around one it does (e2). */
    private LateVectors startWithLateEncoder(int batchSize) {
        driver.close();
        LateVectors encoder = new LateVectors();
        start(batchSize, encoder);
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(10), "Login loop", "After the update I'm sent back to the login page."));
        send(Tickets.created("e3", "t3", T0.plusSeconds(20), "Card not arrived", "The card has not arrived."));
        return encoder;
    }

    @Test
    void shouldGoOnSortingWhileTheEncoderWorksAndStillLetTicketsOutInOrder() {
        LateVectors encoder = startWithLateEncoder(2);

        assertThat(encoder.asked).as("each text no taxonomy theme explains goes to the encoder as its ticket comes")
                .containsExactly("Card arrival. My replacement card has not arrived yet.", "Card not arrived. The card has not arrived.");
        assertThat(sorted.isEmpty()).as("the first ticket waits for its embedding, and the rest behind it").isTrue();

        encoder.answer(0);
        send(Tickets.created("e4", "t4", T0.plusSeconds(30), "Login loop", "Sent back to the login page again since the update."));
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e1", "e2");

        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e3", "e4");
    }

    @Test
    void shouldLetTicketsOutAfterTheMaxWaitWhenNoMoreCome() {
        LateVectors encoder = startWithLateEncoder(8);
        encoder.answerEverythingAfter(Duration.ofMillis(300));
        assertThat(sorted.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMillis(60));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e1", "e2", "e3");
    }

    /** The first ticket's embedding fails, the third's comes; two beats of the max wait. */
    private LateVectors startWithTheFirstEmbeddingFailing() {
        LateVectors encoder = startWithLateEncoder(1);
        encoder.answers.get(0).completeExceptionally(new IllegalStateException("encoder down"));
        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        driver.advanceWallClockTime(Duration.ofMillis(60));
        return encoder;
    }

    @Test
    void shouldDeadLetterAnEventWhoseEmbeddingFailedAndLetTheOthersGoOn() {
        startWithTheFirstEmbeddingFailing();

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e2", "e3");
        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("ticket-events.dlt");
            assertThat(eventSerde.deserializer().deserialize("ticket-events", dead.value()).getEventId()).isEqualTo("e1");
        });
        try (var left = driver.<String, TicketEvent>getKeyValueStore("pending-tickets-store").all()) {
            assertThat(left.hasNext()).as("the failed event left the buffer too, not to come back on a restart").isFalse();
        }
        send(Tickets.created("e4", "t4", T0.plusSeconds(30), "Login loop", "Sent back to the login page again since the update."));
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e4");
    }

    /** The README's way to re-drive a dead letter of the sorting stage: the same id is a replay, a new id is sorted. */
    @Test
    void shouldSortADeadLetteredEventSentAgainUnderANewIdButDropItUnderItsOwn() {
        LateVectors encoder = startWithTheFirstEmbeddingFailing();
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e2", "e3");
        TicketEvent dead = eventSerde.deserializer().deserialize("ticket-events", RecordingDeadLetters.SENT.get(0).value());
        encoder.answerEverythingAfter(Duration.ZERO);

        send(dead);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(sorted.isEmpty()).as("its id was seen before it failed").isTrue();

        send(TicketEvent.newBuilder(dead).setEventId("e1-redrive").build());
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getTicketId()).isEqualTo("t1");
            assertThat(t.getEventId()).isEqualTo("e1-redrive");
            assertThat(t.getThemeSource()).isEqualTo("emerging");
        });
    }

    @Test
    void shouldLetACorrectionWinFromThenOnAndShowItAsCorrected() {
        send(Tickets.created("e1", "t1", T0, "Login loop", "After the update I'm sent back to the login page."));
        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setKind(TicketKind.NOISE).setBy("Ana").setNote("user error, cookies blocked").setCorrectedAt(T0.plusSeconds(60)).build(),
                T0.plusSeconds(60));
        send(Tickets.routed("e2", "t1", T0.plusSeconds(120), Tier.L2));

        List<SortedTicket> out = sorted.readValuesToList();

        assertThat(out).hasSize(3);
        SortedTicket corrected = out.get(1);
        assertThat(corrected.getCorrected()).isTrue();
        assertThat(corrected.getKind()).isEqualTo(TicketKind.NOISE);
        assertThat(corrected.getLevel()).isNull();
        assertThat(corrected.getReasons()).last().isEqualTo("corrected by Ana: kind noise (was bug) (user error, cookies blocked)");
        assertThat(out.get(2).getKind()).as("a later event carries the correction").isEqualTo(TicketKind.NOISE);
        assertThat(out.get(2).getCorrected()).isTrue();
    }

    @Test
    void shouldRedactPersonalDataInTheQuote() {
        send(Tickets.created("e1", "t1", T0, "Export", "CSV export times out. Call me on +44 20 7946 0958 or jane.doe@example.com. Thanks, Jane"));

        assertThat(sorted.readValue().getQuote())
                .doesNotContain("jane.doe@example.com").doesNotContain("7946").doesNotContain("Jane")
                .contains("[email]").contains("[phone]").contains("CSV export times out");
    }

    @Test
    void shouldRedactALongTicketBeforeCuttingItToAQuote() {
        // the address straddles the 280th character: cut first, "jane.doe@example" would no longer be an address
        String body = "x".repeat(262) + " write to jane.doe@example.com about the export that times out";
        send(Tickets.created("e1", "t1", T0, "Export", body));

        String quote = sorted.readValue().getQuote();
        assertThat(quote).doesNotContain("jane.doe").startsWith("x".repeat(262) + " write to [email]").endsWith("…");
        assertThat(quote).hasSize(281);
    }

    @Test
    void shouldCarryTheSortingOntoARoutedEventAndFlagNoiseEscalatedToL3() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        send(Tickets.routed("e2", "t1", T0.plusSeconds(600), Tier.L3));

        List<SortedTicket> out = sorted.readValuesToList();

        assertThat(out).hasSize(2);
        assertThat(out.get(1).getKind()).isEqualTo(TicketKind.NOISE);
        assertThat(out.get(1).getActualTier()).isEqualTo(Tier.L3);
        assertThat(out.get(1).getMisrouted()).isTrue();
        assertThat(out.get(1).getMisroutedReason()).isEqualTo("noise escalated to L3");
    }

    @Test
    void shouldDeadLetterACorrectionForATicketNeverSortedWithTheReason() {
        send(Tickets.created("e1", "t1", T0, "Login loop", "After the update I'm sent back to the login page."));
        corrections.pipeInput("t9", Correction.newBuilder().setCorrectionId("c9").setTicketId("t9").setProduct("ledger")
                .setKind(TicketKind.NOISE).setBy("Ana").setCorrectedAt(T0.plusSeconds(60)).build(), T0.plusSeconds(60));
        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setKind(TicketKind.NOISE).setBy("Ana").setCorrectedAt(T0.plusSeconds(90)).build(), T0.plusSeconds(90));
        assertThat(sorted.readValuesToList()).as("the next correction goes on").last()
                .satisfies(t -> assertThat(t.getCorrected()).isTrue());

        driver.advanceWallClockTime(Duration.ofMinutes(14));
        assertThat(RecordingDeadLetters.SENT).as("its ticket may yet come: events come by another topic").isEmpty();
        driver.advanceWallClockTime(Duration.ofMinutes(1).plusSeconds(1));

        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("corrections.dlt");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("correction c9: no ticket t9 of product ledger has been sorted within 15 min of the correction "
                            + "(classifier.correction-wait) or kept (a ticket with no event for 90 days is forgotten")
                    .contains("; check the ticket id and the product");
        });
        try (var held = driver.getKeyValueStore("held-corrections-store").all()) {
            assertThat(held.hasNext()).as("put aside, not held any longer").isFalse();
        }
    }

    /** A helpdesk macro that corrects as it creates, or a backlog of events caught up behind the corrections. */
    @Test
    void shouldApplyACorrectionThatCameBeforeItsTicketOnceTheTicketIsSorted() {
        correct("c1", "t1", TicketKind.NOISE, T0.plusSeconds(60));
        correct("c2", "t1", TicketKind.BRIEF_INPUT, T0.plusSeconds(61));
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(RecordingDeadLetters.SENT).isEmpty();

        send(Tickets.created("e1", "t1", T0, "Login loop", "After the update I'm sent back to the login page."));
        driver.advanceWallClockTime(Duration.ofMillis(200));

        assertThat(RecordingDeadLetters.SENT).isEmpty();
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId, SortedTicket::getKind, SortedTicket::getCorrected)
                .as("sorted, then corrected twice in the order the corrections came").containsExactly(
                        tuple("e1", TicketKind.BUG, false), tuple("e1", TicketKind.NOISE, true), tuple("e1", TicketKind.BRIEF_INPUT, true));
        driver.advanceWallClockTime(Duration.ofMinutes(20));
        assertThat(RecordingDeadLetters.SENT).as("applied, and not put aside later").isEmpty();
    }

    private void correct(String correctionId, String ticketId, TicketKind kind, Instant at) {
        corrections.pipeInput(ticketId, Correction.newBuilder().setCorrectionId(correctionId).setTicketId(ticketId).setProduct("ledger")
                .setKind(kind).setBy("Ana").setCorrectedAt(at).build(), at);
    }

    /** A correction that comes while its ticket waits in the sorting's buffer (for its embedding, or behind one). */
    @Test
    void shouldApplyACorrectionOfATicketStillBeingSortedOnceItIsSortedAndNotDeadLetterIt() {
        LateVectors encoder = startWithLateEncoder(8);
        correct("c1", "t1", TicketKind.NOISE, T0.plusSeconds(60));
        correct("c2", "t2", TicketKind.BRIEF_INPUT, T0.plusSeconds(61));
        correct("c3", "t2", TicketKind.NOISE, T0.plusSeconds(62));
        assertThat(RecordingDeadLetters.SENT).as("held while their tickets wait").isEmpty();

        encoder.answer(0);
        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        driver.advanceWallClockTime(Duration.ofMillis(200));

        assertThat(RecordingDeadLetters.SENT).isEmpty();
        assertThat(ticketKept("t1").getKind()).isEqualTo(TicketKind.NOISE);
        assertThat(ticketKept("t1").getCorrected()).isTrue();
        assertThat(ticketKept("t2").getKind()).as("two corrections of one ticket are applied in the order they came").isEqualTo(TicketKind.NOISE);
        assertThat(ticketKept("t2").getReasons()).filteredOn(r -> r.startsWith("corrected by"))
                .containsExactly("corrected by Ana: kind brief input (was bug)", "corrected by Ana: kind noise (was brief input)");
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId, SortedTicket::getKind).containsExactly(
                tuple("e1", TicketKind.BUG), tuple("e2", TicketKind.BUG), tuple("e3", TicketKind.BUG),
                tuple("e1", TicketKind.NOISE), tuple("e2", TicketKind.BRIEF_INPUT), tuple("e2", TicketKind.NOISE));
        try (var held = driver.getKeyValueStore("held-corrections-store").all()) {
            assertThat(held.hasNext()).as("nothing left held, not to be applied again after a restart").isFalse();
        }
    }

    @Test
    void shouldDeadLetterAHeldCorrectionWhoseTicketCouldNotBeSortedWithTheReason() {
        LateVectors encoder = startWithLateEncoder(1);
        correct("c1", "t1", TicketKind.NOISE, T0.plusSeconds(60));
        encoder.answers.get(0).completeExceptionally(new IllegalStateException("encoder down"));
        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertThat(RecordingDeadLetters.SENT).extracting(dead -> dead.topic()).as("the event sent again may yet be sorted")
                .containsExactly("ticket-events.dlt");
        driver.advanceWallClockTime(Duration.ofMinutes(15));

        assertThat(RecordingDeadLetters.SENT).extracting(dead -> dead.topic()).containsExactly("ticket-events.dlt", "corrections.dlt");
        assertThat(RecordingDeadLetters.SENT.get(1)).satisfies(dead -> {
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("correction c1: no ticket t1 of product ledger has been sorted");
            assertThat(correctionSerde.deserializer().deserialize("corrections", dead.value()).getCorrectionId()).isEqualTo("c1");
        });
    }

    /** Written to the topic by another producer than the ingest: a theme of invisible characters names none. */
    @Test
    void shouldNotMakeANamelessThemeOfAThemeOfNoWords() {
        send(Tickets.created("e1", "t1", T0, "Login loop", "After the update I'm sent back to the login page."));
        String theme = sorted.readValuesToList().get(0).getTheme();

        correct("c1", "t1", T0.plusSeconds(60), Correction.newBuilder().setKind(TicketKind.NOISE).setTheme("\u00a0\u200b"));

        assertThat(ticketKept("t1").getKind()).isEqualTo(TicketKind.NOISE);
        assertThat(ticketKept("t1").getTheme()).as("the theme as sorted").isEqualTo(theme);
    }

    @Test
    void shouldPutAsideACorrectionThatMakesAnUntracedBugOrNamesAnotherProduct() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        sorted.readValuesToList();

        // written to the topic by another producer than the ingest, which refuses both
        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setKind(TicketKind.BUG).setBy("Ana").setCorrectedAt(T0.plusSeconds(60)).build(), T0.plusSeconds(60));
        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c2").setTicketId("t1").setProduct("roster")
                .setKind(TicketKind.BRIEF_INPUT).setBy("Ana").setCorrectedAt(T0.plusSeconds(90)).build(), T0.plusSeconds(90));

        assertThat(RecordingDeadLetters.SENT).extracting(dead -> dead.topic() + ": "
                        + new String(dead.headers().lastHeader(DeadLetters.REASON).value(), java.nio.charset.StandardCharsets.UTF_8))
                .satisfiesExactly(
                        untraced -> assertThat(untraced).startsWith("corrections.dlt: correction c1 makes ticket t1 a bug with no chain level")
                                .contains("name its level"),
                        elsewhere -> assertThat(elsewhere).startsWith("corrections.dlt: correction c2: ticket t1 is of product ledger, not roster"));
        assertThat(sorted.readValuesToList()).as("neither is applied").isEmpty();
        assertThat(ticketKept("t1").getKind()).isEqualTo(TicketKind.NOISE);
        assertThat(ticketKept("t1").getCorrected()).isFalse();
    }

    @Test
    void shouldPutAsideACorrectionOfAnotherProducerNamingNoChainLevelOrAThemeOverTheIngestsCap() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        String theme = sorted.readValuesToList().get(0).getTheme();

        // written to the topic by another producer than the ingest, which refuses the last two
        correct("c1", "t1", T0.plusSeconds(60), Correction.newBuilder().setLevel("\u00a0").setTheme("passwords"));
        correct("c2", "t1", T0.plusSeconds(90), Correction.newBuilder().setLevel("buidl"));
        correct("c3", "t1", T0.plusSeconds(120), Correction.newBuilder().setTheme("x".repeat(201)));

        assertThat(RecordingDeadLetters.SENT).extracting(dead -> dead.topic() + ": "
                        + new String(dead.headers().lastHeader(DeadLetters.REASON).value(), java.nio.charset.StandardCharsets.UTF_8))
                .satisfiesExactly(
                        level -> assertThat(level).startsWith("corrections.dlt: correction c2 of ticket t1 is refused: level 'buidl' is no chain level"),
                        tooLong -> assertThat(tooLong).startsWith("corrections.dlt: correction c3 of ticket t1 is refused: its theme is 201 characters"));
        assertThat(ticketKept("t1").getKind()).as("a blank level is no level: no bug made of it").isEqualTo(TicketKind.NOISE);
        assertThat(ticketKept("t1").getLevel()).isNull();
        assertThat(ticketKept("t1").getTheme()).as("c1's theme, not c3's").isEqualTo("passwords").isNotEqualTo(theme);
    }

    @Test
    void shouldPutAsideAnotherHelpdesksTicketThatSharesTheIdRatherThanDropOrMergeIt() {
        // two helpdesks that number tickets and their events 1, 2, 3
        send(Tickets.created("1", "4711", T0, "CSV export times out", "The CSV export times out."));
        send(TicketEvent.newBuilder(Tickets.created("1", "4711", T0.plusSeconds(60), "Password reset", "How do I reset my password?"))
                .setSourceHelpdesk("freshdesk").build());
        send(Tickets.routed("2", "4711", T0.plusSeconds(120), Tier.L2));

        assertThat(RecordingDeadLetters.SENT).as("not dropped as a replay of the first helpdesk's event 1").singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("ticket-events.dlt");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("event 1 of ticket 4711 comes from freshdesk, but ticket 4711 is zendesk's (product ledger)")
                    .contains("under an id of its own");
        });
        assertThat(sorted.readValuesToList()).as("the first helpdesk's ticket goes on, its own events only")
                .extracting(SortedTicket::getEventId).containsExactly("1", "2");
        assertThat(ticketKept("4711").getTheme()).isEqualTo("csv export times out");
        assertThat(ticketKept("4711").getSourceHelpdesk()).isEqualTo("zendesk");
    }

    @Test
    void shouldPutAsideAnotherHelpdesksTicketThatCameWhileTheFirstWaitedForItsEmbedding() {
        driver.close();
        LateVectors encoder = new LateVectors();
        start(8, encoder);
        send(Tickets.created("1", "4711", T0, "Card arrival", "My replacement card has not arrived yet."));
        send(TicketEvent.newBuilder(Tickets.created("1", "4711", T0.plusSeconds(5), "Card not arrived", "The card has not arrived."))
                .setSourceHelpdesk("freshdesk").build());
        assertThat(sorted.isEmpty()).as("both wait for their embeddings").isTrue();

        encoder.answer(0);
        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getSourceHelpdesk).containsExactly("zendesk");
        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(dead -> {
            assertThat(eventSerde.deserializer().deserialize("ticket-events", dead.value()).getSourceHelpdesk()).isEqualTo("freshdesk");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.EXCEPTION).value(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("so that a redrive leaves it to its producer").endsWith("TicketIdOfAnotherHelpdesk");
        });
    }

    @Test
    void shouldKeepTheNewestCorrectionsInTheReasonsSoATicketCorrectedOftenStaysOneRecord() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out again."));
        sorted.readValuesToList();
        String longNote = "no, ".repeat(5_000);
        for (int i = 0; i < 40; i++) {
            correct("c" + i, "t1", T0.plusSeconds(60 + i), Correction.newBuilder().setKind(i % 2 == 0 ? TicketKind.NOISE : TicketKind.BRIEF_INPUT)
                    .setNote(i == 39 ? "the last" : longNote));
        }

        List<String> reasons = ticketKept("t1").getReasons();
        assertThat(reasons.stream().filter(r -> r.startsWith("corrected by "))).hasSize(10);
        assertThat(ticketKept("t1").getAppliedCorrections()).as("the ids of the newest ten").hasSize(10).startsWith("c30").endsWith("c39");
        assertThat(reasons).last().isEqualTo("corrected by Ana: kind brief input (was noise) (the last)");
        assertThat(reasons).as("the sorting's own reasons stay").first().asString().doesNotStartWith("corrected by ");
        assertThat(String.join("", reasons).length()).as("notes are shortened in the reasons").isLessThan(10 * 400 + 2_000);
    }

    @Test
    void shouldNotApplyACorrectionSentAgainUnderItsIdOverANewerOne() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out again."));
        sorted.readValuesToList();
        correct("c-a", "t1", T0.plusSeconds(60), Correction.newBuilder().setKind(TicketKind.NOISE));
        correct("c-b", "t1", T0.plusSeconds(120), Correction.newBuilder().setKind(TicketKind.BRIEF_INPUT));
        // the client of c-a was not told it was taken, and sends it again under its id
        correct("c-a", "t1", T0.plusSeconds(180), Correction.newBuilder().setKind(TicketKind.NOISE));

        SortedTicket kept = ticketKept("t1");
        assertThat(kept.getKind()).as("c-b, the newest, stays").isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(kept.getAppliedCorrections()).containsExactly("c-a", "c-b");
        assertThat(kept.getReasons().stream().filter(r -> r.startsWith("corrected by "))).hasSize(2);
    }

    @Test
    void shouldForgetTicketsAndEmergingThemesGoneQuietForTheirRetention() {
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet, when will the card arrive?"));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofDays(5)), "Exchange rate", "Which exchange rate applies to foreign currency payments abroad?"));
        send(Tickets.routed("e2b", "t2", T0.plus(Duration.ofDays(1)), Tier.L2)); // late: t2's latest event stays day 5
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // a round at day 5: nothing is quiet yet
        assertThat(themesKept()).hasSize(2);

        send(Tickets.created("e3", "t3", T0.plus(Duration.ofDays(32)), "Password reset", "How do I reset the password of my online banking?"));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        String cardTheme = sorted.readValuesToList().get(0).getTheme();
        assertThat(themesKept()).as("t1's one-ticket theme had no ticket for 32 days; t2's for 27").hasSize(2)
                .noneMatch(c -> c.getLabel().equals(cardTheme));
        assertThat(ticketKept("t1")).as("tickets are kept 90 days").isNotNull();

        send(Tickets.created("e4", "t4", T0.plus(Duration.ofDays(95)), "Statement", "Where can I download last year's statement?"));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(ticketKept("t1")).as("no event for 95 days").isNull();
        assertThat(ticketKept("t2")).as("no event for 90 days, not more").isNotNull();
        assertThat(ticketKept("t3")).isNotNull();
        RecordingDeadLetters.SENT.clear();
        correct("c1", "t1", T0.plus(Duration.ofDays(95)), Correction.newBuilder().setKind(TicketKind.NOISE));
        correct("c2", "t2", T0.plus(Duration.ofDays(95)), Correction.newBuilder().setKind(TicketKind.NOISE));
        driver.advanceWallClockTime(Duration.ofMinutes(15).plusSeconds(1)); // the correction's wait for its ticket
        assertThat(RecordingDeadLetters.SENT).as("a correction for a forgotten ticket is dead-lettered, with the reason")
                .singleElement().satisfies(dead -> assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(),
                        StandardCharsets.UTF_8)).contains("no ticket t1 of product ledger").contains("forgotten"));
        assertThat(sorted.readValuesToList()).last().satisfies(t -> {
            assertThat(t.getTicketId()).isEqualTo("t2");
            assertThat(t.getCorrected()).isTrue();
        });

        send(Tickets.routed("e5", "t1", T0.plus(Duration.ofDays(96)), Tier.L2));
        assertThat(sorted.isEmpty()).as("an event with no words of a forgotten ticket: nothing to sort").isTrue();
        send(TicketEvent.newBuilder(Tickets.created("e6", "t1", T0.plus(Duration.ofDays(96)), "Still no card", "Still no card, three months on."))
                .setType(TicketEventType.CUSTOMER_REPLIED).build());
        assertThat(sorted.readValuesToList()).as("one with words is sorted anew, not counted as a new ticket").singleElement().satisfies(t -> {
            assertThat(t.getEventType()).isEqualTo(TicketEventType.CUSTOMER_REPLIED);
            assertThat(t.getCounted()).isFalse();
            assertThat(t.getLastEventAt()).isEqualTo(T0.plus(Duration.ofDays(96)));
        });
    }

    @Test
    void shouldKeepTheTierAndResolutionOfEventsWithNoWordsThatCameBeforeTheCreation() {
        send(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(2)), Tier.L2));
        send(TicketEvent.newBuilder(Tickets.routed("e6", "t5", T0.plus(Duration.ofHours(1)), Tier.L1)).setType(TicketEventType.RESOLVED).build());
        assertThat(sorted.isEmpty()).as("nothing to sort yet").isTrue();

        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.created("e5", "t5", T0, "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(30)), "How do I export?", "How do I export my data?"));
        List<SortedTicket> out = sorted.readValuesToList();

        assertThat(out).filteredOn(t -> t.getTicketId().equals("t1")).singleElement().satisfies(t -> {
            assertThat(t.getActualTier()).as("routed to L2 before its creation came").isEqualTo(Tier.L2);
            assertThat(t.getCreatedTier()).isEqualTo(Tier.L1);
            assertThat(t.getCounted()).isTrue();
        });
        assertThat(out).filteredOn(t -> t.getTicketId().equals("t5")).singleElement().satisfies(t -> assertThat(t.getResolved()).isTrue());
        assertThat(out).as("no bug parked at L1 a day on").noneMatch(SortedTicket::getMisrouted);
        assertThat(lastHourOf(windows.readValuesToList(), "csv export times out").getTierMix()).containsOnly(java.util.Map.entry("L1", 2L));
    }

    @Test
    void shouldCountACreationWithNoTierAsUnroutedWhetherItsRoutingCameBeforeOrAfterIt() {
        send(Tickets.routed("e2", "t1", T0.plus(Duration.ofMinutes(10)), Tier.L2));
        send(TicketEvent.newBuilder(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out.")).setTier(null).build());
        send(TicketEvent.newBuilder(Tickets.created("e3", "t2", T0.plusSeconds(60), "CSV export times out", "Times out too.")).setTier(null).build());
        send(Tickets.routed("e4", "t2", T0.plus(Duration.ofMinutes(11)), Tier.L2));

        assertThat(lastHourOf(windows.readValuesToList(), "csv export times out").getTierMix()).containsOnly(java.util.Map.entry("unrouted", 2L));
        assertThat(ticketKept("t1").getActualTier()).as("its routing still stands").isEqualTo(Tier.L2);
    }

    @Test
    void shouldNeitherCorrectNorSendOnATicketHeardOfOnlyFromEventsWithNoWords() {
        send(Tickets.routed("e1", "t1", T0, Tier.L2));
        RecordingDeadLetters.SENT.clear();

        correct("c1", "t1", T0.plusSeconds(60), Correction.newBuilder().setKind(TicketKind.NOISE));
        driver.advanceWallClockTime(Duration.ofMinutes(15).plusSeconds(1)); // no creation came while it waited

        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(dead -> assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(),
                StandardCharsets.UTF_8)).contains("no ticket t1 of product ledger"));
        assertThat(sorted.isEmpty()).isTrue();
        assertThat(ticketKept("t1")).as("kept for its creation to find").isNotNull();
    }

    @Test
    void shouldLetAnotherHelpdesksNewTicketTakeAnIdHeardOfOnlyThroughARouting() {
        send(TicketEvent.newBuilder(Tickets.routed("9", "4711", T0, Tier.L2)).setSourceHelpdesk("freshdesk").build());
        RecordingDeadLetters.SENT.clear();

        send(Tickets.created("1", "4711", T0.plusSeconds(60), "CSV export times out", "The CSV export times out."));

        assertThat(RecordingDeadLetters.SENT).as("no other ticket was sorted under the id").isEmpty();
        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getSourceHelpdesk()).isEqualTo("zendesk");
            assertThat(t.getActualTier()).as("not freshdesk's routing").isEqualTo(Tier.L1);
        });
    }

    @Test
    void shouldKeepARoutingForItsOwnHelpdesksWaitingCreationWhenAnotherHelpdesksTicketOfTheIdComes() {
        driver.close();
        LateVectors encoder = new LateVectors();
        start(1, encoder);
        send(Tickets.routed("9", "4711", T0.plusSeconds(600), Tier.L2));
        send(Tickets.created("1", "4711", T0, "Card arrival", "My replacement card has not arrived yet.")); // waits for its embedding
        RecordingDeadLetters.SENT.clear();

        send(TicketEvent.newBuilder(Tickets.created("2", "4711", T0.plusSeconds(900), "Invoice", "Where is my invoice?"))
                .setSourceHelpdesk("freshdesk").build());
        encoder.answer(0);
        driver.advanceWallClockTime(Duration.ofMillis(60));

        assertThat(RecordingDeadLetters.SENT).as("freshdesk's ticket put aside: zendesk's holds the id").singleElement()
                .satisfies(dead -> assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                        .contains("freshdesk"));
        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getCause() == SortingCause.EVENT).singleElement().satisfies(t -> {
            assertThat(t.getSourceHelpdesk()).isEqualTo("zendesk");
            assertThat(t.getActualTier()).as("its routing, which came first, kept").isEqualTo(Tier.L2);
        });
    }

    @Test
    void shouldPutATicketInOneEmergingThemeOnceWhenItsCreationComesAfterAReplyWithWords() {
        send(TicketEvent.newBuilder(Tickets.created("e2", "t1", T0.plusSeconds(600), "Card arrival", "Any news? My card has still not arrived."))
                .setType(TicketEventType.CUSTOMER_REPLIED).build());
        send(Tickets.created("e1", "t1", T0, "Exchange rate", "Which exchange rate applies to foreign currency payments abroad?"));
        List<SortedTicket> out = sorted.readValuesToList();

        assertThat(out).hasSize(2);
        assertThat(out.get(1).getTheme()).isEqualTo(out.get(0).getTheme());
        assertThat(themesKept()).singleElement().satisfies(theme -> assertThat(theme.getSize()).as("one ticket").isEqualTo(1));
        assertThat(lastHourOf(windows.readValuesToList(), out.get(1).getTheme()).getVolume()).isEqualTo(1);
    }

    @Test
    void shouldNotForgetATicketWhoseEventWaitsForTheEncoderNorLoseThatEvent() {
        driver.close();
        LateVectors encoder = new LateVectors();
        start(1, encoder);
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet."));
        encoder.answer(0);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofDays(95)), "Login loop", "After the update I'm sent back to the login page."));
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofDays(95)), "Card not arrived", "The card has not arrived."));
        // t1's own event, let in as a known ticket's, waits behind t3's embedding while a round finds t1 quiet for 95 days
        send(TicketEvent.newBuilder(Tickets.created("e4", "t1", T0.plus(Duration.ofDays(95)), "Card arrival", "Any news on my card?"))
                .setType(TicketEventType.CUSTOMER_REPLIED).build());
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(ticketKept("t1")).isNotNull();
        encoder.answer(1);
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getCause() == SortingCause.EVENT) // t1 is also flagged, parked at L1
                .extracting(SortedTicket::getEventId).containsExactly("e1", "e2", "e3", "e4");
    }

    private List<ThemeCluster> themesKept() {
        List<ThemeCluster> kept = new ArrayList<>();
        try (var all = driver.<String, ThemeCluster>getKeyValueStore("theme-clusters-store").all()) {
            all.forEachRemaining(kv -> kept.add(kv.value));
        }
        return kept;
    }

    private SortedTicket ticketKept(String ticketId) {
        return driver.<String, SortedTicket>getKeyValueStore("ticket-state-store").get(ticketId);
    }

    @Test
    void shouldRecommendTheTierAndJudgeTheMisroutingOfTheCorrectedKind() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        send(Tickets.routed("e2", "t1", T0.plusSeconds(600), Tier.L3));
        assertThat(sorted.readValuesToList()).last().satisfies(t -> assertThat(t.getMisroutedReason()).isEqualTo("noise escalated to L3"));

        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setLevel("build").setBy("Ana").setNote("the reset link is broken").setCorrectedAt(T0.plusSeconds(900)).build(),
                T0.plusSeconds(900));

        SortedTicket corrected = sorted.readValuesToList().get(0);
        assertThat(corrected.getKind()).as("a level names a bug").isEqualTo(TicketKind.BUG);
        assertThat(corrected.getLevel()).isEqualTo("build");
        assertThat(corrected.getRecommendedTier()).isEqualTo("L3");
        assertThat(corrected.getMisrouted()).as("a bug of the build at L3 is where it belongs").isFalse();
        assertThat(corrected.getMisroutedReason()).isNull();
        assertThat(corrected.getReasons()).last().isEqualTo("corrected by Ana: kind bug (was noise), level build (was none) (the reset link is broken)");

        send(Tickets.routed("e3", "t1", T0.plusSeconds(1200), Tier.L3));
        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getRecommendedTier()).as("later events carry it").isEqualTo("L3");
            assertThat(t.getMisrouted()).isFalse();
        });
    }

    @Test
    void shouldFlagABugParkedAtL1PastTheConfiguredAge() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(30)), Tier.L1));

        SortedTicket parked = sorted.readValuesToList().get(1);

        assertThat(parked.getKind()).isEqualTo(TicketKind.BUG);
        assertThat(parked.getMisrouted()).isTrue();
        assertThat(parked.getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");
    }

    @Test
    void shouldFlagABugLeftAtL1WithNoEventOfItsOwnAsTimePassesAndCountItOnce() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofHours(1)), "How do I change my password?", "How do I change my password?"));
        assertThat(sorted.readValuesToList()).as("not yet past the limit").noneMatch(SortedTicket::getMisrouted);

        // nobody touches t1; other tickets of its product move time on
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));
        send(Tickets.created("e4", "t4", T0.plus(Duration.ofHours(26)), "Where is the invoice?", "Where is my invoice?"));

        List<SortedTicket> out = sorted.readValuesToList();
        assertThat(out).filteredOn(t -> t.getTicketId().equals("t1")).as("flagged once, with no event of its own").singleElement()
                .satisfies(t -> {
                    assertThat(t.getCause()).isEqualTo(SortingCause.AGE);
                    assertThat(t.getMisrouted()).isTrue();
                    assertThat(t.getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");
                    assertThat(t.getEventId()).as("its latest event is still e1").isEqualTo("e1");
                    assertThat(t.getKind()).isEqualTo(TicketKind.BUG);
                });
        assertThat(out).extracting(SortedTicket::getTicketId).containsExactly("t3", "t1", "t4");
        assertThat(hourly(windows.readValuesToList())).as("the flag is not a new ticket, in its hour or the flag's")
                .filteredOn(w -> w.getTheme().equals("csv export times out"))
                .allSatisfy(w -> assertThat(w.getWindowStart()).isEqualTo(T0))
                .extracting(ThemeWindow::getVolume).containsOnly(1L);

        send(Tickets.routed("e5", "t1", T0.plus(Duration.ofHours(27)), Tier.L3));
        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.EVENT);
            assertThat(t.getMisrouted()).as("routed to L3 at last").isFalse();
        });
    }

    @Test
    void shouldFlagBugsThatComeDueTogetherAFewAtATimeEachOnce() {
        for (int i = 0; i < 40; i++) {
            send(Tickets.created("e" + i, "t" + i, T0.plusSeconds(i), "CSV export times out", "The CSV export times out."));
        }
        sorted.readValuesToList();

        // a day later, after a quiet night: all forty are due with the next ticket
        send(Tickets.created("e-next", "t-next", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));
        List<SortedTicket> first = sorted.readValuesToList().stream().filter(t -> t.getCause() == SortingCause.AGE).toList();
        assertThat(first).as("not all in one pause").hasSizeLessThan(40).isNotEmpty()
                .extracting(SortedTicket::getTicketId).as("the longest parked first").startsWith("t0", "t1");

        for (int i = 0; i < 10; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(50)); // idle wake-ups work off the rest
        }
        List<SortedTicket> rest = sorted.readValuesToList();
        assertThat(java.util.stream.Stream.concat(first.stream(), rest.stream())).extracting(SortedTicket::getTicketId)
                .as("each flagged once").doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void shouldFlagABugWhoseCreationArrivesAfterItsAgePassedAtOnce() {
        send(Tickets.created("e-next", "t-next", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));

        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getTicketId().equals("t1")).singleElement().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.EVENT);
            assertThat(t.getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");
        });
        assertThat(windows.readValuesToList()).filteredOn(w -> w.getWindow().equals("week") && w.getTheme().equals("csv export times out"))
                .extracting(ThemeWindow::getVolume).as("counted as a new ticket, once (a day late: in its week)").containsOnly(1L);
    }

    @Test
    void shouldKeepTheAgeFlagOfABugACorrectionLeavesAtL1() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));
        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getCause() == SortingCause.AGE).hasSize(1);

        correct("c1", "t1", T0.plus(Duration.ofHours(26)), Correction.newBuilder().setLevel("release"));

        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.CORRECTION);
            assertThat(t.getLevel()).isEqualTo("release");
            assertThat(t.getMisroutedReason()).as("still parked, a day and two hours on").isEqualTo("bug at L1 more than 24 h after it came in");
        });
    }

    @Test
    void shouldNotFlagABugRoutedAwayFromL1BeforeTheLimit() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(2)), Tier.L2));
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(30)), "How do I export?", "How do I export my data?"));

        assertThat(sorted.readValuesToList()).noneMatch(SortedTicket::getMisrouted).extracting(SortedTicket::getCause)
                .containsOnly(SortingCause.EVENT);
    }

    @Test
    void shouldNotFlagABugL1ResolvedHoweverLongAgoItCameIn() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(TicketEvent.newBuilder(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(1)), Tier.L1)).setType(TicketEventType.RESOLVED).build());
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(26)), "How do I export?", "How do I export my data?"));

        assertThat(sorted.readValuesToList()).as("closed at L1 within the hour: parked nowhere").noneMatch(SortedTicket::getMisrouted)
                .extracting(SortedTicket::getCause).containsOnly(SortingCause.EVENT);

        send(TicketEvent.newBuilder(Tickets.routed("e4", "t1", T0.plus(Duration.ofHours(27)), Tier.L1)).setType(TicketEventType.REOPENED).build());
        assertThat(sorted.readValuesToList()).singleElement().satisfies(t -> {
            assertThat(t.getResolved()).isFalse();
            assertThat(t.getMisroutedReason()).as("reopened, and back at L1 a day after it came in").isEqualTo("bug at L1 more than 24 h after it came in");
        });
    }

    @Test
    void shouldKeepTheTierOfATicketsNewestEventWhenAnOlderOneArrivesLate() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(2)), Tier.L2));
        // a reply dated before the routing, which still says L1, arrives after it
        send(TicketEvent.newBuilder(Tickets.routed("e3", "t1", T0.plus(Duration.ofHours(1)), Tier.L1)).setType(TicketEventType.CUSTOMER_REPLIED).build());
        send(Tickets.created("e4", "t4", T0.plus(Duration.ofHours(30)), "How do I export?", "How do I export my data?"));

        List<SortedTicket> out = sorted.readValuesToList();
        assertThat(out).filteredOn(t -> t.getTicketId().equals("t1")).last().satisfies(t -> {
            assertThat(t.getEventId()).isEqualTo("e3");
            assertThat(t.getActualTier()).as("routed to L2 since").isEqualTo(Tier.L2);
        });
        assertThat(out).noneMatch(SortedTicket::getMisrouted);
    }

    @Test
    void shouldTakeALateRoutingWhenTheNewerEventsNamedNoTier() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        TicketEvent reply = TicketEvent.newBuilder(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(2)), Tier.L1))
                .setType(TicketEventType.CUSTOMER_REPLIED).setTier(null).build();
        send(reply);
        send(Tickets.routed("e3", "t1", T0.plus(Duration.ofHours(1)), Tier.L2)); // arrives after the reply it came before
        send(Tickets.created("e4", "t4", T0.plus(Duration.ofHours(30)), "How do I export?", "How do I export my data?"));

        List<SortedTicket> out = sorted.readValuesToList();
        assertThat(out).filteredOn(t -> t.getTicketId().equals("t1")).last()
                .satisfies(t -> assertThat(t.getActualTier()).as("the newest event that named a tier").isEqualTo(Tier.L2));
        assertThat(out).noneMatch(SortedTicket::getMisrouted);
    }

    @Test
    void shouldLeaveAResolvedBugResolvedWhenTheCustomerRepliesAfterwards() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(TicketEvent.newBuilder(Tickets.routed("e2", "t1", T0.plus(Duration.ofHours(1)), Tier.L1)).setType(TicketEventType.RESOLVED).build());
        send(TicketEvent.newBuilder(Tickets.routed("e3", "t1", T0.plus(Duration.ofHours(30)), Tier.L1)).setType(TicketEventType.CUSTOMER_REPLIED).build());

        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getTicketId().equals("t1")).last().satisfies(t -> {
            assertThat(t.getResolved()).as("a thank-you does not open it again").isTrue();
            assertThat(t.getMisrouted()).isFalse();
        });
    }

    @Test
    void shouldFlagAtOnceAnOldTicketACorrectionMakesABugAtL1AfterOthersWereFlaggedAndNotAgain() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        send(Tickets.created("e0", "t0", T0.plus(Duration.ofMinutes(10)), "CSV export times out", "The CSV export times out."));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));
        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getCause() == SortingCause.AGE).extracting(SortedTicket::getTicketId)
                .containsExactly("t0");

        // the partition's last event so far was e2: no event need follow (a night, a weekend) for t1 to read as parked
        correct("c1", "t1", T0.plus(Duration.ofHours(25)), Correction.newBuilder().setLevel("build"));
        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getTicketId().equals("t1")).last().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.CORRECTION);
            assertThat(t.getMisrouted()).as("25 hours old in the partition's event time, at L1").isTrue();
            assertThat(t.getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");
        });
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(25)).plus(Duration.ofMinutes(2)), "Where is the invoice?", "Where is my invoice?"));

        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getTicketId().equals("t1")).as("flagged once, by the correction").isEmpty();
    }

    @Test
    void shouldQuoteTheSubjectOfATicketWhoseBodyIsBlank() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", ""));
        send(Tickets.created("e2", "t2", T0, "PDF preview is blank", "\u200b\u00a0"));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getQuote).as("a body of invisible characters is blank too")
                .containsExactly("CSV export times out", "PDF preview is blank");
    }

    @Test
    void shouldJudgeACorrectedTicketsTierInEventTimeNotOnThePersonsClock() {
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));
        // a backlog: the task is at T0 in event time while the person correcting it is 30 hours on
        correct("c1", "t1", T0.plus(Duration.ofHours(30)), Correction.newBuilder().setTheme("exports"));

        assertThat(sorted.readValuesToList()).last().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.CORRECTION);
            assertThat(t.getMisrouted()).as("an hour-old bug in event time, like its untouched twin").isFalse();
        });
    }

    @Test
    void shouldStartTheClockOfATicketACorrectionMakesABugAtL1() {
        send(Tickets.created("e1", "t1", T0, "How do I change my password?", "How do I change my password? Thanks"));
        correct("c1", "t1", T0.plus(Duration.ofHours(1)), Correction.newBuilder().setLevel("build"));
        assertThat(sorted.readValuesToList()).last().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.CORRECTION);
            assertThat(t.getKind()).isEqualTo(TicketKind.BUG);
            assertThat(t.getMisrouted()).isFalse();
        });

        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"));

        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getTicketId().equals("t1")).singleElement().satisfies(t -> {
            assertThat(t.getCause()).isEqualTo(SortingCause.AGE);
            assertThat(t.getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");
            assertThat(t.getCorrected()).isTrue();
        });
    }

    @Test
    void shouldDeadLetterAnEventDatedFarAfterItsRecordAndKeepCountingTheTicketsThatFollow() {
        // a producer writing to the topic directly, its clock or unit wrong: the record is written at T0
        TicketEvent farAhead = Tickets.created("e-future", "t-future", T0.plus(Duration.ofDays(3 * 365)), "CSV export times out", "Export fails.");
        events.pipeInput(farAhead.getTicketId(), farAhead, T0);
        TicketEvent inSeconds = Tickets.created("e-seconds", "t-seconds", Instant.ofEpochMilli(T0.getEpochSecond()), "CSV export times out",
                "Export fails.");
        events.pipeInput(inSeconds.getTicketId(), inSeconds, T0);
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out."));

        assertThat(RecordingDeadLetters.SENT).hasSize(2).allSatisfy(dead -> assertThat(dead.topic()).isEqualTo("ticket-events.dlt"));
        assertThat(RecordingDeadLetters.SENT).extracting(dead -> new String(dead.headers().lastHeader(DeadLetters.REASON).value(),
                StandardCharsets.UTF_8)).satisfiesExactly(
                        reason -> assertThat(reason).contains("event e-future of ticket t-future: occurredAt 2029-11-01T09:00:00Z is 1095 days "
                                + "after its record was written (2026-11-02T09:00:00Z), more than 15 min"),
                        reason -> assertThat(reason).contains("event e-seconds of ticket t-seconds: occurredAt 1970-01-21T")
                                .contains("is before 1973 as epoch milliseconds; epoch seconds?"));
        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getTicketId).containsExactly("t1");
        assertThat(hourly(windows.readValuesToList())).as("the stream's time did not jump: the next ticket is not late")
                .extracting(ThemeWindow::getWindowStart, ThemeWindow::getVolume).containsExactly(tuple(T0, 1L));
    }

    @Test
    void shouldNeverCountAReplayedEventTwice() {
        TicketEvent event = Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out.");
        send(event);
        send(event);
        send(event);

        assertThat(sorted.readValuesToList()).hasSize(1);
        List<ThemeWindow> hourly = hourly(windows.readValuesToList());
        assertThat(hourly).extracting(ThemeWindow::getVolume).containsExactly(1L);
    }

    @Test
    void shouldCountTwoTicketsWhoseHelpdeskNumbersEachTicketsEventsFromOne() {
        // one test driver task holds every key, as one partition does the tickets that hash to it
        send(Tickets.created("1", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.created("1", "t2", T0.plusSeconds(60), "CSV export times out", "The CSV export times out for me too."));
        send(Tickets.created("1", "t1", T0, "CSV export times out", "The CSV export times out.")); // t1's replay

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getTicketId).containsExactly("t1", "t2");
        assertThat(hourly(windows.readValuesToList())).last().extracting(ThemeWindow::getVolume).isEqualTo(2L);
    }

    @Test
    void shouldStillDropAReplayOfAnEventRememberedBeforeIdsCarriedTheirHelpdesk() {
        // the replay check's store as the previous version left it: the ticket's and the event's ids
        org.apache.kafka.streams.state.WindowStore<String, Long> seen = driver.getWindowStore("seen-event-ids-store");
        seen.put("2:t1|e1", T0.toEpochMilli(), T0.toEpochMilli());

        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."));

        assertThat(sorted.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNotCountATicketCreatedTwiceOrReplayedAfterTheReplayCheckForgotIt() {
        TicketEvent first = Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out.");
        send(first);
        send(Tickets.created("e1-again", "t1", T0.plusSeconds(60), "CSV export times out", "The helpdesk sent the creation twice."));
        // 15 days on, past the replay check's memory (twice its 7-day retention), the first event comes again
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofDays(15)), "Export fails", "Export fails with an error."));
        send(first);

        assertThat(sorted.readValuesToList()).as("each ticket once").filteredOn(t -> t.getCause() == SortingCause.EVENT)
                .extracting(SortedTicket::getEventId).containsExactly("e1", "e2");
        assertThat(hourly(windows.readValuesToList())).filteredOn(w -> w.getWindowStart().equals(T0))
                .extracting(ThemeWindow::getVolume).containsOnly(1L);
    }

    @Test
    void shouldCountOnceATicketCorrectedBeforeItsCreationCame() {
        // the helpdesk's reply reaches the pipeline first, a person corrects it, then the creation comes, twice
        send(TicketEvent.newBuilder(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out."))
                .setType(TicketEventType.CUSTOMER_REPLIED).build());
        corrections.pipeInput("t1", Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                .setKind(TicketKind.NOISE).setBy("Ana").setCorrectedAt(T0.plusSeconds(90)).build(), T0.plusSeconds(90));
        send(Tickets.created("e0", "t1", T0, "CSV export times out", "The CSV export times out."));
        send(Tickets.created("e0-again", "t1", T0.plusSeconds(30), "CSV export times out", "The CSV export times out."));

        assertThat(sorted.readValuesToList()).filteredOn(t -> t.getEventType() == TicketEventType.CREATED)
                .singleElement().satisfies(t -> {
                    assertThat(t.getEventId()).isEqualTo("e0");
                    assertThat(t.getCorrected()).isTrue();
                    assertThat(t.getCounted()).isTrue();
                });
        assertThat(hourly(windows.readValuesToList())).last().satisfies(w -> {
            assertThat(w.getVolume()).isEqualTo(1);
            assertThat(w.getKindMix()).containsEntry("NOISE", 1L);
        });
    }

    @Test
    void shouldCountATicketPerProductThemeAndWindowWithDistinctCustomersAndMixes() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "Export fails with an error after the update."));

        List<ThemeWindow> hourly = hourly(windows.readValuesToList());
        ThemeWindow last = hourly.get(hourly.size() - 1);

        assertThat(last.getTheme()).isEqualTo("csv export times out");
        assertThat(last.getVolume()).isEqualTo(2);
        assertThat(last.getDistinctCustomers()).isEqualTo(2);
        assertThat(last.getKindMix()).containsEntry("BUG", 2L);
        assertThat(last.getTierMix()).containsEntry("L1", 2L);
        assertThat(last.getLevelMix()).containsEntry("build", 2L);
        assertThat(last.getWindowStart()).isEqualTo(T0);
        assertThat(last.getQuotes()).hasSize(2);
    }

    private void correct(String correctionId, String ticketId, Instant at, Correction.Builder change) {
        corrections.pipeInput(ticketId, change.setCorrectionId(correctionId).setTicketId(ticketId).setProduct("ledger").setBy("Ana")
                .setCorrectedAt(at).build(), at);
    }

    private static ThemeWindow lastHourOf(List<ThemeWindow> all, String theme) {
        List<ThemeWindow> of = hourly(all).stream().filter(w -> w.getTheme().equals(theme)).toList();
        return of.get(of.size() - 1);
    }

    @Test
    void shouldMoveACorrectedTicketToItsNewThemeInTheWindowsThatCountedIt() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        windows.readValuesToList();

        correct("c1", "t2", T0.plusSeconds(1800), Correction.newBuilder().setTheme("invoice totals wrong"));
        List<ThemeWindow> after = windows.readValuesToList();

        ThemeWindow csv = lastHourOf(after, "csv export times out");
        assertThat(csv.getVolume()).as("taken back out of the theme it was counted in").isEqualTo(1);
        assertThat(csv.getKindMix()).containsEntry("BUG", 1L);
        assertThat(csv.getQuotes()).containsExactly("The CSV export times out again.");
        ThemeWindow invoices = lastHourOf(after, "invoice totals wrong");
        assertThat(invoices.getVolume()).as("counted in the corrected theme").isEqualTo(1);
        assertThat(invoices.getWindowStart()).as("in the window of its creation, not of the correction").isEqualTo(T0);
        assertThat(invoices.getFirstSeen()).isEqualTo(T0.plusSeconds(120));
        assertThat(invoices.getQuotes()).containsExactly("The CSV export times out since Monday.");
        assertThat(after.stream().filter(w -> w != null && w.getWindow().equals("week")).map(ThemeWindow::getTheme))
                .as("the weekly windows move too").contains("csv export times out", "invoice totals wrong");
    }

    /** Hour windows here take late tickets for 2 h, week windows for a day. */
    @Test
    void shouldMoveACorrectedTicketInTheWeeklyWindowsWhileTheyTakeLateTicketsAfterItsHourIsClosed() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofHours(5)), "Login loop", "After the update I'm sent back to the login page."));
        windows.readValuesToList();

        correct("c1", "t2", T0.plus(Duration.ofHours(5)).plusSeconds(60), Correction.newBuilder().setTheme("invoice totals wrong"));
        List<ThemeWindow> after = windows.readValuesToList();

        assertThat(hourly(after)).as("the hour it was counted in no longer takes late tickets: left as counted").isEmpty();
        assertThat(after).filteredOn(w -> w != null && w.getWindow().equals("week"))
                .extracting(ThemeWindow::getTheme, ThemeWindow::getVolume)
                .as("its week still does: moved there").containsExactly(tuple("invoice totals wrong", 1L), tuple("csv export times out", 1L));
    }

    @Test
    void shouldMoveACorrectedTicketNowhereOnceEveryWindowOfItIsPastItsGrace() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofDays(9)), "Login loop", "After the update I'm sent back to the login page."));
        windows.readValuesToList();

        correct("c1", "t1", T0.plus(Duration.ofDays(9)).plusSeconds(60), Correction.newBuilder().setTheme("invoice totals wrong"));

        assertThat(windows.readValuesToList()).isEmpty();
        assertThat(ticketKept("t1").getTheme()).as("the sorting is corrected all the same").isEqualTo("invoice totals wrong");
    }

    @Test
    void shouldNameACorrectedThemeAsTheProductAlreadySpellsItWhateverTheCaseTyped() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        send(Tickets.created("e3", "t3", T0.plusSeconds(180), "Card arrival", "My replacement card has not arrived yet, when will the card arrive?"));
        String emerging = sorted.readValuesToList().get(2).getTheme();
        windows.readValuesToList();

        correct("c1", "t1", T0.plusSeconds(600), Correction.newBuilder().setTheme("CSV Export Times Out"));
        assertThat(windows.readValuesToList()).as("its own theme in other capitals: nothing moves").isEmpty();
        correct("c2", "t1", T0.plusSeconds(700), Correction.newBuilder().setTheme(" Invoice Totals WRONG "));
        correct("c3", "t2", T0.plusSeconds(800), Correction.newBuilder().setTheme(emerging.toUpperCase(java.util.Locale.ROOT)));

        List<SortedTicket> corrected = sorted.readValuesToList();
        assertThat(corrected).extracting(SortedTicket::getTheme).containsExactly("csv export times out", "invoice totals wrong", emerging);
        assertThat(corrected.get(0).getReasons()).last().asString().endsWith("confirmed as sorted");
        assertThat(corrected.get(1).getReasons()).last().asString().contains("theme 'invoice totals wrong' (was 'csv export times out')");
        assertThat(hourly(windows.readValuesToList())).extracting(ThemeWindow::getTheme)
                .as("one row per theme, in the taxonomy's and the emerging theme's spelling")
                .containsOnly("csv export times out", "invoice totals wrong", emerging);
    }

    @Test
    void shouldNameANewThemeAsTheFirstCorrectionOfTheProductSpelledItWhateverTheCaseTypedNext() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        sorted.readValuesToList();
        windows.readValuesToList();

        correct("c1", "t1", T0.plusSeconds(600), Correction.newBuilder().setTheme("Login Broken"));
        correct("c2", "t2", T0.plusSeconds(700), Correction.newBuilder().setTheme("login broken "));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getTheme).containsExactly("Login Broken", "Login Broken");
        ThemeWindow loginBroken = lastHourOf(windows.readValuesToList(), "Login Broken");
        assertThat(loginBroken.getVolume()).as("one row of two, not two rows of one").isEqualTo(2);
    }

    @Test
    void shouldKeepAQuoteInItsWindowWhileAnotherTicketThereCarriesIt() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e3", "t3", T0.plusSeconds(180), "Export fails", "The CSV export times out since Monday."));
        windows.readValuesToList();

        correct("c1", "t2", T0.plusSeconds(1800), Correction.newBuilder().setTheme("invoice totals wrong"));
        ThemeWindow csv = lastHourOf(windows.readValuesToList(), "csv export times out");
        assertThat(csv.getVolume()).isEqualTo(2);
        assertThat(csv.getQuotes()).as("t1 still says it").contains("The CSV export times out again.", "The CSV export times out since Monday.");

        correct("c2", "t1", T0.plusSeconds(1900), Correction.newBuilder().setTheme("invoice totals wrong"));
        assertThat(lastHourOf(windows.readValuesToList(), "csv export times out").getQuotes()).as("no ticket left says it")
                .containsExactly("The CSV export times out since Monday.");
    }

    @Test
    void shouldMoveACorrectedKindWithinItsThemeAndNotMoveAnythingForAConfirmation() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        windows.readValuesToList();

        correct("c1", "t1", T0.plusSeconds(600), Correction.newBuilder().setKind(TicketKind.BUG));
        assertThat(windows.readValuesToList()).as("a confirmation changes no count").isEmpty();

        correct("c2", "t1", T0.plusSeconds(900), Correction.newBuilder().setKind(TicketKind.NOISE));
        List<ThemeWindow> after = windows.readValuesToList();
        assertThat(after).as("the window is never deleted on the way").isNotEmpty().doesNotContainNull();
        ThemeWindow csv = lastHourOf(after, "csv export times out");
        assertThat(csv.getVolume()).isEqualTo(1);
        assertThat(csv.getKindMix()).containsOnly(java.util.Map.entry("NOISE", 1L));
        assertThat(csv.getLevelMix()).as("noise has no level").isEmpty();
        assertThat(csv.getQuotes()).as("the ticket's words stay quoted").containsExactly("The CSV export times out again.");
    }

    @Test
    void shouldTakeBackTheTierATicketWasCountedUnderAfterItWasRouted() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        send(Tickets.routed("e3", "t2", T0.plusSeconds(300), Tier.L2));
        windows.readValuesToList();

        correct("c1", "t2", T0.plusSeconds(1800), Correction.newBuilder().setTheme("invoice totals wrong"));
        List<ThemeWindow> after = windows.readValuesToList();

        assertThat(lastHourOf(after, "csv export times out").getTierMix()).as("the L1 it was counted under leaves, not its L2 of now")
                .containsOnly(java.util.Map.entry("L1", 1L));
        assertThat(lastHourOf(after, "invoice totals wrong").getTierMix()).containsOnly(java.util.Map.entry("L1", 1L));
    }

    @Test
    void shouldMoveACorrectionOfABackfilledTicketWhoseWindowIsStillOpen() {
        // a backfill: tickets of an hour long past, their windows open in event time
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofMinutes(30)), "Export fails", "The CSV export times out since Monday."));
        windows.readValuesToList();

        // corrected by a person five hours on (the record's time), past the hourly grace of two hours
        correct("c1", "t2", T0.plus(Duration.ofHours(5)), Correction.newBuilder().setTheme("invoice totals wrong"));
        List<ThemeWindow> after = windows.readValuesToList();

        assertThat(after).as("moved, as the windows of that hour still take tickets").isNotEmpty();
        assertThat(lastHourOf(after, "csv export times out").getVolume()).isEqualTo(1);
        assertThat(lastHourOf(after, "invoice totals wrong").getVolume()).isEqualTo(1);
    }

    @Test
    void shouldCountAndTakeBackTheTierATicketCameInAtWhenItsCreationArrivesLate() {
        // the reply, sent on from L2, reaches the pipeline before the creation at L1
        send(TicketEvent.newBuilder(Tickets.created("e0", "t1", T0.plusSeconds(600), "CSV export times out", "Still times out."))
                .setType(TicketEventType.CUSTOMER_REPLIED).setTier(Tier.L2).build());
        send(Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        assertThat(lastHourOf(windows.readValuesToList(), "csv export times out").getTierMix()).as("both came in at L1")
                .containsOnly(java.util.Map.entry("L1", 2L));

        correct("c1", "t1", T0.plusSeconds(1800), Correction.newBuilder().setTheme("invoice totals wrong"));
        List<ThemeWindow> after = windows.readValuesToList();

        assertThat(lastHourOf(after, "csv export times out").getTierMix()).containsOnly(java.util.Map.entry("L1", 1L));
        assertThat(lastHourOf(after, "invoice totals wrong").getTierMix()).containsOnly(java.util.Map.entry("L1", 1L));
    }

    @Test
    void shouldFollowATicketCorrectedTwiceAndLeaveATicketNeverCountedUncounted() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(120), "Export fails", "The CSV export times out since Monday."));
        // first seen after its creation (a reply to a ticket older than the pipeline): sorted, never counted
        TicketEvent reply = Tickets.created("e3", "t3", T0.plusSeconds(180), "Export fails", "The CSV export times out for us too.");
        reply.setType(org.ticketpipeline.schemas.TicketEventType.CUSTOMER_REPLIED);
        send(reply);
        windows.readValuesToList();

        correct("c1", "t3", T0.plusSeconds(1700), Correction.newBuilder().setTheme("invoice totals wrong"));
        assertThat(windows.readValuesToList()).as("nothing was counted, so nothing moves").isEmpty();

        correct("c2", "t2", T0.plusSeconds(1800), Correction.newBuilder().setTheme("invoice totals wrong"));
        correct("c3", "t2", T0.plusSeconds(1900), Correction.newBuilder().setTheme("slow reports"));
        var records = windows.readKeyValuesToList();
        List<ThemeWindow> after = records.stream().map(kv -> kv.value).toList();

        assertThat(lastHourOf(after, "csv export times out").getVolume()).isEqualTo(1);
        assertThat(lastHourOf(after, "slow reports").getVolume()).isEqualTo(1);
        String invoiceHour = ThemeWindowKeys.window("ledger", "hour", T0.toEpochMilli(), "invoice totals wrong");
        assertThat(records).filteredOn(kv -> kv.key.equals(invoiceHour)).last().as("passed through, and gone again")
                .satisfies(kv -> assertThat(kv.value).isNull());
    }

    @Test
    void shouldJudgeTheNextWindowAgainWhenAPastOneChanges() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        send(Tickets.created("e2", "t2", T0.plusSeconds(3660), "Export fails", "The CSV export times out since Monday."));
        assertThat(lastHourOf(windows.readValuesToList(), "csv export times out").getPreviousVolume()).isEqualTo(1);

        send(Tickets.created("e3", "t3", T0.plusSeconds(120), "Export fails", "The CSV export times out, late."));
        List<ThemeWindow> after = hourly(windows.readValuesToList());

        ThemeWindow second = after.get(after.size() - 1);
        assertThat(second.getWindowStart()).as("the hour after the late ticket's, written again").isEqualTo(T0.plusSeconds(3600));
        assertThat(second.getPreviousVolume()).as("judged against the first hour as it is now").isEqualTo(2);
    }

    @Test
    void shouldDeleteAWindowWhoseEveryTicketWasMovedAway() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "The CSV export times out again."));
        windows.readKeyValuesToList();

        correct("c1", "t1", T0.plusSeconds(600), Correction.newBuilder().setTheme("invoice totals wrong"));
        var records = windows.readKeyValuesToList();

        String csvHour = ThemeWindowKeys.window("ledger", "hour", T0.toEpochMilli(), "csv export times out");
        assertThat(records).filteredOn(kv -> kv.key.equals(csvHour)).last()
                .as("a tombstone: the compacted topic and the readers forget the window").satisfies(kv -> assertThat(kv.value).isNull());
    }

    @Test
    void shouldCallAThemeRisingAgainstThePreviousHourAndNewWhenItWasAbsent() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "export times out"));
        for (int i = 0; i < 4; i++) {
            send(Tickets.created("e2" + i, "t2" + i, T0.plus(Duration.ofMinutes(61 + i)), "CSV export times out", "export times out"));
        }

        List<ThemeWindow> hourly = hourly(windows.readValuesToList());

        assertThat(hourly.get(0).getMovement()).isEqualTo(Movement.NEW);
        ThemeWindow secondHour = hourly.get(hourly.size() - 1);
        assertThat(secondHour.getWindowStart()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(secondHour.getPreviousVolume()).isEqualTo(1);
        assertThat(secondHour.getVolume()).isEqualTo(4);
        assertThat(secondHour.getMovement()).isEqualTo(Movement.RISING);
    }

    @Test
    void shouldCallAThemeFadingOnceHalfTheHourHasPassedThoughNoTicketOfItCame() {
        for (int i = 0; i < 10; i++) {
            send(Tickets.created("e1" + i, "t1" + i, T0.plus(Duration.ofMinutes(i)), "CSV export times out", "export times out"));
        }
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofMinutes(65)), "CSV export times out", "export times out"));
        assertThat(secondHourOfExport(windows.readValuesToList())).as("one against ten at minute 5: too early to call")
                .extracting(ThemeWindow::getMovement).containsExactly(Movement.STEADY);

        // time passes, with tickets of another theme only
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofMinutes(100)), "Dark mode", "Please add dark mode"));
        send(Tickets.created("e4", "t4", T0.plus(Duration.ofMinutes(102)), "Dark mode", "Please add dark mode"));

        assertThat(secondHourOfExport(windows.readValuesToList())).as("written again once, when its movement changed")
                .singleElement().satisfies(w -> {
                    assertThat(w.getVolume()).isEqualTo(1);
                    assertThat(w.getPreviousVolume()).isEqualTo(10);
                    assertThat(w.getMovement()).isEqualTo(Movement.FADING);
                });
    }

    @Test
    void shouldCallAThemeFadingWhenTheNextTicketOfItsPartitionComesWindowsLater() {
        for (int i = 0; i < 10; i++) {
            send(Tickets.created("e1" + i, "t1" + i, T0.plus(Duration.ofMinutes(i)), "CSV export times out", "export times out"));
        }
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofMinutes(65)), "CSV export times out", "export times out"));
        windows.readValuesToList();

        // a quiet partition: the next ticket comes when the hour after the fading one is over too
        send(Tickets.created("e3", "t3", T0.plus(Duration.ofMinutes(190)), "Dark mode", "Please add dark mode"));

        assertThat(secondHourOfExport(windows.readValuesToList())).as("judged before it is let go, not left steady")
                .singleElement().satisfies(w -> assertThat(w.getMovement()).isEqualTo(Movement.FADING));
    }

    private static List<ThemeWindow> secondHourOfExport(List<ThemeWindow> all) {
        return hourly(all).stream().filter(w -> w.getTheme().equals("csv export times out") && w.getWindowStart().equals(T0.plus(Duration.ofHours(1))))
                .toList();
    }

    @Test
    void shouldCountALateTicketInsideTheGraceAndDropOneBeyondIt() {
        send(Tickets.created("e1", "t1", T0.plusSeconds(60), "CSV export times out", "export times out"));
        send(Tickets.created("e2", "t2", T0.plus(Duration.ofMinutes(150)), "Dark mode", "Please add dark mode"));
        // 90 minutes after the first hour closed: inside the 2 h grace
        send(Tickets.created("e3", "t3", T0.plusSeconds(120), "CSV export times out", "export times out"));
        send(Tickets.created("e4", "t4", T0.plus(Duration.ofHours(5)), "Dark mode", "Please add dark mode"));
        // 4 hours after the first hour closed: beyond the grace
        send(Tickets.created("e5", "t5", T0.plusSeconds(180), "CSV export times out", "export times out"));

        List<ThemeWindow> firstHourExport = hourly(windows.readValuesToList()).stream()
                .filter(w -> w.getTheme().equals("csv export times out") && w.getWindowStart().equals(T0)).toList();

        assertThat(firstHourExport).extracting(ThemeWindow::getVolume).containsExactly(1L, 2L);
    }

    @Test
    void shouldWindowATicketByWhenItHappenedNotWhenItArrived() {
        TicketEvent lastWeek = Tickets.created("e1", "t1", T0, "CSV export times out", "export times out");
        events.pipeInput(lastWeek.getTicketId(), lastWeek, T0.plus(Duration.ofDays(9)));

        ThemeWindow hour = hourly(windows.readValuesToList()).get(0);

        assertThat(hour.getWindowStart()).isEqualTo(T0);
    }

    @Test
    void shouldStartWeeksOnMonday() {
        Instant thursday = Instant.parse("2026-11-05T10:00:00Z");
        send(Tickets.created("e1", "t1", thursday, "CSV export times out", "export times out"));

        ThemeWindow week = windows.readValuesToList().stream().filter(w -> w.getWindow().equals("week")).findFirst().orElseThrow();

        assertThat(week.getWindowStart()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(week.getWindowEnd()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
    }

    @Test
    void shouldCarryOnPastAnUnreadableRecord() {
        // the dead-letter record itself is checked in DeadLettersTest and, through a real broker, in ClassifierIT:
        // the test driver does not capture records a handler asks to send
        TestInputTopic<String, byte[]> raw = driver.createInputTopic("ticket-events", Serdes.String().serializer(), new ByteArraySerializer());

        raw.pipeInput("t-bad", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8), T0);
        send(Tickets.created("e1", "t1", T0, "Thanks", "Thank you"));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getTicketId).containsExactly("t1");
    }

    @Test
    void shouldKeepTheTopologyNamesPinned() throws IOException {
        String described = topology.describe().toString();
        Path golden = Path.of("src/test/resources/topology.txt");
        if (Boolean.getBoolean("updateTopology")) {
            Files.writeString(golden, described);
        }
        assertThat(golden).as("the pinned topology; write it with -DupdateTopology=true").exists();
        assertThat(described)
                .as("the topology changed: if on purpose, check no store or topic was renamed, then rerun with -DupdateTopology=true")
                .isEqualTo(Files.readString(golden));
        assertThat(storesAndTopicsOf(described)).contains("seen-event-ids-store", "ticket-state-store", "theme-hour-store",
                "theme-week-store", "tickets-by-product-theme-repartition");
    }

    private static String storesAndTopicsOf(String described) {
        return described.lines().filter(l -> l.contains("stores:") || l.contains("topic")).collect(Collectors.joining("\n"));
    }

    private static List<ThemeWindow> hourly(List<ThemeWindow> all) {
        return all.stream().filter(w -> w != null && w.getWindow().equals("hour")).toList();
    }
}
