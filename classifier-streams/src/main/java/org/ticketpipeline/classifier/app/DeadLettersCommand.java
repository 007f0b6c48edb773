package org.ticketpipeline.classifier.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ticketpipeline.classifier.topology.BufferedEventFailed;
import org.ticketpipeline.classifier.topology.UnusableEventTime;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/**
 * The dead-letter command ({@code ./dead-letters}): lists what the classifier dead-lettered from
 * {@code ticket-events}, and sends back in the events that were never sorted.
 *
 * <p>An event that failed in or before the sorting had its id remembered as seen by the replay check,
 * so under its own id it would be dropped as a replay. It goes back under an id made from its place
 * in the dead-letter topic ({@code <id>~redrive-<partition>-<offset>}): sending the same dead letter
 * twice gives the same id, and the replay check drops the second (within its retention,
 * {@code classifier.dedupe-retention}). An event that could not be read never reached the replay check
 * and goes back under its own id, so a replay among them is still dropped. Events that failed after
 * their sorting ({@code dlt.stage after-sorting}) were kept and may have been counted: they are
 * listed, never sent back; nor is what cannot be read now.
 *
 * <p>What was sent back, and acknowledged by the broker, is committed for the consumer group
 * {@value #GROUP}, so the next run starts after it.
 */
public final class DeadLettersCommand {

    static final String USAGE = """
            usage: ./dead-letters list    --bootstrap HOST:PORT --registry URL [--topic ticket-events]
                   ./dead-letters redrive --bootstrap HOST:PORT --registry URL [--topic ticket-events]
            list: every dead letter of <topic>.dlt, why it is there, and what redrive does with it;
                  then those of every other .dlt topic, listed only
            redrive: sends back to <topic> the events never sorted, each once
            --topic: the ticket events' topic (pipeline.topics.ticket-events); by default
                     $PIPELINE_TOPICS_TICKET_EVENTS, else ticket-events""";

    public static final String GROUP = "ticket-pipeline-dead-letters-redrive";
    static final String REDRIVEN_FROM = "dlt.redriven-from";
    static final String DEFAULT_SOURCE = "ticket-events";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int KAFKA_TIMEOUT_MS = 15_000;

    private DeadLettersCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        boolean wellFormed = args.length % 2 == 1 && List.of("list", "redrive").contains(args[0]);
        for (int i = 1; wellFormed && i + 1 < args.length; i += 2) {
            wellFormed = List.of("--bootstrap", "--registry", "--topic").contains(args[i]) && options.put(args[i].substring(2), args[i + 1]) == null;
        }
        String wrong = !wellFormed ? usageMistake(args)
                : !options.containsKey("bootstrap") || !options.containsKey("registry") ? "--bootstrap and --registry are both needed" : null;
        if (wrong != null) {
            System.err.println(wrong + "\n" + USAGE);
            System.exit(2);
        }
        try {
            String env = System.getenv("PIPELINE_TOPICS_TICKET_EVENTS");
            String source = options.getOrDefault("topic", env == null || env.isBlank() ? DEFAULT_SOURCE : env);
            Summary summary = run(args[0].equals("redrive"), options.get("bootstrap"), options.get("registry"), source, System.out);
            System.exit(summary.complete() ? 0 : 1);
        } catch (CannotRun e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** What is wrong with a command line that is not {@code list|redrive} and pairs of known options, said in a sentence. */
    public static String usageMistake(String[] args) {
        if (args.length == 0) {
            return "no command given";
        }
        if (!List.of("list", "redrive").contains(args[0])) {
            return "unknown command '" + args[0] + "' (list or redrive)";
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!List.of("--bootstrap", "--registry", "--topic").contains(args[i])) {
                return "unknown option '" + args[i] + "' (--bootstrap, --registry, --topic)";
            }
            if (i + 1 == args.length) {
                return "option " + args[i] + " has no value";
            }
            if (!seen.add(args[i])) {
                return "option " + args[i] + " given twice";
            }
        }
        return "the command line cannot be read";
    }

    /**
     * What a run saw; {@code complete} when it read to the end and every event it sent back was acknowledged.
     * {@code deletedUnread}: letters the topic's retention deleted before a redrive handled them (said, but no
     * run can do more about them, so they do not make a run incomplete).
     */
    public record Summary(int letters, int sentBack, int keptAfterSorting, int unreadable, int timeToFix, int failedToSend,
                          int deletedUnread, boolean readToEnd) {
        public boolean complete() {
            return readToEnd && failedToSend == 0;
        }
    }

    /** The run cannot go on (Kafka or the registry does not answer); nothing was committed. */
    public static final class CannotRun extends RuntimeException {
        CannotRun(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Sent(TopicPartition partition, long offset, Future<RecordMetadata> ack) {
    }

    /** Lists the dead letters, or (redrive) sends back those never sorted and commits past them. */
    public static Summary run(boolean redrive, String bootstrap, String registryUrl, PrintStream out) {
        return run(redrive, bootstrap, registryUrl, DEFAULT_SOURCE, out);
    }

    /** As {@link #run(boolean, String, String, PrintStream)}, for ticket events on the topic {@code source} (letters on {@code source.dlt}). */
    public static Summary run(boolean redrive, String bootstrap, String registryUrl, String source, PrintStream out) {
        String dlt = source + ".dlt";
        SchemaRegistryClient registry = registryAnswering(registryUrl, source);
        AvroDeserializer<TicketEvent> events = new AvroDeserializer<>(registry, TicketEvent.class);
        int letters = 0;
        int sentBack = 0;
        int kept = 0;
        int timeToFix = 0;
        int unreadable = 0;
        boolean readToEnd = true;
        List<Sent> sent = new ArrayList<>();
        Map<TopicPartition, Long> handledUpTo = new HashMap<>();
        // letters a redrive could not read, per partition: committed past, but named in the commit, so the next
        // redrive reads them again (their schema may be known by then) rather than never
        Map<TopicPartition, TreeSet<Long>> stillUnreadable = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // letters deleted by retention since the last run: start at the oldest left, not at the end
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KAFKA_TIMEOUT_MS), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, TicketEvent> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_TIMEOUT_MS), new StringSerializer(), new AvroSerializer<>(registry, false))) {
            List<TopicPartition> partitions = TopicEnds.partitionsOf(consumer, dlt);
            if (partitions.isEmpty()) {
                out.printf("no topic %s on %s: nothing was dead-lettered%n", dlt, bootstrap);
                return new Summary(0, 0, 0, 0, 0, 0, 0, !redrive ? listTheOtherTopics(consumer, out, source) : true);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, SortedSet<Long>> skippedBefore = new HashMap<>();
            Map<TopicPartition, Long> firstLeft = consumer.beginningOffsets(partitions);
            int deleted = sayWhatRetentionDeleted(firstLeft, committed, out);
            for (TopicPartition p : partitions) {
                OffsetAndMetadata from = committed.get(p);
                skippedBefore.put(p, unreadableIn(from));
                // list reads everything, and says what an earlier redrive handled; redrive starts after it, or at
                // the first letter it could not read
                if (redrive && from != null) {
                    consumer.seek(p, skippedBefore.get(p).isEmpty() ? from.offset() : Math.min(skippedBefore.get(p).first(), from.offset()));
                } else {
                    consumer.seekToBeginning(List.of(p));
                }
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!TopicEnds.caughtUp(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    out.printf("stopped reading after %d s without reaching the end of %s; what was read is reported%n",
                            READ_TIMEOUT.toSeconds(), dlt);
                    readToEnd = false;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(p)) {
                        continue; // came after this run began: the next run's
                    }
                    boolean skipped = skippedBefore.get(p).contains(r.offset());
                    if (redrive && committed.get(p) != null && r.offset() < committed.get(p).offset() && !skipped) {
                        continue; // handled by an earlier redrive: read again only for the unreadable ones among them
                    }
                    letters++;
                    String where = r.topic() + "-" + r.partition() + "@" + r.offset();
                    String reason = header(r, DeadLetters.REASON);
                    String stage = stageOf(r);
                    TicketEvent event = readable(events, r.value(), registryUrl, source);
                    boolean handledBefore = !redrive && committed.get(p) != null && r.offset() < committed.get(p).offset() && !skipped;
                    if (event == null) {
                        unreadable++;
                        stillUnreadable.computeIfAbsent(p, k -> new TreeSet<>()).add(r.offset());
                        out.printf("%s  key %s  unreadable, not sent back%s (reason: %s)%n", where, keyOf(r),
                                redrive ? "; read again by the next redrive" : "", reason);
                    } else if (ofAnotherHelpdesksTicket(r)) {
                        // sent back as it is, it would be put aside again: only its producer can give it an id of its own
                        timeToFix++;
                        out.printf("%s  event %s of ticket %s  from %s, whose ticket id another helpdesk's ticket has: not sent back; send it "
                                + "again under an id of its own from its producer (reason: %s)%n", where, event.getEventId(), event.getTicketId(),
                                event.getSourceHelpdesk(), reason);
                    } else if (refusedForItsTime(r)) {
                        // sent back as it is, it would be refused again: its producer has to send it with a usable time
                        timeToFix++;
                        out.printf("%s  event %s of ticket %s  its occurredAt %s cannot be used: not sent back; send it again, corrected, "
                                + "from its producer (reason: %s)%n", where, event.getEventId(), event.getTicketId(), event.getOccurredAt(), reason);
                    } else if (stage.equals(BufferedEventFailed.Stage.AFTER_SORTING.header())) {
                        kept++;
                        out.printf("%s  event %s of ticket %s  failed after its sorting: kept, may be counted, not sent back (reason: %s)%n",
                                where, event.getEventId(), event.getTicketId(), reason);
                    } else {
                        // one that was never read was never seen, and keeps its id; the others were seen
                        String id = stage.equals(DeadLetters.READING) ? event.getEventId() : event.getEventId() + "~redrive-" + r.partition() + "-" + r.offset();
                        if (redrive) {
                            TicketEvent again = TicketEvent.newBuilder(event).setEventId(id).build();
                            ProducerRecord<String, TicketEvent> record = new ProducerRecord<>(source, again.getTicketId(), again);
                            record.headers().add(REDRIVEN_FROM, where.getBytes(StandardCharsets.UTF_8));
                            sent.add(new Sent(p, r.offset(), producer.send(record)));
                            sentBack++;
                        }
                        out.printf("%s  event %s of ticket %s  %s %s (failed in %s; reason: %s)%n", where, event.getEventId(), event.getTicketId(),
                                redrive ? "sent back as" : handledBefore ? "already sent back by an earlier redrive as" : "would go back as",
                                id, stage, reason);
                    }
                    handledUpTo.merge(p, r.offset() + 1, Math::max);
                }
            }
            if (redrive) {
                // named letters this run did not reach (it stopped at the read limit) stay named for the next, unless
                // retention deleted them
                skippedBefore.forEach((p, named) -> named.stream()
                        .filter(o -> o >= handledUpTo.getOrDefault(p, Long.MIN_VALUE) && o >= firstLeft.get(p))
                        .forEach(o -> stillUnreadable.computeIfAbsent(p, k -> new TreeSet<>()).add(o)));
                // what retention deleted was said once: the commit moves past it, so the next run does not say it again
                if (deleted > 0) {
                    firstLeft.entrySet().stream().filter(e -> e.getValue() > 0).forEach(e -> handledUpTo.merge(e.getKey(), e.getValue(), Math::max));
                }
            }
            int failed = redrive ? commitWhatWasAcknowledged(consumer, producer, sent, handledUpTo, stillUnreadable, committed, out) : 0;
            Summary summary = new Summary(letters, sentBack - failed, kept, unreadable, timeToFix, failed, deleted, readToEnd);
            out.printf(Locale.ROOT, "%d dead letters in %s%s: %d %s, %d failed after their sorting (kept), %d unreadable, "
                            + "%d with a time or ticket id to correct at their producer%s%n",
                    letters, dlt, redrive ? " since the last redrive" : "", letters - kept - unreadable - timeToFix,
                    redrive ? "sent back" : "for redrive (or sent back before)", kept, unreadable, timeToFix,
                    failed > 0 ? "; " + failed + " could not be sent and stay for the next run" : "");
            if (!redrive && !listTheOtherTopics(consumer, out, source)) {
                return new Summary(letters, 0, kept, unreadable, timeToFix, 0, deleted, false);
            }
            return summary;
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            // writing an event back registers its schema: the registry, not Kafka, is what failed
            throw new CannotRun("the schema registry at " + registryUrl + " did not take the schema of " + source + ": " + e.getMessage()
                    + "; nothing was committed: the events sent before it go again with the next redrive, and are counted once", e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CannotRun("Kafka at " + bootstrap + " did not answer within " + KAFKA_TIMEOUT_MS / 1000 + " s: " + e.getMessage()
                    + "; nothing was committed", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // a bootstrap address the client cannot use (no port, a URL), or a refusal: said, not a stack trace
            throw new CannotRun("cannot use Kafka at " + bootstrap + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")") + "; nothing was committed", e);
        }
    }

    /**
     * Says, per partition, how many letters the topic's retention deleted before a redrive handled them: those
     * below the first offset left and at or past the last redrive's commit, and those a redrive named to read
     * again. On a topic created with the broker's default retention (a week), a redrive run later than that
     * would otherwise start at the oldest letter left and never say that events were lost. Returns how many.
     */
    static int sayWhatRetentionDeleted(Map<TopicPartition, Long> firstLeft, Map<TopicPartition, OffsetAndMetadata> committed, PrintStream out) {
        int total = 0;
        for (Map.Entry<TopicPartition, Long> e : firstLeft.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(TopicPartition::partition))).toList()) {
            TopicPartition p = e.getKey();
            long first = e.getValue();
            OffsetAndMetadata commit = committed.get(p);
            long handledBefore = commit == null ? 0 : commit.offset();
            long neverHandled = Math.max(0, first - handledBefore);
            long namedAgain = unreadableIn(commit).headSet(Math.min(first, handledBefore)).size();
            if (neverHandled + namedAgain == 0) {
                continue;
            }
            long n = neverHandled + namedAgain;
            total += (int) Math.min(Integer.MAX_VALUE, n);
            out.printf(Locale.ROOT, "%s-%d: %s deleted by the topic's retention before a redrive handled %s%s%s; "
                            + "the events among them that were never sorted are lost unless their producer sends them again "
                            + "(kafka-configs --alter --add-config retention.ms=-1 keeps the letters until deleted by hand)%n",
                    p.topic(), p.partition(), n == 1 ? "1 dead letter was" : n + " dead letters were", n == 1 ? "it" : "them",
                    neverHandled > 0 ? " (offsets " + handledBefore + "-" + (first - 1) + ")" : "",
                    namedAgain > 0 ? (neverHandled > 0 ? ", and " : " (") + namedAgain + " an earlier redrive could not read or send"
                            + (neverHandled > 0 ? "" : ")") : "");
        }
        return total;
    }

    /**
     * Waits for every send; commits, per partition, up to the first dead letter whose send failed (or
     * all that was read), so what failed is read again next time. Returns how many sends failed.
     */
    private static int commitWhatWasAcknowledged(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<String, TicketEvent> producer,
                                                 List<Sent> sent, Map<TopicPartition, Long> handledUpTo,
                                                 Map<TopicPartition, TreeSet<Long>> unreadable,
                                                 Map<TopicPartition, OffsetAndMetadata> committed, PrintStream out) {
        producer.flush();
        Map<TopicPartition, Long> upTo = new HashMap<>(handledUpTo);
        int failed = 0;
        for (Sent s : sent) {
            try {
                s.ack().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CannotRun("interrupted while sending back; nothing was committed", e);
            } catch (ExecutionException e) {
                failed++;
                long from = committed.get(s.partition()) == null ? 0 : committed.get(s.partition()).offset();
                if (s.offset() < from) {
                    // a letter read again below the last commit: named to be read again, as an unreadable one is
                    unreadable.computeIfAbsent(s.partition(), k -> new TreeSet<>()).add(s.offset());
                } else {
                    upTo.merge(s.partition(), s.offset(), Math::min);
                }
                out.printf("%s-%d@%d  could not be sent back: %s%n", s.partition().topic(), s.partition().partition(), s.offset(), e.getCause());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        upTo.forEach((p, offset) -> {
            // never behind what an earlier redrive committed: this one may have read only its unreadable letters
            long from = committed.get(p) == null ? 0 : committed.get(p).offset();
            TreeSet<Long> left = unreadable.getOrDefault(p, new TreeSet<>());
            long at = Math.max(offset, from);
            // never behind: going back would send again every letter after the first named one
            Named named = named(left);
            if (named.left() > 0) {
                out.printf("%s-%d: %d letters not read or sent are more than a commit can name; later redrives will not read them again "
                        + "(./dead-letters list shows them), the first %d they will%n", p.topic(), p.partition(), named.left(), left.size() - named.left());
            }
            commit.put(p, new OffsetAndMetadata(at, named.metadata()));
        });
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
        return failed;
    }

    /** How a redrive's commit names the letters it could not read or send, in its metadata: "again:c,3" for 12 and 15. */
    static final String UNREADABLE = "again:";
    /** A commit's metadata stays under the broker's default cap (offset.metadata.max.bytes, 4096). */
    static final int MAX_METADATA = 3_000;

    /** A commit's metadata naming offsets, and how many of them did not fit. */
    record Named(String metadata, int left) {
    }

    /**
     * The offsets as a commit names them: the first, then each one's distance from the one before, in base 36
     * ("again:a2,2,2,5"): letters put aside together sit a few offsets apart, so about a thousand fit. Those
     * past {@link #MAX_METADATA} are left out, and counted.
     */
    static Named named(SortedSet<Long> offsets) {
        if (offsets.isEmpty()) {
            return new Named("", 0);
        }
        StringBuilder out = new StringBuilder(UNREADABLE);
        long previous = 0;
        int written = 0;
        for (long offset : offsets) {
            String next = (written == 0 ? "" : ",") + Long.toString(offset - previous, 36);
            if (out.length() + next.length() > MAX_METADATA) {
                break;
            }
            out.append(next);
            previous = offset;
            written++;
        }
        return new Named(out.toString(), offsets.size() - written);
    }

    /** The offsets a redrive's commit names as not read or sent; none for a commit without them. */
    static SortedSet<Long> unreadableIn(OffsetAndMetadata committed) {
        SortedSet<Long> out = new TreeSet<>();
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(UNREADABLE)) {
            return out;
        }
        long offset = 0;
        for (String step : committed.metadata().substring(UNREADABLE.length()).split(",")) {
            if (!step.isBlank()) {
                offset += Long.parseLong(step.strip(), 36);
                out.add(offset);
            }
        }
        return out;
    }

    /**
     * The registry, once it has answered as one: a registry that does not would make every letter look
     * unreadable, and a redrive would commit past them. Asked for its subjects, which only a registry
     * answers with a list: a 404 alone proves nothing, as any HTTP server (the registry's host without
     * its API path, a service's port) answers one.
     */
    public static SchemaRegistryClient registryAnswering(String url, String source) {
        try {
            SchemaRegistryClient registry = new SchemaRegistryClient(url);
            registry.subjects();
            return registry;
        } catch (IllegalArgumentException e) {
            throw new CannotRun("'" + url + "' is not a schema registry URL: " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new CannotRun("the schema registry at " + url + " did not answer as one: " + e.getMessage() + "; nothing was read", e);
        }
    }

    /** Refused because its occurredAt cannot be used (years ahead of its record, or in epoch seconds). */
    private static boolean ofAnotherHelpdesksTicket(ConsumerRecord<?, ?> record) {
        return org.ticketpipeline.classifier.topology.TicketIdOfAnotherHelpdesk.class.getName()
                .equals(header(record, DeadLetters.EXCEPTION));
    }

    private static boolean refusedForItsTime(ConsumerRecord<?, ?> record) {
        return UnusableEventTime.class.getName().equals(header(record, DeadLetters.EXCEPTION));
    }

    /** The letter's stage; letters written before stages were recorded are told apart by their exception. */
    private static String stageOf(ConsumerRecord<?, ?> record) {
        String stage = header(record, DeadLetters.STAGE);
        if (stage != null) {
            return stage;
        }
        String exception = header(record, DeadLetters.EXCEPTION);
        return exception != null && exception.endsWith("SerializationException") ? DeadLetters.READING : DeadLetters.BEFORE_SORTING;
    }


    /**
     * {@code list} also shows every other dead-letter topic on the cluster (corrections, releases, the
     * windows' entries, the reading service's tables), each letter with its reason: they are listed
     * only, as what to do differs (a correction or release is sent again through the API once fixed).
     * Reads from the start without a group, so nothing is committed. Returns false when a topic could
     * not be read to its end in time.
     */
    private static boolean listTheOtherTopics(KafkaConsumer<byte[], byte[]> consumer, PrintStream out, String source) {
        List<String> topics = consumer.listTopics().keySet().stream().filter(t -> t.endsWith(".dlt") && !t.equals(source + ".dlt")).sorted().toList();
        boolean readToEnd = true;
        for (String topic : topics) {
            List<TopicPartition> partitions = TopicEnds.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int letters = 0;
            // a table's unreadable record is written again each time a start restores the table: listed once
            Map<String, Integer> timesWritten = new HashMap<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!TopicEnds.caughtUp(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    out.printf("stopped reading after %d s without reaching the end of %s%n", READ_TIMEOUT.toSeconds(), topic);
                    readToEnd = false;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    String origin = header(r, DeadLetters.OFFSET) == null ? r.topic() + "-" + r.partition() + "@" + r.offset()
                            : header(r, DeadLetters.TOPIC) + "-" + header(r, DeadLetters.PARTITION) + "@" + header(r, DeadLetters.OFFSET);
                    if (timesWritten.merge(origin, 1, Integer::sum) == 1) {
                        letters++;
                        out.printf("%s-%d@%d  key %s  from %s, %s (reason: %s)%n", r.topic(), r.partition(), r.offset(), keyOf(r),
                                header(r, DeadLetters.TOPIC), header(r, DeadLetters.STAGE) == null ? "failed in processing"
                                        : "failed in " + header(r, DeadLetters.STAGE), header(r, DeadLetters.REASON));
                    }
                }
            }
            long again = timesWritten.values().stream().filter(n -> n > 1).count();
            out.printf("%d dead letters in %s%s: listed only; redrive sends back those of %s alone%n", letters, topic,
                    again == 0 ? "" : " (" + again + " of them written more than once, by starts that read the record again)", source);
        }
        return readToEnd;
    }


    /** The event, or null when its bytes cannot be read as one; a registry that stops answering stops the run. */
    private static TicketEvent readable(AvroDeserializer<TicketEvent> events, byte[] value, String registryUrl, String source) {
        try {
            return value == null ? null : events.deserialize(source, value);
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException registryError && registryError.status() != 404) {
                throw new CannotRun("the schema registry at " + registryUrl + " stopped answering: " + registryError.getMessage()
                        + "; nothing was committed", e);
            }
            return null;
        }
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "(none)" : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
