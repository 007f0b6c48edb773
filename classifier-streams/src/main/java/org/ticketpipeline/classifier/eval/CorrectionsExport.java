package org.ticketpipeline.classifier.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ticketpipeline.classifier.app.DeadLettersCommand;
import org.ticketpipeline.classifier.app.TopicEnds;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.classifier.sorting.Redactor;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;

/**
 * The corrections people made, as labelled data for {@code ./evaluate sort|cv|train|themes}: every ticket of
 * {@code tickets-sorted} whose latest sorting is corrected, with what a person named in the corrections
 * (on {@code corrections}) the sorting applied: its kind as the label when a correction named a kind or a
 * level, the level and the theme in columns of their own when one named them. A ticket corrected for its
 * theme alone gets no label: the sorter's own kind would score the sorter against itself, so {@code sort},
 * {@code cv} and {@code train} leave the row out, and {@code themes} reads its theme. The words are those the
 * stream sorted: the subject and whole body of the ticket's event on {@code ticket-events}, redacted; a
 * ticket whose event is past that topic's retention has only its quote (the first 280 characters of its
 * body), which teaches less.
 */
final class CorrectionsExport {

    /** How long a topic may give nothing before its read is given up: a big topic takes longer, not a fixed limit. */
    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(2);
    static final String LEVEL_COLUMN = "level";
    static final String THEME_COLUMN = "theme";

    private CorrectionsExport() {
    }

    static void write(Path out, String bootstrap, String registryUrl, String topic, String eventsTopic, String correctionsTopic)
            throws IOException {
        if (bootstrap == null || registryUrl == null) {
            throw new Evaluate.UsageError("export-corrections needs --bootstrap and --registry");
        }
        requireWritable(out);
        try {
            export(out, bootstrap, DeadLettersCommand.registryAnswering(registryUrl, topic), topic, eventsTopic, correctionsTopic);
        } catch (DeadLettersCommand.CannotRun e) {
            throw new Evaluate.CannotRun(e.getMessage(), e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // no broker there (a timeout), or an address the client cannot use: said, not a stack trace
            throw new Evaluate.CannotRun("cannot read from Kafka at " + bootstrap + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")") + "; nothing was written", e);
        }
    }

    /** Said before Kafka is read, which can take minutes: not after. */
    static void requireWritable(Path out) {
        if (Files.isDirectory(out)) {
            throw new Evaluate.UsageError(out + " is a directory: name the CSV file to write");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new Evaluate.UsageError("no directory " + dir + " to write " + out.getFileName() + " in");
        }
        if (!Files.isWritable(dir) || Files.exists(out) && !Files.isWritable(out)) {
            throw new Evaluate.UsageError("cannot write " + out + ": permission denied");
        }
    }

    /** What people named for a ticket, in the corrections its sorting applied. */
    private static final class Named {
        boolean kind;
        String level;
        String theme;
    }

    private static void export(Path out, String bootstrap, SchemaRegistryClient registry, String topic, String eventsTopic, String correctionsTopic)
            throws IOException {
        // the corrected tickets only, as they come: a year of tickets-sorted holds every ticket's sortings
        Map<String, SortedTicket> latest = new LinkedHashMap<>();
        AvroDeserializer<SortedTicket> sorted = new AvroDeserializer<>(registry, SortedTicket.class);
        if (!readAll(bootstrap, topic, r -> {
            SortedTicket ticket = r.value() == null ? null : sorted.deserialize(topic, r.value());
            if (ticket != null && ticket.getCorrected()) {
                latest.put(ticket.getTicketId(), ticket);
            } else if (ticket == null) {
                latest.remove(r.key()); // a tombstone: the ticket is gone
            } else {
                latest.remove(ticket.getTicketId());
            }
        })) {
            throw new Evaluate.UsageError("no topic " + topic + " at " + bootstrap + ": nothing sorted to export");
        }
        Map<String, Named> named = new HashMap<>();
        AvroDeserializer<Correction> corrections = new AvroDeserializer<>(registry, Correction.class);
        boolean correctionsFound = readAll(bootstrap, correctionsTopic, r -> {
            Correction correction = r.value() == null ? null : corrections.deserialize(correctionsTopic, r.value());
            // by the ticket the correction names, not by the record's key, which another producer may have set otherwise
            SortedTicket ticket = correction == null ? null : latest.get(correction.getTicketId());
            if (ticket != null && applied(correction, ticket)) {
                Named what = named.computeIfAbsent(correction.getTicketId(), id -> new Named());
                what.kind |= correction.getKind() != null || correction.getLevel() != null;
                // the newest correction that names one wins, as it did in the sorting
                what.level = correction.getLevel() != null ? correction.getLevel() : what.level;
                what.theme = correction.getTheme() != null ? correction.getTheme() : what.theme;
            }
        });
        if (!correctionsFound && !latest.isEmpty()) {
            // without them what a person named cannot be told from the sorter's own: every row would be left out
            throw new Evaluate.UsageError("no topic " + correctionsTopic + " at " + bootstrap + ": the corrections are read from it to tell what "
                    + "a person named from the sorter's own; name the topic your deployment uses with --corrections-topic");
        }
        latest.keySet().retainAll(named.keySet());

        // only the corrected tickets' events are read as Avro: the topic holds every ticket's
        Map<String, TicketEvent> words = new HashMap<>();
        AvroDeserializer<TicketEvent> events = new AvroDeserializer<>(registry, TicketEvent.class);
        boolean eventsFound = readAll(bootstrap, eventsTopic, r -> {
            if (r.value() != null && latest.containsKey(r.key())) {
                TicketEvent event = events.deserialize(eventsTopic, r.value());
                if (event != null && (event.getSubject() != null || event.getBody() != null)) {
                    // the words the ticket was sorted from: its first creation's (one sent again is not sorted
                    // again), else the first event's that had words
                    TicketEvent before = words.get(r.key());
                    if (before == null || event.getType() == TicketEventType.CREATED && before.getType() != TicketEventType.CREATED) {
                        words.put(r.key(), event);
                    }
                }
            }
        });

        int whole = 0;
        int quoted = 0;
        int themeOnly = 0;
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("title", "body", "label", LabelledText.VOICE_COLUMN,
                     LabelledText.PRODUCT_COLUMN, LEVEL_COLUMN, THEME_COLUMN).get())) {
            for (SortedTicket t : latest.values()) {
                Named what = named.get(t.getTicketId());
                String label = what.kind ? t.getKind().name().toLowerCase(Locale.ROOT).replace('_', '-') : "";
                // a helpdesk's tickets: the customer's model learns from them
                String voice = LabelledText.voiceName(KindModel.Voice.CUSTOMER);
                String level = what.level == null ? "" : what.level;
                String theme = what.theme == null ? "" : what.theme;
                TicketEvent event = words.get(t.getTicketId());
                if (event != null) {
                    // the product too: trained on, the model learns how each product's tickets read
                    csv.printRecord(redacted(event.getSubject()), redacted(event.getBody()), label, voice, t.getProduct(), level, theme);
                    whole++;
                } else if (t.getQuote() != null) {
                    csv.printRecord("", t.getQuote(), label, voice, t.getProduct(), level, theme);
                    quoted++;
                } else {
                    continue;
                }
                themeOnly += what.kind ? 0 : 1;
            }
        }
        System.out.printf("%d corrected tickets written to %s: %d with their subject and whole body from %s, %d with their quote only%s%s%n",
                whole + quoted, out, whole, eventsTopic, quoted, quoted == 0 ? ""
                        : eventsFound ? " (their events are no longer on " + eventsTopic + ")" : " (no topic " + eventsTopic + ")",
                themeOnly == 0 ? "" : "; " + themeOnly + " corrected for their theme alone have no label (their kind is the sorter's own): "
                        + "sort, cv and train leave them out, themes --text body --label theme reads them");
    }

    /**
     * Whether the sorting applied the correction: one put aside (another product's id, an untraced bug) names a
     * kind nobody's sorting took. A ticket keeps the ids of its newest corrections only; one written before it
     * kept any, or with as many as it keeps, cannot tell, and the correction is taken as applied.
     */
    private static boolean applied(Correction correction, SortedTicket ticket) {
        List<String> ids = ticket.getAppliedCorrections();
        return ids.isEmpty() || ids.size() >= org.ticketpipeline.classifier.topology.CorrectedSorting.CORRECTIONS_KEPT
                || ids.contains(correction.getCorrectionId());
    }

    private static String redacted(String text) {
        return text == null ? "" : Redactor.redact(text);
    }

    /**
     * Hands every record of the topic to {@code each} (a tombstone with its null value), up to the end the topic
     * had when the read began; false when there is no such topic. Every partition is assigned by hand: no
     * consumer group, so no wait for a group's first rebalance (3 s on a broker's defaults), which an "until it
     * goes quiet" loop once mistook for an empty topic.
     */
    private static boolean readAll(String bootstrap, String topic, Consumer<ConsumerRecord<String, byte[]>> each) throws IOException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a mistyped topic is said, not made empty by a broker that creates topics when asked
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicEnds.partitionsOf(consumer, topic);
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long quietSince = System.nanoTime();
            while (!TopicEnds.caughtUp(consumer, partitions, ends)) {
                if (System.nanoTime() - quietSince > QUIET_TIMEOUT.toNanos()) {
                    throw new Evaluate.CannotRun("could not read " + topic + " to its end: nothing came from it for " + QUIET_TIMEOUT.toSeconds()
                            + " s; nothing was written", null);
                }
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.key() != null) {
                        each.accept(r);
                    }
                }
            }
            return true;
        }
    }
}
