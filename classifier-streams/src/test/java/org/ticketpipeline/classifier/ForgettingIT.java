package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.app.DeadLetters;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.TopicRecords;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/**
 * Tickets and emerging themes gone quiet are forgotten through the real broker: the store's changelog
 * gets the deletions, and a correction for a forgotten ticket is dead-lettered saying why. An
 * application and topics of its own: the quiet are looked for once an hour of a task's event time,
 * so another test's ticket of today read first would put the next look an hour past this test's
 * tickets (as it did once in CI).
 */
@ExtendWith(KafkaStackExtension.class)
class ForgettingIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String APPLICATION_ID = "classifier-forgetting-it-" + RUN;
    private static final String EVENTS = "ticket-events-forgetting-" + RUN;
    private static final String SORTED = "tickets-sorted-forgetting-" + RUN;
    private static final String CORRECTIONS = "corrections-forgetting-" + RUN;
    private static KafkaStack stack;
    private static ApplicationContext context;
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start(KafkaStack kafkaStack) {
        stack = kafkaStack;
        context = ClassifierService.start(stack, APPLICATION_ID, stateDir, Map.of(
                "pipeline.topics.ticket-events", EVENTS,
                "pipeline.topics.tickets-sorted", SORTED,
                "pipeline.topics.corrections", CORRECTIONS,
                "pipeline.topics.releases", "releases-forgetting-" + RUN,
                "pipeline.topics.release-watch", "release-watch-forgetting-" + RUN,
                "pipeline.topics.theme-windows", "theme-windows-forgetting-" + RUN,
                // a correction of a forgotten ticket is put aside once it has waited this long for the ticket
                "classifier.correction-wait", "2s"));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldForgetATicketAndItsThemeWithNoEventForTheirRetention() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String product = "quiet-" + run;
        String oldTicket = "t-old-" + run;
        String newTicket = "t-new-" + run;
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(registry, false))) {
            // a ticket of 100 days ago (a backlog's), with words no taxonomy theme explains: it starts an emerging theme
            TicketEvent old = Tickets.created("e-old-" + run, oldTicket, now.minus(Duration.ofDays(100)),
                    "Card arrival", "My replacement card has not arrived yet, when will the card arrive?");
            old.setProduct(product);
            producer.send(new ProducerRecord<>(EVENTS, oldTicket, old)).get();
            TopicRecords.read(stack.bootstrapServers(), SORTED, rs -> rs.stream().anyMatch(r -> key(r).equals(oldTicket)),
                    Duration.ofSeconds(60), Duration.ZERO);
            TicketEvent fresh = Tickets.created("e-new-" + run, newTicket, now, "Exchange rate",
                    "Which exchange rate applies to foreign currency payments abroad?");
            fresh.setProduct(product);
            producer.send(new ProducerRecord<>(EVENTS, newTicket, fresh)).get();
            TopicRecords.read(stack.bootstrapServers(), SORTED, rs -> rs.stream().anyMatch(r -> key(r).equals(newTicket)),
                    Duration.ofSeconds(60), Duration.ZERO);

            // the old ticket's deletion reaches the changelog within a slice (a second) and a commit
            String changelog = APPLICATION_ID + "-ticket-state-store-changelog";
            assertThat(TopicRecords.read(stack.bootstrapServers(), changelog,
                    rs -> rs.stream().anyMatch(r -> key(r).equals(oldTicket) && r.value() == null), Duration.ofSeconds(30), Duration.ZERO))
                    .as("a tombstone for the ticket with no event for 100 days")
                    .anySatisfy(r -> assertThat(key(r).equals(oldTicket) && r.value() == null).isTrue())
                    .noneSatisfy(r -> assertThat(key(r).equals(newTicket) && r.value() == null).isTrue());
            assertThat(TopicRecords.read(stack.bootstrapServers(), APPLICATION_ID + "-theme-clusters-store-changelog",
                    rs -> rs.stream().anyMatch(r -> key(r).startsWith(product + "|") && r.value() == null), Duration.ofSeconds(30), Duration.ZERO))
                    .as("a tombstone for the emerging theme of one ticket with none for 100 days")
                    .filteredOn(r -> key(r).startsWith(product + "|") && r.value() == null).singleElement()
                    .satisfies(r -> assertThat(key(r)).isEqualTo(product + "|0"));

            for (String ticketId : new String[] {oldTicket, newTicket}) {
                producer.send(new ProducerRecord<>(CORRECTIONS, ticketId, Correction.newBuilder().setCorrectionId("c-" + ticketId)
                        .setTicketId(ticketId).setProduct(product).setKind(TicketKind.NOISE).setBy("Ana").setCorrectedAt(now).build())).get();
            }
        }

        // held for its ticket first, then put aside as itself: keyed by its ticket, as on the corrections topic
        ConsumerRecord<byte[], byte[]> letter = TopicRecords.read(stack.bootstrapServers(), CORRECTIONS + ".dlt",
                        rs -> rs.stream().anyMatch(r -> key(r).equals(oldTicket)), Duration.ofSeconds(30), Duration.ofSeconds(1))
                .stream().filter(r -> key(r).equals(oldTicket)).findFirst().orElseThrow();
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("no ticket " + oldTicket).contains("a ticket with no event for 90 days is forgotten");
        assertThat(new AvroDeserializer<>(registry, Correction.class).deserialize(CORRECTIONS, letter.value()).getTicketId())
                .as("the correction itself, to send again").isEqualTo(oldTicket);
        AvroDeserializer<SortedTicket> sortedReader = new AvroDeserializer<>(registry, SortedTicket.class);
        assertThat(TopicRecords.read(stack.bootstrapServers(), SORTED,
                        rs -> rs.stream().anyMatch(r -> key(r).equals(newTicket) && sortedReader.deserialize(SORTED, r.value()).getCorrected()),
                        Duration.ofSeconds(30), Duration.ZERO))
                .as("the ticket with a recent event is kept, and corrected")
                .anySatisfy(r -> assertThat(key(r).equals(newTicket) && sortedReader.deserialize(SORTED, r.value()).getCorrected()).isTrue());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
