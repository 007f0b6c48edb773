package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.app.ClassifierStreams;
import org.ticketpipeline.classifier.app.DeadLetters;
import org.ticketpipeline.classifier.topology.UnusableEventTime;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.TopicRecords;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.SortingCause;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/** The classifier through the real broker and registry, exactly-once, with a poison record in the way. */
@ExtendWith(KafkaStackExtension.class)
class ClassifierIT {

    private static KafkaStack stack;
    private static ApplicationContext context;
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        context = ClassifierService.start(stack, "classifier-it-" + UUID.randomUUID(), stateDir);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldSortTicketsAndWindowThemesThroughTheBrokerAndDeadLetterAPoisonRecord() throws Exception {
        assertThat(context.getBean(ClassifierStreams.class).state().name()).isIn("RUNNING", "REBALANCING", "CREATED");
        // the hour's start: both tickets (5 s apart) in one hour window whatever the clock says
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(registry, false));
             var raw = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("ticket-events", "poison-" + run, "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>("corrections", "poison-correction-" + run, "not a correction".getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>("releases", "poison-release-" + run, "not a release".getBytes(StandardCharsets.UTF_8))).get();
            TicketEvent first = Tickets.created("e1-" + run, "t1-" + run, now, "CSV export times out", "The CSV export times out after the update.");
            producer.send(new ProducerRecord<>("ticket-events", first.getTicketId(), first)).get();
            producer.send(new ProducerRecord<>("ticket-events", first.getTicketId(), first)).get(); // a replay
            TicketEvent second = Tickets.created("e2-" + run, "t2-" + run, now.plusSeconds(5), "Export fails", "CSV export fails again since the release.");
            producer.send(new ProducerRecord<>("ticket-events", second.getTicketId(), second)).get();
            // a ticket of a product the shipped model learnt (a repository of the issue data) is read with it
            TicketEvent vscode = TicketEvent.newBuilder(Tickets.created("e3-" + run, "vscode-" + run + "-t3", now.plusSeconds(10),
                    "Terminal links do not open", "Ctrl+click on a URL in the integrated terminal does nothing.")).setProduct("microsoft/vscode").build();
            producer.send(new ProducerRecord<>("ticket-events", vscode.getTicketId(), vscode)).get();
        }

        AvroDeserializer<SortedTicket> sortedReader = new AvroDeserializer<>(registry, SortedTicket.class);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> sortedRecords = TopicRecords.read(stack.bootstrapServers(), "tickets-sorted",
                        rs -> rs.stream().filter(r -> key(r).endsWith(run)).count() >= 2, Duration.ofSeconds(60), Duration.ofSeconds(2))
                .stream().filter(r -> key(r).endsWith(run)).toList();
        // stamped when the broker wrote them, not at their events' times: retention counts from when they were written
        assertThat(sortedRecords).allSatisfy(r -> assertThat(r.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME));
        // each ticket's latest sorting kept for a year, not the broker's week: the corrections export reads it
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            var topic = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "tickets-sorted");
            var config = admin.describeConfigs(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
            assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(365).toMillis()));
            // a dead letter is often the only copy left of an event never sorted: kept until deleted by hand
            var letters = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "ticket-events.dlt");
            assertThat(admin.describeConfigs(List.of(letters)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(letters)
                    .get("retention.ms").value()).isEqualTo("-1");
        }
        List<SortedTicket> sorted = sortedRecords.stream().map(r -> sortedReader.deserialize("tickets-sorted", r.value())).toList();
        SortedTicket ofALearntProduct = TopicRecords.read(stack.bootstrapServers(), "tickets-sorted",
                        rs -> rs.stream().anyMatch(r -> key(r).equals("vscode-" + run + "-t3")), Duration.ofSeconds(60), Duration.ZERO)
                .stream().filter(r -> key(r).equals("vscode-" + run + "-t3")).map(r -> sortedReader.deserialize("tickets-sorted", r.value()))
                .findFirst().orElseThrow();
        assertThat(ofALearntProduct.getReasons()).anySatisfy(r -> assertThat(r).startsWith("model: ")
                .endsWith(", with what it learnt of microsoft/vscode's tickets"));
        assertThat(sorted).allSatisfy(t -> assertThat(t.getReasons()).noneSatisfy(r -> assertThat(r).contains("what it learnt of")));
        assertThat(sorted).extracting(SortedTicket::getEventId).containsExactlyInAnyOrder("e1-" + run, "e2-" + run);
        assertThat(sorted).allSatisfy(t -> {
            assertThat(t.getKind()).isEqualTo(TicketKind.BUG);
            assertThat(t.getTheme()).isEqualTo("csv export times out");
        });

        AvroDeserializer<ThemeWindow> windowReader = new AvroDeserializer<>(registry, ThemeWindow.class);
        String hourKey = "ledger|hour|" + now.truncatedTo(ChronoUnit.HOURS).toEpochMilli() + "|csv export times out";
        List<ThemeWindow> windows = TopicRecords.read(stack.bootstrapServers(), "theme-windows",
                        rs -> rs.stream().anyMatch(r -> key(r).equals(hourKey) && windowReader.deserialize("theme-windows", r.value()).getVolume() >= 2),
                        Duration.ofSeconds(60), Duration.ZERO)
                .stream().filter(r -> key(r).equals(hourKey)).map(r -> windowReader.deserialize("theme-windows", r.value())).toList();
        assertThat(windows.get(windows.size() - 1).getVolume()).isEqualTo(2);

        // a person moves the second ticket to another theme: its windows follow, across the repartition topic
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(registry, false))) {
            producer.send(new ProducerRecord<>("corrections", "t2-" + run, Correction.newBuilder().setCorrectionId("c1-" + run)
                    .setTicketId("t2-" + run).setProduct("ledger").setTheme("invoice totals wrong " + run).setBy("Ana")
                    .setCorrectedAt(Instant.now()).build())).get();
        }
        String movedKey = "ledger|hour|" + now.truncatedTo(ChronoUnit.HOURS).toEpochMilli() + "|invoice totals wrong " + run;
        List<ConsumerRecord<byte[], byte[]>> afterCorrection = TopicRecords.read(stack.bootstrapServers(), "theme-windows",
                rs -> rs.stream().anyMatch(r -> key(r).equals(movedKey)), Duration.ofSeconds(60), Duration.ofSeconds(1));
        ThemeWindow moved = afterCorrection.stream().filter(r -> key(r).equals(movedKey)).reduce((a, b) -> b)
                .map(r -> windowReader.deserialize("theme-windows", r.value())).orElseThrow();
        ThemeWindow left = afterCorrection.stream().filter(r -> key(r).equals(hourKey)).reduce((a, b) -> b)
                .map(r -> windowReader.deserialize("theme-windows", r.value())).orElseThrow();
        assertThat(moved.getVolume()).isEqualTo(1);
        assertThat(moved.getFirstSeen()).isEqualTo(now.plusSeconds(5));
        assertThat(left.getVolume()).as("taken back out of the theme that counted it").isEqualTo(1);

        // a correction sent as its ticket is created, and read first (events and corrections come by different topics):
        // held for the ticket, then applied, not dead-lettered
        String early = "t4-" + run;
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(registry, false))) {
            producer.send(new ProducerRecord<>("corrections", early, Correction.newBuilder().setCorrectionId("c4-" + run).setTicketId(early)
                    .setProduct("ledger").setKind(TicketKind.NOISE).setBy("Ana").setCorrectedAt(Instant.now()).build())).get();
            Thread.sleep(3_000); // read and met by then (a commit every 100 ms): the ticket is not
            TicketEvent created = Tickets.created("e4-" + run, early, now.plusSeconds(20), "Export fails", "The CSV export fails.");
            producer.send(new ProducerRecord<>("ticket-events", early, created)).get();
        }
        SortedTicket corrected = TopicRecords.read(stack.bootstrapServers(), "tickets-sorted",
                        rs -> rs.stream().anyMatch(r -> key(r).equals(early) && sortedReader.deserialize("tickets-sorted", r.value()).getCorrected()),
                        Duration.ofSeconds(60), Duration.ZERO)
                .stream().filter(r -> key(r).equals(early)).map(r -> sortedReader.deserialize("tickets-sorted", r.value()))
                .filter(SortedTicket::getCorrected).findFirst().orElseThrow();
        assertThat(corrected.getKind()).isEqualTo(TicketKind.NOISE);

        List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.read(stack.bootstrapServers(), "ticket-events.dlt",
                rs -> rs.stream().anyMatch(r -> key(r).equals("poison-" + run)), Duration.ofSeconds(30), Duration.ZERO);
        ConsumerRecord<byte[], byte[]> poison = dead.stream().filter(r -> key(r).equals("poison-" + run)).findFirst().orElseThrow();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(new String(poison.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)).contains("magic byte");
        assertThat(new String(poison.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8)).isEqualTo("ticket-events");
        for (String source : List.of("corrections", "releases")) {
            String poisonKey = "poison-" + source.replaceFirst("s$", "") + "-" + run;
            ConsumerRecord<byte[], byte[]> letter = TopicRecords.read(stack.bootstrapServers(), source + ".dlt",
                            rs -> rs.stream().anyMatch(r -> key(r).equals(poisonKey)), Duration.ofSeconds(30), Duration.ZERO)
                    .stream().filter(r -> key(r).equals(poisonKey)).findFirst().orElseThrow();
            assertThat(new String(letter.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8)).isEqualTo(source);
        }
        assertThat(context.getBean(ClassifierStreams.class).state().name()).as("the unreadable release stopped nothing")
                .isIn("RUNNING", "REBALANCING");
    }

    @Test
    void shouldFlagABugParkedAtL1WithNoEventOfItsOwnAndDeadLetterAnEventDatedYearsAhead() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String product = "parked-" + run;
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(registry, false))) {
            // written straight to the topic, with the record's own timestamp (now) and a date three years on
            TicketEvent ahead = Tickets.created("e-ahead-" + run, "t-ahead-" + run, now.plus(Duration.ofDays(3 * 365)),
                    "CSV export times out", "The CSV export times out.");
            ahead.setProduct(product);
            producer.send(new ProducerRecord<>("ticket-events", ahead.getTicketId(), ahead)).get();
            // not past its age yet when it comes, whichever test ran first in this task: past it with the later ticket
            TicketEvent parked = Tickets.created("e-parked-" + run, "t-parked-" + run, now.minus(Duration.ofHours(24)).plusSeconds(30),
                    "CSV export times out", "The CSV export times out after the update.");
            parked.setProduct(product);
            producer.send(new ProducerRecord<>("ticket-events", parked.getTicketId(), parked)).get();
            // sorted before the later ticket comes: sent together, they could reach the sorting in either order
            TopicRecords.read(stack.bootstrapServers(), "tickets-sorted", rs -> rs.stream().anyMatch(r -> key(r).equals(parked.getTicketId())),
                    Duration.ofSeconds(60), Duration.ZERO);
            TicketEvent later = Tickets.created("e-later-" + run, "t-later-" + run, now.plus(Duration.ofMinutes(2)),
                    "Export fails", "CSV export fails again since the release.");
            later.setProduct(product);
            producer.send(new ProducerRecord<>("ticket-events", later.getTicketId(), later)).get();
        }

        AvroDeserializer<SortedTicket> sortedReader = new AvroDeserializer<>(registry, SortedTicket.class);
        String parkedKey = "t-parked-" + run;
        List<SortedTicket> parkedRecords = TopicRecords.read(stack.bootstrapServers(), "tickets-sorted",
                        rs -> rs.stream().filter(r -> key(r).equals(parkedKey)).count() >= 2, Duration.ofSeconds(60), Duration.ofSeconds(1))
                .stream().filter(r -> key(r).equals(parkedKey)).map(r -> sortedReader.deserialize("tickets-sorted", r.value())).toList();
        assertThat(parkedRecords).extracting(SortedTicket::getCause).containsExactly(SortingCause.EVENT, SortingCause.AGE);
        assertThat(parkedRecords.get(1).getMisroutedReason()).isEqualTo("bug at L1 more than 24 h after it came in");

        AvroDeserializer<ThemeWindow> windowReader = new AvroDeserializer<>(registry, ThemeWindow.class);
        String laterHour = product + "|hour|" + now.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.HOURS).toEpochMilli()
                + "|csv export times out";
        assertThat(TopicRecords.read(stack.bootstrapServers(), "theme-windows", rs -> rs.stream().anyMatch(r -> key(r).equals(laterHour)),
                Duration.ofSeconds(60), Duration.ZERO)).as("the ticket after the far-dated one was not dropped as late")
                .anySatisfy(r -> assertThat(key(r)).isEqualTo(laterHour));

        ConsumerRecord<byte[], byte[]> letter = TopicRecords.read(stack.bootstrapServers(), "ticket-events.dlt",
                        rs -> rs.stream().anyMatch(r -> key(r).equals("t-ahead-" + run)), Duration.ofSeconds(30), Duration.ZERO)
                .stream().filter(r -> key(r).equals("t-ahead-" + run)).findFirst().orElseThrow();
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("after its record was written").contains("more than 30 min");
        assertThat(new String(letter.headers().lastHeader(DeadLetters.EXCEPTION).value(), StandardCharsets.UTF_8))
                .as("what ./dead-letters redrive knows it by").isEqualTo(UnusableEventTime.class.getName());
        assertThat(new AvroDeserializer<>(registry, TicketEvent.class).deserialize("ticket-events", letter.value()).getEventId())
                .as("the event itself, to fix and send again").isEqualTo("e-ahead-" + run);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
