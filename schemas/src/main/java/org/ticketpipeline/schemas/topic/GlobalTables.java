package org.ticketpipeline.schemas.topic;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic read whole into a store on every instance: the latest value per key, as
 * {@link StreamsBuilder#globalTable} keeps it, and queried the same way (timestamped key-value store).
 *
 * <p>Why not {@code globalTable}: Kafka Streams (4.2) restores a global table by copying the topic's
 * bytes into the store without reading them, so a record the deserialization handler turned away
 * while running comes back at the next restore, and every read of the store that meets it throws.
 * A global store added with its own processor is restored through that processor, so the handler
 * sees the record again and the store never holds what cannot be read.
 */
public final class GlobalTables {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalTables.class);

    private GlobalTables() {
    }

    /**
     * @param sourceName named as for {@code globalTable}: the topology shows {@code <sourceName>-source}
     *                   reading the topic and {@code <sourceName>} keeping the store
     */
    public static <V> void add(StreamsBuilder builder, String topic, String sourceName, String storeName, Serde<V> values) {
        add(builder, topic, sourceName, storeName, values, null);
    }

    /**
     * The same, for a topic whose records the broker deletes by age ({@code compact,delete}): a deletion by
     * retention sends no tombstone, so the store would keep what the topic no longer has, growing for as
     * long as the instance runs and answering otherwise than after a restart. Records more than
     * {@code keepFor} older than the newest one read are deleted from the store too.
     */
    public static <V> void add(StreamsBuilder builder, String topic, String sourceName, String storeName, Serde<V> values,
                               java.time.Duration keepFor) {
        builder.addGlobalStore(
                // a global store is its topic: it keeps no changelog of its own
                Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(storeName), Serdes.String(), values)
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.String(), values).withName(sourceName),
                () -> new LatestPerKey<>(storeName, keepFor));
    }

    /**
     * Keeps each key's latest value and its timestamp; a null value (a tombstone) removes the key, and so,
     * with {@code keepFor}, does age. A global store takes no punctuation, so the sweep for age runs as
     * records come, each time the newest timestamp has moved on by a 90th of {@code keepFor} (a day of 90).
     */
    static final class LatestPerKey<V> implements Processor<String, V, Void, Void> {

        private final String storeName;
        private final java.time.Duration keepFor;
        private TimestampedKeyValueStore<String, V> store;
        private ProcessorContext<Void, Void> context;
        private long newest = Long.MIN_VALUE;
        private long sweptAt = Long.MIN_VALUE;

        LatestPerKey(String storeName, java.time.Duration keepFor) {
            this.storeName = storeName;
            this.keepFor = keepFor;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                // a table has no place for it; globalTable drops it too, and says so
                LOG.warn("skipping a record without a key in {} ({})", storeName,
                        context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("position unknown"));
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
            newest = Math.max(newest, record.timestamp());
            if (keepFor != null && (sweptAt == Long.MIN_VALUE || newest - sweptAt >= Math.max(1, keepFor.toMillis() / 90))) {
                forgetOlderThan(newest - keepFor.toMillis());
                sweptAt = newest;
            }
        }

        private void forgetOlderThan(long cutoff) {
            java.util.List<String> old = new java.util.ArrayList<>();
            try (org.apache.kafka.streams.state.KeyValueIterator<String, ValueAndTimestamp<V>> all = store.all()) {
                all.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.timestamp() < cutoff) {
                        old.add(kv.key);
                    }
                });
            }
            old.forEach(store::delete);
            if (!old.isEmpty()) {
                LOG.info("{}: forgot {} records older than the topic keeps", storeName, old.size());
            }
        }
    }
}
