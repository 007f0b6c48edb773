package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.app.DeadLetters;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.classifier.topology.CorrectedSorting;
import org.ticketpipeline.classifier.topology.EventBeingLetOut;
import org.ticketpipeline.classifier.topology.SortingTopology;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * A processor after the sorting (the windows, the release watch) fails on a ticket that waited in
 * the sorting's buffer: the dead letter must hold that ticket's event, although Kafka Streams calls
 * the handler with another record in hand, or none at all on a punctuation.
 */
class FailureAfterSortingTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String FAILS_ON = "t2";

    @TempDir
    Path stateDir;

    private final List<CompletableFuture<float[]>> answers = new CopyOnWriteArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TicketEvent> events;
    private TestOutputTopic<String, SortedTicket> sorted;
    private Topics topics;

    /** Never answers by itself: the test completes each embedding when it wants the ticket let out. */
    private final TextVectors lateEncoder = new TextVectors() {
        @Override
        public float[] vector(String text) {
            return FakeSorting.vectors().vector(text);
        }

        @Override
        public CompletableFuture<float[]> vectorLater(String text) {
            CompletableFuture<float[]> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }
    };

    /** Stands for a processor after the sorting that cannot handle one ticket. */
    private static final class FailsOnOneTicket implements Processor<String, SortedTicket, Void, Void> {
        @Override
        public void init(ProcessorContext<Void, Void> context) {
        }

        @Override
        public void process(Record<String, SortedTicket> record) {
            if (record.value().getTicketId().equals(FAILS_ON)) {
                throw new IllegalStateException("cannot count ticket " + FAILS_ON);
            }
        }
    }

    /** Stands for a processor after a correction is applied (the windows' moves) that cannot handle one ticket's. */
    private static final class FailsOnOneCorrection implements Processor<String, CorrectedSorting, Void, Void> {
        @Override
        public void init(ProcessorContext<Void, Void> context) {
        }

        @Override
        public void process(Record<String, CorrectedSorting> record) {
            if (record.value().after().getTicketId().equals(FAILS_ON)) {
                throw new IllegalStateException("cannot move ticket " + FAILS_ON);
            }
        }
    }

    @BeforeEach
    void setUp() {
        start(RecordingDeadLetters.class);
    }

    private void start(Class<? extends ProcessingExceptionHandler> handler) {
        InMemoryRegistry registry = new InMemoryRegistry();
        topics = new Topics(TopicNames.DEFAULTS, registry);
        StreamsBuilder builder = new StreamsBuilder();
        SortingTopology.Sorted out = SortingTopology.addTo(builder, topics, FakeSorting.sorter(), lateEncoder,
                AvroSerde.forValues(registry, ThemeCluster.class),
                new SortingTopology.Settings(Duration.ofDays(7), Duration.ofHours(24), 0.5, 8, Duration.ofMillis(50), Duration.ofMinutes(15)), 1);
        out.tickets().process(FailsOnOneTicket::new, Named.as("count-after-sorting"));
        out.corrections().process(FailsOnOneCorrection::new, Named.as("move-after-correcting"));

        Properties props = RecordingDeadLetters.driverProperties(stateDir);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, handler);
        RecordingDeadLetters.SENT.clear();
        StoppingHandler.SEEN.clear();
        answers.clear();
        driver = new TopologyTestDriver(builder.build(), props);
        events = driver.createInputTopic("ticket-events", Serdes.String().serializer(), topics.ticketEvents().valueSerde().serializer());
        sorted = driver.createOutputTopic("tickets-sorted", Serdes.String().deserializer(), topics.ticketsSorted().valueSerde().deserializer());
        corrections = driver.createInputTopic("corrections", Serdes.String().serializer(), topics.corrections().valueSerde().serializer());
    }

    private TestInputTopic<String, Correction> corrections;

    /** A handler that stops the task, as Kafka Streams' default one does. */
    public static final class StoppingHandler implements ProcessingExceptionHandler {
        static final List<Exception> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            SEEN.add(exception);
            return Response.fail();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** Two tickets no taxonomy theme explains, waiting for their embeddings. */
    private void sendTwoWaitingTickets() {
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet."));
        send(Tickets.created("e2", FAILS_ON, T0.plusSeconds(10), "Card not arrived", "The card has not arrived."));
        assertThat(answers).hasSize(2);
        answers.forEach(a -> a.complete(FakeSorting.vectors().vector("card arrived")));
    }

    private void send(TicketEvent event) {
        events.pipeInput(event.getTicketId(), event, event.getOccurredAt());
    }

    @Test
    void shouldDeadLetterTheTicketLetOutNotTheRecordInHand() {
        sendTwoWaitingTickets();

        send(Tickets.created("e3", "t3", T0.plusSeconds(20), "Login loop", "After the update I'm sent back to the login page."));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e1", "e2", "e3");
        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(this::isTheEventOfTicketT2);
        assertThat(EventBeingLetOut.failedAfterSorting(new IllegalStateException("later"))).as("cleared once let out").isEmpty();
    }

    @Test
    void shouldStopTheTaskWithoutADeadLetterWhenTheHandlerSaysFail() {
        driver.close();
        start(StoppingHandler.class);
        sendTwoWaitingTickets();

        assertThatThrownBy(() -> driver.advanceWallClockTime(Duration.ofMillis(60))).isInstanceOf(StreamsException.class);
        assertThat(StoppingHandler.SEEN).as("asked once, at the processor that failed, not again as a failed sorting").singleElement()
                .satisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("cannot count ticket " + FAILS_ON));
        assertThat(EventBeingLetOut.failedAfterSorting(new IllegalStateException("later"))).isEmpty();
    }

    @Test
    void shouldDeadLetterTheTicketLetOutOnThePunctuationInsteadOfOnlyLoggingIt() {
        sendTwoWaitingTickets();

        driver.advanceWallClockTime(Duration.ofMillis(60));

        assertThat(sorted.readValuesToList()).extracting(SortedTicket::getEventId).containsExactly("e1", "e2");
        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(this::isTheEventOfTicketT2);
    }

    /** A correction held while its ticket waited, applied on a punctuation, and a processor after it fails. */
    @Test
    void shouldDeadLetterAHeldCorrectionThatFailsAfterItIsAppliedInsteadOfOnlyLoggingIt() {
        send(Tickets.created("e1", "t1", T0, "Card arrival", "My replacement card has not arrived yet."));
        send(Tickets.created("e2", FAILS_ON, T0.plusSeconds(10), "Card not arrived", "The card has not arrived."));
        corrections.pipeInput(FAILS_ON, Correction.newBuilder().setCorrectionId("c2").setTicketId(FAILS_ON).setProduct("ledger")
                .setKind(org.ticketpipeline.schemas.TicketKind.NOISE).setBy("Ana").setCorrectedAt(T0.plusSeconds(60)).build(), T0.plusSeconds(60));
        answers.forEach(a -> a.complete(FakeSorting.vectors().vector("card arrived")));
        driver.advanceWallClockTime(Duration.ofMillis(60));
        RecordingDeadLetters.SENT.clear(); // t2's own event failed after its sorting, as above

        driver.advanceWallClockTime(Duration.ofMillis(200));

        assertThat(RecordingDeadLetters.SENT).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("corrections.dlt");
            assertThat(topics.corrections().valueSerde().deserializer().deserialize("corrections", dead.value()).getCorrectionId()).isEqualTo("c2");
            assertThat(header(dead, DeadLetters.PROCESSOR)).isEqualTo("move-after-correcting");
            assertThat(header(dead, DeadLetters.REASON)).contains("cannot move ticket " + FAILS_ON);
        });
        try (var held = driver.getKeyValueStore("held-corrections-store").all()) {
            assertThat(held.hasNext()).as("applied, and not applied again").isFalse();
        }
    }

    private void isTheEventOfTicketT2(ProducerRecord<byte[], byte[]> dead) {
        assertThat(dead.topic()).isEqualTo("ticket-events.dlt");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(FAILS_ON);
        assertThat(topics.ticketEvents().valueSerde().deserializer().deserialize("ticket-events", dead.value()).getEventId()).isEqualTo("e2");
        assertThat(header(dead, DeadLetters.PROCESSOR)).isEqualTo("count-after-sorting");
        assertThat(header(dead, DeadLetters.STAGE)).isEqualTo("after-sorting");
        assertThat(header(dead, DeadLetters.REASON)).contains("e2").contains("cannot count ticket " + FAILS_ON);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
