package org.ticketpipeline.classifier.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/**
 * The dead-letter command ({@code ./dead-letters}): lists what the classifier dead-lettered from
 * {@code ticket-events}, and sends back in the events that were never sorted.
 *
 * <p>A dead-lettered event's id was remembered as seen before it failed, so under its own id it would
 * be dropped as a replay. It goes back under an id made from its place in the dead-letter topic
 * ({@code <id>~redrive-<partition>-<offset>}): sending the same dead letter twice gives the same id,
 * and the replay check drops the second. What was sent back is also committed for the consumer group
 * {@value #GROUP}, so the next run starts after it. Events that failed after their sorting
 * ({@code dlt.stage after-sorting}) were already kept and may have been counted: they are listed,
 * never sent back; nor is what cannot be read.
 */
public final class DeadLettersCommand {

    static final String USAGE = """
            usage: ./dead-letters list    --bootstrap HOST:PORT --registry URL [--topic ticket-events.dlt]
                   ./dead-letters redrive --bootstrap HOST:PORT --registry URL [--topic ticket-events.dlt]
            list: every dead letter, why it is there, and whether redrive would send it back
            redrive: sends back the events never sorted, each once, under a new event id""";

    static final String GROUP = "ticket-pipeline-dead-letters-redrive";
    static final String REDRIVEN_FROM = "dlt.redriven-from";
    private static final String SOURCE = "ticket-events";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private DeadLettersCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (args.length == 0 || !List.of("list", "redrive").contains(args[0])
                || options.get("bootstrap") == null || options.get("registry") == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String topic = options.getOrDefault("topic", SOURCE + ".dlt");
        if (!topic.equals(SOURCE + ".dlt")) {
            System.err.println("only " + SOURCE + ".dlt can be sent back: its records are ticket events\n" + USAGE);
            System.exit(2);
        }
        run(args[0].equals("redrive"), options.get("bootstrap"), options.get("registry"), topic, System.out);
    }

    /** What a run saw. */
    public record Summary(int letters, int redriven, int keptAfterSorting, int unreadable) {
    }

    /** Lists the dead letters, or (redrive) sends back those never sorted and commits past them. */
    public static Summary run(boolean redrive, String bootstrap, String registryUrl, String topic, PrintStream out) {
        SchemaRegistryClient registry = new SchemaRegistryClient(registryUrl);
        AvroDeserializer<TicketEvent> events = new AvroDeserializer<>(registry, TicketEvent.class);
        int letters = 0;
        int redriven = 0;
        int kept = 0;
        int unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, TicketEvent> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new AvroSerializer<>(registry, false))) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // list reads everything; redrive starts where the last run stopped
            Map<TopicPartition, OffsetAndMetadata> committed = redrive ? consumer.committed(new java.util.HashSet<>(partitions)) : Map.of();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata from = committed.get(p);
                if (from == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, from.offset());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    out.printf("stopped reading after %d s without reaching the end of %s; what was read is reported%n",
                            READ_TIMEOUT.toSeconds(), topic);
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // came after this run began: the next run's
                    }
                    letters++;
                    String where = r.topic() + "-" + r.partition() + "@" + r.offset();
                    String stage = header(r, DeadLetters.STAGE);
                    String reason = header(r, DeadLetters.REASON);
                    TicketEvent event = readable(events, r.value());
                    if (event == null) {
                        unreadable++;
                        out.printf("%s  unreadable, not sent back (reason: %s)%n", where, reason);
                    } else if ("after-sorting".equals(stage)) {
                        kept++;
                        out.printf("%s  event %s of ticket %s  failed after its sorting: kept, may be counted, not sent back (reason: %s)%n",
                                where, event.getEventId(), event.getTicketId(), reason);
                    } else {
                        String newId = event.getEventId() + "~redrive-" + r.partition() + "-" + r.offset();
                        if (redrive) {
                            TicketEvent again = TicketEvent.newBuilder(event).setEventId(newId).build();
                            ProducerRecord<String, TicketEvent> record = new ProducerRecord<>(SOURCE, again.getTicketId(), again);
                            record.headers().add(REDRIVEN_FROM, where.getBytes(StandardCharsets.UTF_8));
                            producer.send(record);
                            redriven++;
                        }
                        out.printf("%s  event %s of ticket %s  %s %s (%s; reason: %s)%n", where, event.getEventId(), event.getTicketId(),
                                redrive ? "sent back as" : "would go back as", newId, stage == null ? "never reached the sorting" : "never sorted", reason);
                    }
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
            }
            if (redrive) {
                producer.flush(); // acknowledged by the broker before the dead letters are marked done
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
        }
        Summary summary = new Summary(letters, redriven, kept, unreadable);
        out.printf(Locale.ROOT, "%d dead letters in %s%s: %d %s, %d failed after their sorting (kept), %d unreadable%n",
                letters, topic, redrive ? " since the last redrive" : "", letters - kept - unreadable, redrive ? "sent back" : "can go back",
                kept, unreadable);
        return summary;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> out = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos != null) {
            infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
        }
        return out;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    private static TicketEvent readable(AvroDeserializer<TicketEvent> events, byte[] value) {
        try {
            return value == null ? null : events.deserialize(SOURCE, value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
