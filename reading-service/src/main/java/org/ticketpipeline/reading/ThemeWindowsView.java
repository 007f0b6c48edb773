package org.ticketpipeline.reading;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Delivery;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.Subscription;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;
import org.ticketpipeline.schemas.topic.GlobalTables;
import org.ticketpipeline.schemas.topic.Topic;
import org.ticketpipeline.schemas.topic.TopicProvisioner;

/**
 * Every {@code theme-windows} and {@code release-watch} record, kept in local stores (Kafka Streams
 * global tables, restored from the compacted topics at start): theme windows queried by product,
 * window size and window start; release watches by release id. When its Kafka Streams fails for good
 * the service stops ({@link StopOnStreamsError}); until it is down, a query gets {@link TablesStopped}.
 */
@Context
public class ThemeWindowsView {

    static final String STORE = "theme-windows-store";
    /** How long {@code theme-windows} keeps a window (the classifier creates it so): the store forgets it then too. */
    static final Duration THEME_WINDOWS_KEPT = Duration.ofDays(90);
    static final String WATCH_STORE = "release-watch-store";
    static final String SUBSCRIPTIONS_STORE = "subscriptions-store";
    static final String DELIVERIES_STORE = "deliveries-store";
    /** How long a delivery record is kept after it was written: past the 365 days a release's watch is kept. */
    static final Duration DELIVERY_RECORDS_KEPT = Duration.ofDays(400);
    /**
     * How long {@code readings} keeps a reading published there: as long as its delivery's record. On the
     * broker's default policy a consumer of the feed that was away for a week missed readings for good.
     */
    static final Duration READINGS_KEPT = Duration.ofDays(400);
    /** How long {@code release-watch} keeps a watch's latest snapshot: its table forgets it then too. */
    static final Duration RELEASE_WATCHES_KEPT = Duration.ofDays(365);
    private static final Logger LOG = LoggerFactory.getLogger(ThemeWindowsView.class);

    private final KafkaStreams streams;

    @Inject
    ThemeWindowsView(KafkaSettings kafka, ReadingSettings settings, MeterRegistry meters, ServiceStop stop) {
        this(started(kafka, settings, meters, new StopOnStreamsError(stop::stop)));
    }

    /** Over a Kafka Streams made elsewhere (a test's: never started, or closed). */
    ThemeWindowsView(KafkaStreams streams) {
        this.streams = streams;
    }

    private static KafkaStreams started(KafkaSettings kafka, ReadingSettings settings, MeterRegistry meters, StopOnStreamsError failure) {
        SchemaRegistryClient registry = new SchemaRegistryClient(kafka.getSchemaRegistryUrl());
        Topology topology = topology(settings, registry);
        LOG.info("reading topology:\n{}", topology.describe());
        // a global table cannot start on a missing topic: create them as the classifier would
        TopicProvisioner.ensure(kafka.getBootstrapServers(), kafka.getReplicationFactor(), List.of(
                TopicProvisioner.Spec.compacted(settings.getThemeWindowsTopic(), kafka.getPartitions(), THEME_WINDOWS_KEPT),
                TopicProvisioner.Spec.compacted(settings.getReleaseWatchTopic(), kafka.getPartitions(), RELEASE_WATCHES_KEPT),
                new TopicProvisioner.Spec(settings.getSubscriptionsTopic(), 1, java.util.Map.of("cleanup.policy", "compact")),
                // a period's record is looked up only while its reading is due: a week for a weekly reading, two hours for a
                // theme's, and a release's while its watch is kept (365 days); kept for good, every start would read them all
                TopicProvisioner.Spec.compacted(settings.getDeliveriesTopic(), 1, DELIVERY_RECORDS_KEPT),
                // one partition: every reading is written to one (ReadingProducer.READINGS_PARTITION), and more would stay empty
                TopicProvisioner.Spec.keptFor(settings.getReadingsTopic(), 1, READINGS_KEPT),
                // where UnreadableRecords puts what the tables cannot read
                TopicProvisioner.Spec.deadLetters(Topic.deadLetterNameOf(settings.getThemeWindowsTopic())),
                TopicProvisioner.Spec.deadLetters(Topic.deadLetterNameOf(settings.getReleaseWatchTopic())),
                TopicProvisioner.Spec.deadLetters(Topic.deadLetterNameOf(settings.getSubscriptionsTopic())),
                TopicProvisioner.Spec.deadLetters(Topic.deadLetterNameOf(settings.getDeliveriesTopic()))));
        KafkaStreams streams = new KafkaStreams(topology, config(kafka, settings));
        new KafkaStreamsMetrics(streams).bindTo(meters);
        // the README's promise for a table that cannot be read: the service stops, and says why
        streams.setUncaughtExceptionHandler(failure);
        streams.setStateListener(failure);
        streams.start();
        return streams;
    }

    static Topology topology(ReadingSettings settings, SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalTables.add(builder, settings.getSubscriptionsTopic(), "subscriptions-source", SUBSCRIPTIONS_STORE,
                AvroSerde.forValues(registry, Subscription.class));
        GlobalTables.add(builder, settings.getDeliveriesTopic(), "deliveries-source", DELIVERIES_STORE, AvroSerde.forValues(registry, Delivery.class),
                DELIVERY_RECORDS_KEPT);
        GlobalTables.add(builder, settings.getThemeWindowsTopic(), "theme-windows-source", STORE, AvroSerde.forValues(registry, ThemeWindow.class),
                THEME_WINDOWS_KEPT);
        GlobalTables.add(builder, settings.getReleaseWatchTopic(), "release-watch-source", WATCH_STORE,
                AvroSerde.forValues(registry, ReleaseWatch.class), RELEASE_WATCHES_KEPT);
        return builder.build();
    }

    /** The latest snapshot of a release's watch, or null when there is none (yet). */
    public ReleaseWatch watch(String releaseId) {
        return store(WATCH_STORE, ReleaseWatch.class).get(releaseId);
    }

    /** Every release watch's latest snapshot, in no particular order. */
    public List<ReleaseWatch> watches() {
        return allOf(WATCH_STORE, ReleaseWatch.class);
    }

    private static Properties config(KafkaSettings kafka, ReadingSettings settings) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.getApplicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.getStateDir().isBlank()
                ? Paths.get(System.getProperty("java.io.tmpdir"), "kafka-streams", settings.getApplicationId()).toString()
                : settings.getStateDir());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UnreadableRecords.class);
        // the tables are written by the classifier's exactly-once transactions: an aborted one's windows and
        // watches must not be served, nor sent to a webhook (Kafka Streams reads committed data only under
        // its own exactly-once, which this service, writing nothing through Streams, does not run)
        p.put(StreamsConfig.globalConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        return p;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The themes of one product in one window, in no particular order; empty when nothing was seen. */
    public List<ThemeWindow> themes(String product, ThemeWindowKeys.Size size, long windowStart) {
        List<ThemeWindow> out = new ArrayList<>();
        try (KeyValueIterator<String, ThemeWindow> it = store().prefixScan(
                ThemeWindowKeys.windowPrefix(product, size.label(), windowStart), new StringSerializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Every live subscription. */
    public List<Subscription> subscriptions() {
        return allOf(SUBSCRIPTIONS_STORE, Subscription.class);
    }

    private <V> List<V> allOf(String storeName, Class<V> type) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store(storeName, type).all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    out.add(kv.value);
                }
            });
        }
        return out;
    }

    public Subscription subscription(String id) {
        return store(SUBSCRIPTIONS_STORE, Subscription.class).get(id);
    }

    /** Every delivery record and dead letter, of every subscription. */
    public List<Delivery> deliveries() {
        return allOf(DELIVERIES_STORE, Delivery.class);
    }

    public Delivery delivery(String deliveryId) {
        return store(DELIVERIES_STORE, Delivery.class).get(deliveryId);
    }

    /** The deliveries (and dead letters) of one subscription, oldest period first. */
    public List<Delivery> deliveriesOf(String subscriptionId) {
        List<Delivery> out = new ArrayList<>();
        try (KeyValueIterator<String, Delivery> it = store(DELIVERIES_STORE, Delivery.class)
                .prefixScan(subscriptionId + "|", new StringSerializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /**
     * The store, or {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while it is still
     * loading (worth a retry in seconds), or {@link TablesStopped} once Kafka Streams stopped (ERROR or
     * shutting down), which Kafka Streams says with a bare IllegalStateException.
     */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (IllegalStateException e) {
            throw new TablesStopped(streams.state(), e);
        }
    }

    /**
     * Whether any window of the product is known. A name holding the keys' separator names none (the ingest refuses
     * such a product): "ledger|hour" would find ledger's hour windows by the prefix, and be answered as a product.
     */
    public boolean knows(String product) {
        if (product.indexOf(ThemeWindowKeys.SEPARATOR) >= 0) {
            return false;
        }
        try (KeyValueIterator<String, ThemeWindow> it = store().prefixScan(product + ThemeWindowKeys.SEPARATOR, new StringSerializer())) {
            return it.hasNext();
        }
    }

    private ReadOnlyKeyValueStore<String, ThemeWindow> store() {
        return store(STORE, ThemeWindow.class);
    }

    @PreDestroy
    void close() {
        streams.close(Duration.ofSeconds(10));
    }
}
