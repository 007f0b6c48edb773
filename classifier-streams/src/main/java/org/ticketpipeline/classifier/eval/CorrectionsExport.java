package org.ticketpipeline.classifier.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ticketpipeline.classifier.app.TopicEnds;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;

/**
 * The corrections people made, as labelled data for {@code ./evaluate sort|cv|train}: every ticket of
 * {@code tickets-sorted} whose latest sorting is corrected, with its redacted words and corrected kind.
 */
final class CorrectionsExport {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private CorrectionsExport() {
    }

    static void write(Path out, String bootstrap, String registryUrl, String topic) throws IOException {
        if (bootstrap == null || registryUrl == null) {
            throw new Evaluate.UsageError("export-corrections needs --bootstrap and --registry");
        }
        Map<String, SortedTicket> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, SortedTicket> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000), new StringDeserializer(),
                new AvroDeserializer<>(new SchemaRegistryClient(registryUrl), SortedTicket.class))) {
            // every partition assigned by hand and read to the end it had when we started: no consumer
            // group, so no wait for a group's first rebalance (3 s on a broker's defaults), which an
            // "until it goes quiet" loop mistook for an empty topic
            List<TopicPartition> partitions = TopicEnds.partitionsOf(consumer, topic);
            if (partitions.isEmpty()) {
                throw new Evaluate.UsageError("no topic " + topic + " at " + bootstrap + ": nothing sorted to export");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!TopicEnds.caughtUp(consumer, partitions, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, SortedTicket> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.value() != null) {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        int rows = 0;
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("title", "body", "label", LabelledText.VOICE_COLUMN).get())) {
            for (SortedTicket t : latest.values()) {
                if (t.getCorrected() && t.getQuote() != null) {
                    // a helpdesk's tickets: the customer's model learns from them
                    csv.printRecord("", t.getQuote(), t.getKind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            LabelledText.voiceName(KindModel.Voice.CUSTOMER));
                    rows++;
                }
            }
        }
        System.out.printf("%d corrected tickets of %d written to %s%n", rows, latest.size(), out);
    }
}
