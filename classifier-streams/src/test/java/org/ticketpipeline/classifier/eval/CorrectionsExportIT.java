package org.ticketpipeline.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.Tickets;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;
import org.ticketpipeline.schemas.topic.TopicProvisioner;

/** The corrections exported as labelled data, read from the real broker and registry. */
@ExtendWith(KafkaStackExtension.class)
class CorrectionsExportIT {

    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldExportTheTicketsWhoseKindAPersonNamedWithTheWordsTheStreamSorted(KafkaStack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sortedTopic = "sorted-" + run;
        String eventsTopic = "events-" + run;
        String correctionsTopic = "corrections-" + run;
        TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1, List.of(TopicProvisioner.Spec.of(sortedTopic, 1),
                TopicProvisioner.Spec.of(eventsTopic, 1), TopicProvisioner.Spec.of(correctionsTopic, 1)));
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new AvroSerializer<>(registry, false))) {
            TicketEvent kindNamed = Tickets.created("e1", "t1", AT, "Where is my invoice", "Where can I find my invoice? Write to ana.lopez@example.com");
            TicketEvent themeOnly = Tickets.created("e2", "t2", AT, "Export fails", "The export fails with an error.");
            producer.send(new ProducerRecord<>(eventsTopic, "t1", kindNamed)).get();
            producer.send(new ProducerRecord<>(eventsTopic, "t2", themeOnly)).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t1", sorted("t1", TicketKind.NOISE, true))).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t2", sorted("t2", TicketKind.BUG, true))).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t3", sorted("t3", TicketKind.BUG, false))).get();
            // t4: a kind correction put aside (another product), then a theme correction applied: the kind is the sorter's
            producer.send(new ProducerRecord<>(eventsTopic, "t4", Tickets.created("e4", "t4", AT, "Login loop", "Sent back to the login page."))).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t4", SortedTicket.newBuilder(sorted("t4", TicketKind.BUG, true))
                    .setAppliedCorrections(List.of("c-t4-theme")).build())).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "t4", correction("t4").setProduct("roster").setKind(TicketKind.NOISE).build())).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "t4", correction("t4").setCorrectionId("c-t4-theme").setTheme("login").build())).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "t1", correction("t1").setKind(TicketKind.NOISE).build())).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "t2", correction("t2").setTheme("export errors").build())).get();
            // t5: corrected, then sorted again uncorrected (its latest sorting is what counts)
            producer.send(new ProducerRecord<>(sortedTopic, "t5", sorted("t5", TicketKind.BUG, true))).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "t5", correction("t5").setKind(TicketKind.BUG).setLevel("build").build())).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t5", sorted("t5", TicketKind.NOISE, false))).get();
            // t6: a level named, by a producer that keyed its correction otherwise: read by the ticket it names
            producer.send(new ProducerRecord<>(eventsTopic, "t6", Tickets.created("e6", "t6", AT, "Totals wrong", "The totals are off by one."))).get();
            producer.send(new ProducerRecord<>(sortedTopic, "t6", SortedTicket.newBuilder(sorted("t6", TicketKind.BUG, true)).setLevel("build").build())).get();
            producer.send(new ProducerRecord<>(correctionsTopic, "ledger", correction("t6").setKind(TicketKind.BUG).setLevel("build").build())).get();
        }
        Path out = dir.resolve("corrections.csv");
        assertThatThrownBy(() -> CorrectionsExport.write(dir.resolve("no-such-dir").resolve("c.csv"), stack.bootstrapServers(), stack.registryUrl(),
                sortedTopic, eventsTopic, correctionsTopic)).isInstanceOf(Evaluate.UsageError.class).hasMessageStartingWith("no directory ");
        assertThatThrownBy(() -> CorrectionsExport.write(dir, stack.bootstrapServers(), stack.registryUrl(), sortedTopic, eventsTopic,
                correctionsTopic)).isInstanceOf(Evaluate.UsageError.class).hasMessageEndingWith("is a directory: name the CSV file to write");
        assertThatThrownBy(() -> CorrectionsExport.write(out, "127.0.0.1", stack.registryUrl(), sortedTopic, eventsTopic,
                correctionsTopic)).isInstanceOf(Evaluate.CannotRun.class).hasMessageStartingWith("cannot read from Kafka at 127.0.0.1: ");
        assertThatThrownBy(() -> CorrectionsExport.write(out, stack.bootstrapServers(), java.net.URI.create(stack.registryUrl()).resolve("/").toString(),
                sortedTopic, eventsTopic, correctionsTopic)).isInstanceOf(Evaluate.CannotRun.class).hasMessageContaining("did not answer as one");
        assertThatThrownBy(() -> CorrectionsExport.write(out, stack.bootstrapServers(), stack.registryUrl(), sortedTopic, eventsTopic,
                "corrections-missing-" + run)).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageStartingWith("no topic corrections-missing-" + run + " at ").hasMessageContaining("--corrections-topic");
        assertThat(out).as("nothing written when it cannot run").doesNotExist();

        CorrectionsExport.write(out, stack.bootstrapServers(), stack.registryUrl(), sortedTopic, eventsTopic, correctionsTopic);

        List<LabelledText> rows = LabelledText.readWithVoices(out);
        assertThat(rows).as("t2's kind is the sorter's own (its theme alone was corrected), t4's too (its kind correction was put "
                        + "aside); t3 was never corrected, t5's latest sorting is not").hasSize(2);
        assertThat(rows.get(0)).satisfies(row -> {
            assertThat(row.title()).isEqualTo("Where is my invoice");
            assertThat(row.body()).isEqualTo("Where can I find my invoice? Write to [email]");
            assertThat(row.label()).isEqualTo("noise");
            assertThat(row.product()).as("trained on, the model learns how the product's tickets read").isEqualTo("ledger");
        });
        assertThat(rows.get(1).title()).isEqualTo("Totals wrong");
        assertThat(rows.get(1).label()).isEqualTo("bug");

        List<java.util.Map<String, String>> all = new java.util.ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(java.nio.file.Files.newBufferedReader(out))) {
            parser.forEach(r -> all.add(r.toMap()));
        }
        assertThat(all).as("every corrected ticket with what a person named: the kind as the label, the level, the theme")
                .extracting(r -> r.get("title") + " | " + r.get("label") + " | " + r.get("level") + " | " + r.get("theme"))
                .containsExactly("Where is my invoice | noise |  | ", "Export fails |  |  | export errors", "Login loop |  |  | login",
                        "Totals wrong | bug | build | ");
        assertThat(LabelledText.read(out, null, "body", "theme")).as("the themes mode reads the themes people named")
                .extracting(LabelledText::label).containsExactly("export errors", "login");
    }

    private static SortedTicket sorted(String ticketId, TicketKind kind, boolean corrected) {
        return SortedTicket.newBuilder().setTicketId(ticketId).setEventId("e-" + ticketId).setEventType(TicketEventType.CREATED)
                .setOccurredAt(AT).setProduct("ledger").setKind(kind).setTheme("export errors").setCorrected(corrected)
                .setQuote("the quote").build();
    }

    private static Correction.Builder correction(String ticketId) {
        return Correction.newBuilder().setCorrectionId("c-" + ticketId).setTicketId(ticketId).setProduct("ledger").setBy("Ana").setCorrectedAt(AT);
    }
}
