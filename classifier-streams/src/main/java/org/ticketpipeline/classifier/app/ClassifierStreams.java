package org.ticketpipeline.classifier.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.classifier.sorting.ModelSorter;
import org.ticketpipeline.classifier.sorting.Taxonomy;
import org.ticketpipeline.classifier.sorting.TaxonomyFile;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.text.BatchEncoder;
import org.ticketpipeline.classifier.text.SentenceEmbedder;
import org.ticketpipeline.classifier.topology.ClassifierTopology;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.TopicProvisioner;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Builds the classifier topology, provisions its topics, and runs it for the life of the service.
 * Created eagerly ({@link Context}) so the stream starts with the service, and closed before the
 * broker in tests (an exactly-once close against a stopped broker waits out its timeouts).
 */
@Context
public class ClassifierStreams implements SortedTickets {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierStreams.class);

    private final KafkaStreams streams;
    private volatile boolean hasRun;
    private final Topology topology;
    private final BatchEncoder encoder;
    private final TaxonomyFile taxonomyFile;

    /** The team's taxonomy file, when one is set (classifier.taxonomy-file). */
    public Optional<TaxonomyFile> taxonomyFile() {
        return Optional.ofNullable(taxonomyFile);
    }

    ClassifierStreams(KafkaSettings kafka, TopicSettings topicSettings, ClassifierSettings settings, MeterRegistry meters,
                      io.micronaut.context.ApplicationContext context) {
        settings.validate(); // first, with the kind model: a refused setting or file leaves nothing started behind
        KindModel kindModel = kindModel(settings);
        SchemaRegistryClient registry = new SchemaRegistryClient(kafka.getSchemaRegistryUrl());
        Topics topics = new Topics(topicSettings.names(), registry);
        Supplier<Taxonomy> taxonomy;
        if (settings.getTaxonomyFile().isBlank()) {
            Taxonomy builtIn = Taxonomy.fromClasspath("/taxonomy.yml");
            taxonomy = () -> builtIn;
            taxonomyFile = null;
        } else {
            taxonomyFile = new TaxonomyFile(Paths.get(settings.getTaxonomyFile()), 5);
            taxonomy = taxonomyFile;
        }
        this.encoder = new BatchEncoder(SentenceEmbedder.Model.of(settings.getEmbeddingModel()), settings.getEmbeddingMaxTokens(),
                Runtime.getRuntime().availableProcessors(), settings.getEmbeddingBatchSize());
        this.topology = ClassifierTopology.build(topics, new ModelSorter(kindModel, taxonomy), encoder,
                new ClassifierTopology.StateSerdes(AvroSerde.forValues(registry, ThemeAggregate.class),
                        AvroSerde.forValues(registry, ThemeCluster.class)),
                settings.topologySettings(kafka.getPartitions()));
        LOG.info("classifier topology:\n{}", topology.describe());

        DeadLetterRoutes deadLetters = DeadLetterRoutes.of(settings.getApplicationId(), topics);
        provisionTopics(kafka, topics, deadLetters);
        this.streams = new KafkaStreams(topology, streamsConfig(kafka, settings, deadLetters));
        new KafkaStreamsMetrics(streams).bindTo(meters);
        StreamFailures failures = new StreamFailures(() -> stopService(context, settings.isExitOnStreamFailure()));
        streams.setUncaughtExceptionHandler(failures);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
            failures.onChange(now, before);
        });
        streams.start();
    }

    /**
     * Stops the service, then the process with status 1 for a supervisor to restart it (docker compose's
     * restart policy, systemd); with {@code classifier.exit-on-stream-failure: false} the process is left to
     * whoever embeds the context (a test). On a thread of its own: it is asked for from Kafka Streams' own
     * threads, which stopping the context (closing Kafka Streams) waits for.
     */
    private static void stopService(io.micronaut.context.ApplicationContext context, boolean exit) {
        new Thread(() -> {
            try {
                context.stop();
            } finally {
                if (exit) {
                    System.exit(1);
                }
            }
        }, "classifier-stop").start();
    }

    /** Read before anything starts: a missing or damaged file stops the start with what is wrong, before any ticket is sorted. */
    private static KindModel kindModel(ClassifierSettings settings) {
        if (settings.getKindModel().isBlank()) {
            return KindModel.shipped();
        }
        KindModel model = KindModel.fromFile(Paths.get(settings.getKindModel()));
        LOG.info("kind model from {} (classifier.kind-model), not the one that ships", settings.getKindModel());
        return model;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether the streams have reached RUNNING since the start: before, a REBALANCING is the first restore, and nothing is sorted yet. */
    public boolean hasRun() {
        return hasRun;
    }

    /** A ticket's latest sorting, as this instance holds it (its products' partitions), or empty; not while the stream is not running. */
    @Override
    public Optional<SortedTicket> find(String ticketId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("the stream is " + streams.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        ReadOnlyKeyValueStore<String, SortedTicket> store = streams.store(StoreQueryParameters.fromNameAndType(
                ClassifierTopology.SORTED_TICKETS_STORE, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(ticketId));
    }

    public Topology topology() {
        return topology;
    }

    @PreDestroy
    void close() {
        // leave the group on the way out: Kafka Streams otherwise stays a member until its session
        // times out (45 s), and a restarted or replacement instance sits idle until then
        boolean closed = streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(20)));
        if (closed) {
            encoder.close();
        } else {
            // a stream thread still running (in a commit) would see its waiting embeddings fail and put good
            // tickets aside as failed; the encoder's threads are daemons and end with the process
            LOG.warn("Kafka Streams did not close within 20 s: the encoder is left to end with the process");
        }
        if (taxonomyFile != null) {
            taxonomyFile.close();
        }
    }

    private static void provisionTopics(KafkaSettings kafka, Topics topics, DeadLetterRoutes deadLetters) {
        int partitions = kafka.getPartitions();
        List<TopicProvisioner.Spec> specs = new java.util.ArrayList<>(List.of(
                TopicProvisioner.Spec.stampedOnArrival(topics.ticketEvents().name(), partitions),
                // stamped when written too: its records would carry their events' times, and a backlog's sortings
                // be deleted at once for a consumer (the corrections export among them) that reads them later;
                // each ticket's latest sorting kept for a year after it was written, for the corrections export
                TopicProvisioner.Spec.stampedOnArrivalLatestPerKey(topics.ticketsSorted().name(), partitions, Duration.ofDays(365)),
                TopicProvisioner.Spec.latestPerKey(topics.releases().name(), partitions),
                new TopicProvisioner.Spec(topics.corrections().name(), partitions, Map.of("retention.ms", "-1")),
                TopicProvisioner.Spec.compacted(topics.releaseWatch().name(), partitions, Duration.ofDays(365)),
                // one record per theme and window, the latest wins; old windows age out after 90 days
                TopicProvisioner.Spec.compacted(topics.themeWindows().name(), partitions, Duration.ofDays(90))));
        // every dead-letter topic a failed record can go to: a broker that does not create topics on
        // first use would otherwise hold the failing task until it times out, and the record with it
        deadLetters.deadLetterTopics(java.util.Set.of(topics.ticketEvents().name(), topics.corrections().name(), topics.releases().name()))
                .forEach(topic -> specs.add(TopicProvisioner.Spec.deadLetters(topic)));
        TopicProvisioner.ensure(kafka.getBootstrapServers(), kafka.getReplicationFactor(), specs);
    }

    static Properties streamsConfig(KafkaSettings kafka, ClassifierSettings settings, DeadLetterRoutes deadLetters) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.getApplicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.getProcessingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.getStreamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.getCommitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.getReplicationFactor());
        // the repartition topic holds every event once its source offset is committed: as the topics the
        // services create, a majority of three replicas or more must have a write (TopicProvisioner.configsOf)
        if (kafka.getReplicationFactor() >= 3) {
            p.put(StreamsConfig.topicPrefix(org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                    String.valueOf(kafka.getReplicationFactor() / 2 + 1));
        }
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnDeserialization.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProcessing.class);
        p.putAll(deadLetters.asConfig());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(settings).toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return p;
    }

    private static Path stateDir(ClassifierSettings settings) {
        return settings.getStateDir().isBlank()
                ? Paths.get(System.getProperty("java.io.tmpdir"), "kafka-streams", settings.getApplicationId())
                : Paths.get(settings.getStateDir());
    }
}
