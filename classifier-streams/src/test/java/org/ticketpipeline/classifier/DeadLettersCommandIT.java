package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.app.DeadLetters;
import org.ticketpipeline.classifier.topology.UnusableEventTime;
import org.ticketpipeline.classifier.app.DeadLettersCommand;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.TopicRecords;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.TopicProvisioner;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/** The dead-letter command through the real broker and registry, and the classifier sorting what it sends back. */
@ExtendWith(KafkaStackExtension.class)
class DeadLettersCommandIT {

    @Test
    void shouldSendBackOnceTheEventsNeverSortedAndKeepTheOthers(KafkaStack stack, @TempDir Path stateDir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        AvroSerializer<TicketEvent> avro = new AvroSerializer<>(registry, false);
        TicketEvent neverSorted = Tickets.created("e1-" + run, "t1-" + run, now, "Card arrival", "My replacement card has not arrived yet.");
        TicketEvent keptAlready = Tickets.created("e2-" + run, "t2-" + run, now, "Card not arrived", "The card has not arrived.");
        TicketEvent neverRead = Tickets.created("e3-" + run, "t3-" + run, now, "Exchange rate", "Which exchange rate applies abroad?");
        TicketEvent yearsAhead = Tickets.created("e4-" + run, "t4-" + run, now.plus(Duration.ofDays(1000)), "Card arrival", "Still no card.");
        TicketEvent otherHelpdesks = TicketEvent.newBuilder(Tickets.created("e5-" + run, "t5-" + run, now, "Card arrival", "No card yet."))
                .setSourceHelpdesk("freshdesk").build();
        // the topics as the services create them at start
        TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1,
                List.of(TopicProvisioner.Spec.of("ticket-events", 3), TopicProvisioner.Spec.deadLetters("ticket-events.dlt"),
                        TopicProvisioner.Spec.deadLetters("corrections.dlt")));
        try (var raw = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(deadLetter(neverSorted.getTicketId(), avro.serialize("ticket-events", neverSorted), "sorting")).get();
            raw.send(deadLetter(keptAlready.getTicketId(), avro.serialize("ticket-events", keptAlready), "after-sorting")).get();
            raw.send(deadLetter(neverRead.getTicketId(), avro.serialize("ticket-events", neverRead), "reading")).get();
            raw.send(deadLetter("poison-" + run, "not avro at all".getBytes(StandardCharsets.UTF_8), null)).get();
            ProducerRecord<String, byte[]> refused = deadLetter(yearsAhead.getTicketId(), avro.serialize("ticket-events", yearsAhead), "before-sorting");
            refused.headers().add(DeadLetters.EXCEPTION, UnusableEventTime.class.getName().getBytes(StandardCharsets.UTF_8));
            raw.send(refused).get();
            ProducerRecord<String, byte[]> sharedId = deadLetter(otherHelpdesks.getTicketId(), avro.serialize("ticket-events", otherHelpdesks), "before-sorting");
            sharedId.headers().add(DeadLetters.EXCEPTION, org.ticketpipeline.classifier.topology.TicketIdOfAnotherHelpdesk.class.getName()
                    .getBytes(StandardCharsets.UTF_8));
            raw.send(sharedId).get();
            ProducerRecord<String, byte[]> correction = new ProducerRecord<>("corrections.dlt", "poison-correction-" + run,
                    "not a correction".getBytes(StandardCharsets.UTF_8));
            correction.headers().add(DeadLetters.REASON, "starts with byte 110".getBytes(StandardCharsets.UTF_8));
            correction.headers().add(DeadLetters.TOPIC, "corrections".getBytes(StandardCharsets.UTF_8));
            correction.headers().add(DeadLetters.STAGE, "reading".getBytes(StandardCharsets.UTF_8));
            correction.headers().add(DeadLetters.PARTITION, "0".getBytes(StandardCharsets.UTF_8));
            correction.headers().add(DeadLetters.OFFSET, ("9" + Math.abs(run.hashCode())).getBytes(StandardCharsets.UTF_8));
            raw.send(correction).get();
            raw.send(correction).get(); // the same record dead-lettered again, as a restoring start does
        }

        String listed = run(false, stack.bootstrapServers(), stack.registryUrl());
        assertThat(listed).contains("event e1-" + run + " of ticket t1-" + run + "  would go back as e1-" + run + "~redrive-")
                .contains("event e2-" + run + " of ticket t2-" + run + "  failed after its sorting: kept")
                .contains("event e3-" + run + " of ticket t3-" + run + "  would go back as e3-" + run + " (failed in reading")
                .contains("key poison-" + run + "  unreadable, not sent back")
                .contains("event e4-" + run + " of ticket t4-" + run + "  its occurredAt " + yearsAhead.getOccurredAt()
                        + " cannot be used: not sent back; send it again, corrected, from its producer")
                .contains("event e5-" + run + " of ticket t5-" + run + "  from freshdesk, whose ticket id another helpdesk's ticket has: not sent back")
                .as("the other dead-letter topics are listed too")
                .contains("key poison-correction-" + run + "  from corrections, failed in reading (reason: starts with byte 110)")
                .containsPattern("\\d+ dead letters in corrections.dlt \\(\\d+ of them written more than once, by starts that read the record"
                        + " again\\): listed only");
        assertThat(listed.split("key poison-correction-" + run, -1)).as("written twice, listed once").hasSize(2);

        assertThatThrownBy(() -> run(true, stack.bootstrapServers(), "http://127.0.0.1:9/no-registry"))
                .as("a registry that does not answer would make every letter look unreadable: the run stops first")
                .isInstanceOf(DeadLettersCommand.CannotRun.class).hasMessageContaining("did not answer");

        String registryHost = java.net.URI.create(stack.registryUrl()).resolve("/").toString();
        assertThatThrownBy(() -> run(true, stack.bootstrapServers(), registryHost))
                .as("the registry's host without its API path answers 404 to everything: every letter would look unreadable and be committed past")
                .isInstanceOf(DeadLettersCommand.CannotRun.class).hasMessageContaining("did not answer as one");

        assertThatThrownBy(() -> run(false, "127.0.0.1", stack.registryUrl()))
                .as("an address without its port, which the Kafka client cannot use, is said in a sentence, not a stack trace")
                .isInstanceOf(DeadLettersCommand.CannotRun.class).hasMessageStartingWith("cannot use Kafka at 127.0.0.1: ");
        assertThat(DeadLettersCommand.usageMistake(new String[] {"list", "--bootstrp", "x"})).isEqualTo("unknown option '--bootstrp' (--bootstrap, --registry, --topic)");
        assertThat(DeadLettersCommand.usageMistake(new String[] {"redrive", "--topic", "a", "--topic", "b"})).isEqualTo("option --topic given twice");
        assertThat(DeadLettersCommand.usageMistake(new String[] {"show"})).isEqualTo("unknown command 'show' (list or redrive)");

        String first = run(true, stack.bootstrapServers(), stack.registryUrl());
        String second = run(true, stack.bootstrapServers(), stack.registryUrl());
        assertThat(first).contains("event e1-" + run + " of ticket t1-" + run + "  sent back as e1-" + run + "~redrive-")
                .contains("event e4-" + run + " of ticket t4-" + run + "  its occurredAt");
        assertThat(first).contains("key poison-" + run + "  unreadable, not sent back; read again by the next redrive");
        // each dead letter goes back once; the one no redrive could read is read again, in case its schema is known by then
        assertThat(second.lines().filter(l -> l.contains(run)).toList()).singleElement().asString()
                .contains("key poison-" + run + "  unreadable, not sent back; read again by the next redrive");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            var commits = admin.listConsumerGroupOffsets(DeadLettersCommand.GROUP).partitionsToOffsetAndMetadata().get();
            assertThat(commits.values()).as("committed past it, naming it").anySatisfy(c -> assertThat(c.metadata()).startsWith("again:"));
        }

        List<TicketEvent> sentBack = TopicRecords.read(stack.bootstrapServers(), "ticket-events",
                        rs -> rs.stream().filter(r -> ticketOf(r).endsWith(run)).count() >= 2, Duration.ofSeconds(30), Duration.ofSeconds(1))
                .stream().filter(r -> ticketOf(r).endsWith(run))
                .map(r -> new AvroDeserializer<>(registry, TicketEvent.class).deserialize("ticket-events", r.value())).toList();
        assertThat(sentBack).extracting(TicketEvent::getTicketId).containsExactlyInAnyOrder("t1-" + run, "t3-" + run);
        assertThat(sentBack).anySatisfy(e -> {
            assertThat(e.getEventId()).startsWith("e1-" + run + "~redrive-");
            assertThat(e.getSubject()).isEqualTo("Card arrival");
        });
        assertThat(sentBack).anySatisfy(e -> assertThat(e.getEventId()).as("never read, so never seen: its own id").isEqualTo("e3-" + run));

        try (ApplicationContext classifier = ClassifierService.start(stack, "classifier-dlt-it-" + UUID.randomUUID(), stateDir)) {
            AvroDeserializer<SortedTicket> sortedReader = new AvroDeserializer<>(registry, SortedTicket.class);
            List<SortedTicket> sorted = TopicRecords.read(stack.bootstrapServers(), "tickets-sorted",
                            rs -> rs.stream().filter(r -> ticketOf(r).endsWith(run)).count() >= 2, Duration.ofSeconds(60), Duration.ofSeconds(1))
                    .stream().filter(r -> ticketOf(r).endsWith(run)).map(r -> sortedReader.deserialize("tickets-sorted", r.value())).toList();
            assertThat(sorted).extracting(SortedTicket::getTicketId).containsExactlyInAnyOrder("t1-" + run, "t3-" + run);
        }
    }

    @Test
    void shouldSendBackToTheTopicTheEventsAreConfiguredOn(KafkaStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "renamed-events-" + run; // pipeline.topics.ticket-events set to another name
        TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1,
                List.of(TopicProvisioner.Spec.of(source, 1), TopicProvisioner.Spec.deadLetters(source + ".dlt")));
        TicketEvent neverSorted = Tickets.created("e1-" + run, "t1-" + run, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "Card arrival", "My replacement card has not arrived yet.");
        try (var raw = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(deadLetter(source, neverSorted.getTicketId(),
                    new AvroSerializer<TicketEvent>(new SchemaRegistryClient(stack.registryUrl()), false).serialize(source, neverSorted), "sorting")).get();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLettersCommand.Summary summary = DeadLettersCommand.run(true, stack.bootstrapServers(), stack.registryUrl(), source,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(summary.sentBack()).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(TopicRecords.read(stack.bootstrapServers(), source, rs -> !rs.isEmpty(), Duration.ofSeconds(30), Duration.ofSeconds(1)))
                .singleElement().satisfies(r -> assertThat(ticketOf(r)).isEqualTo("t1-" + run));
    }

    @Test
    void shouldSayOnceWhatTheTopicsRetentionDeletedBeforeARedriveHandledIt(KafkaStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "expiring-events-" + run;
        TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1,
                List.of(TopicProvisioner.Spec.of(source, 1), TopicProvisioner.Spec.deadLetters(source + ".dlt")));
        AvroSerializer<TicketEvent> avro = new AvroSerializer<>(new SchemaRegistryClient(stack.registryUrl()), false);
        try (var raw = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 1; i <= 3; i++) {
                TicketEvent event = Tickets.created("e" + i + "-" + run, "t" + i + "-" + run, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        "Card arrival", "My replacement card has not arrived yet.");
                raw.send(deadLetter(source, event.getTicketId(), avro.serialize(source, event), "sorting")).get();
            }
        }
        org.apache.kafka.common.TopicPartition letters = new org.apache.kafka.common.TopicPartition(source + ".dlt", 0);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            // the topic as the services create it: its letters kept until deleted by hand
            var topic = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, letters.topic());
            assertThat(admin.describeConfigs(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(topic)
                    .get("retention.ms").value()).isEqualTo("-1");
            // what a week's retention does to a topic created with the broker's default
            admin.deleteRecords(Map.of(letters, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(2))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLettersCommand.Summary listed = DeadLettersCommand.run(false, stack.bootstrapServers(), stack.registryUrl(), source,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(listed.deletedUnread()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(letters.topic() + "-0: 2 dead letters were deleted by the topic's retention "
                + "before a redrive handled them (offsets 0-1); the events among them that were never sorted are lost");
        out.reset();
        DeadLettersCommand.Summary redriven = DeadLettersCommand.run(true, stack.bootstrapServers(), stack.registryUrl(), source,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(redriven.deletedUnread()).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(redriven.sentBack()).as("the letter left").isEqualTo(1);
        assertThat(redriven.complete()).as("nothing a later run could do more").isTrue();
        out.reset();
        DeadLettersCommand.Summary again = DeadLettersCommand.run(true, stack.bootstrapServers(), stack.registryUrl(), source,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(again.deletedUnread()).as("said once: " + out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(again.sentBack()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("deleted by the topic's retention");
    }

    private static ProducerRecord<String, byte[]> deadLetter(String key, byte[] value, String stage) {
        return deadLetter("ticket-events", key, value, stage);
    }

    private static ProducerRecord<String, byte[]> deadLetter(String source, String key, byte[] value, String stage) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(source + ".dlt", key, value);
        record.headers().add(DeadLetters.REASON, "as the classifier would write it".getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetters.TOPIC, source.getBytes(StandardCharsets.UTF_8));
        if (stage != null) {
            record.headers().add(DeadLetters.STAGE, stage.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String run(boolean redrive, String bootstrap, String registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLettersCommand.Summary summary = DeadLettersCommand.run(redrive, bootstrap, registry, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(summary.complete()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String ticketOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
