package org.ticketpipeline.classifier.bench;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.classifier.sorting.ModelSorter;
import org.ticketpipeline.classifier.sorting.Taxonomy;
import org.ticketpipeline.classifier.text.BatchEncoder;
import org.ticketpipeline.classifier.text.SentenceEmbedder;
import org.ticketpipeline.localstack.EmbeddedStack;
import org.ticketpipeline.localstack.TempDirs;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;
import org.ticketpipeline.schemas.topic.TopicProvisioner;

/**
 * The classifier benchmark ({@code ./benchmark}): N synthetic tickets through the real topology on
 * the embedded broker and registry, exactly-once, as the service runs it. Prints tickets/s for a
 * backlog, per-ticket latency percentiles at a steady rate, and where the time goes (sorting and
 * embedding measured alone, on the same tickets).
 */
public final class ClassifierBenchmark {

    static final String USAGE = """
            usage: ./benchmark [--tickets 20000] [--rate 200] [--seconds 10] [--warmup 10000]
                                    a backlog through the topology, then a steady rate for latency
                   ./benchmark --themes 500,20000      what a ticket costs the emerging-theme scan, per number of themes
                   ./benchmark --watch 10000,100000    what a release watch's recompute costs, per number of tickets kept""";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("themes")) {
            ThemeScanBenchmark.run(options.get("themes"));
            return;
        }
        if (options.containsKey("watch")) {
            WatchRecomputeBenchmark.run(options.get("watch"));
            return;
        }
        int backlog = Integer.parseInt(options.getOrDefault("tickets", "20000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        // A service runs for days: its throughput is the one after the JIT has compiled the hot paths
        // (in the first 20-30 s, compiler threads take about a third of the CPU). Warm-up tickets go
        // first in the same backlog and are not counted in the warm figure; the cold figure is printed too.
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        System.out.printf("machine: %d cores, %s %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        components(SyntheticTickets.generate(5000, Instant.now(), 10, 99));

        try (EmbeddedStack stack = EmbeddedStack.start()) {
            TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1, List.of(TopicProvisioner.Spec.of("ticket-events", 3)));
            SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
            Instant start = Instant.now().minus(Duration.ofDays(2));
            List<TicketEvent> tickets = new ArrayList<>(SyntheticTickets.generate(warmup, start.minus(Duration.ofHours(2)),
                    Duration.ofHours(1).toMillis() / Math.max(1, warmup), 3));
            tickets.addAll(SyntheticTickets.generate(backlog, start, Duration.ofDays(1).toMillis() / backlog, 1));
            try (KafkaProducer<String, SpecificRecord> producer = producer(stack, registry)) {
                for (TicketEvent t : tickets) {
                    producer.send(new ProducerRecord<>("ticket-events", null, t.getOccurredAt().toEpochMilli(), t.getTicketId(), t));
                }
                producer.flush();
            }
            System.out.printf("backlog: %d warm-up and %d measured tickets produced to ticket-events%n", warmup, backlog);
            try (KafkaConsumer<byte[], byte[]> sorted = consumer(stack)) {
                long started = System.nanoTime();
                Path stateDir = TempDirs.create("classifier-bench");
                String applicationId = "classifier-bench-" + UUID.randomUUID();
                try (ApplicationContext classifier = classifier(stack, stateDir, applicationId)) {
                    long[] firstOut = {0};
                    long[] warmedAt = {0};
                    int[] count = {0};
                    int seen = drain(sorted, tickets, Duration.ofMinutes(10), (key, at) -> {
                        if (firstOut[0] == 0) {
                            firstOut[0] = System.nanoTime();
                        }
                        if (++count[0] == warmup) {
                            warmedAt[0] = System.nanoTime();
                        }
                    });
                    long done = System.nanoTime();
                    double secs = (done - started) / 1e9;
                    double cold = (done - firstOut[0]) / 1e9;
                    System.out.printf(Locale.ROOT, "backlog, cold: %d tickets sorted and themed in %.1f s from service start (%.0f tickets/s);"
                            + " %.1f s from the first sorted ticket to the last: %.0f tickets/s%n", seen, secs, seen / secs, cold, seen / cold);
                    if (warmup > 0 && seen == warmup + backlog) {
                        double warm = (done - warmedAt[0]) / 1e9;
                        System.out.printf(Locale.ROOT, "backlog, warm: the %d tickets after the %d warm-up ones in %.1f s: %.0f tickets/s%n",
                                backlog, warmup, warm, backlog / warm);
                    }
                    // tickets-sorted is complete before the windows' repartition and stores are: the live phase
                    // waits for the rest of the backlog's work, else its first second of tickets queues behind it
                    // and the percentiles measure the backlog's tail, not a steady stream (BENCHMARKS.md)
                    java.util.OptionalLong caughtUp = caughtUpAt(stack, applicationId, Duration.ofMinutes(2));
                    if (caughtUp.isPresent()) {
                        double tail = (caughtUp.getAsLong() - done) / 1e9;
                        System.out.printf(Locale.ROOT, "backlog, tail: ticket-events and the service's repartition topics consumed and committed"
                                + " %.1f s after the last sorted ticket%s%n", tail, warmup > 0 && seen == warmup + backlog
                                ? String.format(Locale.ROOT, "; warm to that point: %.0f tickets/s", backlog / ((done - warmedAt[0]) / 1e9 + tail)) : "");
                    }

                    List<TicketEvent> live = SyntheticTickets.generate(rate * seconds, Instant.now(), 1000 / rate, 2);
                    Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
                    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
                    Thread reader = new Thread(() -> drain(sorted, live, Duration.ofSeconds(seconds + 60), (key, ignored) -> {
                        Long sent = sentAt.get(key);
                        if (sent != null) {
                            latencies.add(System.currentTimeMillis() - sent);
                        }
                    }), "latency-reader");
                    reader.start();
                    try (KafkaProducer<String, SpecificRecord> producer = producer(stack, registry)) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < live.size(); i++) {
                            long due = t0 + (long) (i * 1e9 / rate);
                            // sleeps rather than spins: a spinning sender would take one of the two cores from the service it measures
                            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            TicketEvent t = live.get(i);
                            sentAt.put(t.getTicketId(), System.currentTimeMillis());
                            producer.send(new ProducerRecord<>("ticket-events", t.getTicketId(), t));
                        }
                        producer.flush();
                    }
                    reader.join();
                    long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                    System.out.printf(Locale.ROOT, "live: %d tickets at %d/s, latency from send to ticket-events until read from tickets-sorted p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                            l.length, rate, pct(l, 50), pct(l, 95), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1]);
                    if (l.length < live.size()) {
                        // the slowest are the ones missing: the percentiles above understate the service's latency
                        System.out.printf(Locale.ROOT, "live: %d of %d tickets not read back within %d s, and not in the percentiles above%n",
                                live.size() - l.length, live.size(), seconds + 60);
                    }
                } finally {
                    // the stores of a 30,000-ticket run take about 25 MB: a benchmark run again and again must not fill the disk
                    TempDirs.deleteQuietly(stateDir);
                }
            }
        }
    }

    /**
     * The options, checked before minutes of work: a known name each, with a value, numbers where numbers go
     * (counts of at least one; no warm-up is allowed). A typo is said, not run as the defaults.
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !List.of("tickets", "rate", "seconds", "warmup", "themes", "watch").contains(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " has no value");
            }
            options.put(name, args[i + 1]);
        }
        for (String name : List.of("tickets", "rate", "seconds", "warmup")) {
            if (options.containsKey(name)) {
                positive(name, options.get(name), name.equals("warmup") ? 0 : 1);
            }
        }
        for (String name : List.of("themes", "watch")) {
            if (options.containsKey(name)) {
                for (String size : options.get(name).split(",")) {
                    positive(name, size.strip(), 1);
                }
            }
        }
        return options;
    }

    private static void positive(String name, String value, int least) {
        try {
            if (Integer.parseInt(value) >= least) {
                return;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number of at least " + least + ", got '" + value + "'");
    }

    private static void components(List<TicketEvent> tickets) {
        Taxonomy taxonomy = Taxonomy.fromClasspath("/taxonomy.yml");
        ModelSorter sorter = new ModelSorter(KindModel.shipped(), () -> taxonomy);
        List<String> texts = tickets.stream().map(t -> t.getSubject() + ". " + t.getBody()).toList();
        texts.subList(0, 500).forEach(sorter::sort);
        long t0 = System.nanoTime();
        long unthemed = texts.stream().filter(text -> sorter.sort(text).theme() == null).count();
        double sortMs = (System.nanoTime() - t0) / 1e6 / texts.size();
        try (BatchEncoder encoder = new BatchEncoder(SentenceEmbedder.Model.MINILM, 32, 1)) {
            texts.subList(0, 200).forEach(encoder::vector);
            t0 = System.nanoTime();
            texts.subList(0, 2000).forEach(encoder::vector);
            double embedMs = (System.nanoTime() - t0) / 1e6 / 2000;
            System.out.printf(Locale.ROOT, "alone, one thread: sorting (model + taxonomy + level) %.3f ms/ticket; embedding (MiniLM, 32 tokens) %.3f ms/ticket,"
                    + " needed for the %.0f%% of tickets no taxonomy theme explains%n", sortMs, embedMs, 100.0 * unthemed / texts.size());
        }
    }

    private interface Sink {
        void accept(String key, long appendTime);
    }

    /**
     * Reads {@code tickets-sorted} until each of the tickets has come once. Counted by ticket: the sorting
     * also sends a ticket again (a bug flagged as it sat at L1 past its age, which every synthetic bug
     * does, as nothing routes it), and those records are not tickets sorted.
     */
    private static int drain(KafkaConsumer<byte[], byte[]> consumer, List<TicketEvent> tickets, Duration timeout, Sink sink) {
        java.util.Set<String> waitingFor = new java.util.HashSet<>(tickets.stream().map(TicketEvent::getTicketId).toList());
        int seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waitingFor.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(10))) {
                String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (waitingFor.remove(key)) {
                    seen++;
                    if (sink != null) {
                        sink.accept(key, r.timestamp());
                    }
                }
            }
        }
        return seen;
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static KafkaProducer<String, SpecificRecord> producer(EmbeddedStack stack, SchemaRegistryClient registry) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new AvroSerializer<>(registry, false));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedStack stack) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("tickets-sorted"));
        return consumer;
    }

    /**
     * When (nanoTime) the service's consumer group had committed, to its end, every partition of the
     * topics it reads that holds records, seen twice in a row; 0 when that did not happen in time. An
     * exactly-once commit can leave its transaction marker after the committed offset, so one offset
     * short of the end is caught up.
     */
    private static java.util.OptionalLong caughtUpAt(EmbeddedStack stack, String applicationId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstCaughtUp = 0;
        int caughtUpChecks = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<String> read = new ArrayList<>(admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).toList());
            read.add("ticket-events");
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(read).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            while (caughtUpChecks < 2 && System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                // a partition with records and no commit yet is not caught up: its task has not committed it once
                boolean caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.get(e.getKey()) != null && e.getValue().offset() - committed.get(e.getKey()).offset() <= 1);
                if (caughtUp && caughtUpChecks++ == 0) {
                    firstCaughtUp = System.nanoTime();
                } else if (!caughtUp) {
                    caughtUpChecks = 0;
                }
                Thread.sleep(50);
            }
        }
        if (caughtUpChecks < 2) {
            System.out.printf("backlog, tail: the service had not caught up after %s; the live figures include the rest of the backlog%n", timeout);
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(firstCaughtUp);
    }

    private static ApplicationContext classifier(EmbeddedStack stack, Path stateDir, String applicationId) {
        return ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "classifier.application-id", applicationId,
                "classifier.state-dir", stateDir.toString(),
                "classifier.stream-threads", Integer.getInteger("streamThreads", 1),
                "classifier.commit-interval", System.getProperty("commitInterval", "100ms"),
                "classifier.embedding-batch-size", Integer.getInteger("batchSize", 64),
                "classifier.embedding-max-tokens", Integer.getInteger("maxTokens", 32)));
    }
}
