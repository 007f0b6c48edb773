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
        builder.addGlobalStore(
                // a global store is its topic: it keeps no changelog of its own
                Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(storeName), Serdes.String(), values)
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.String(), values).withName(sourceName),
                () -> new LatestPerKey<>(storeName));
    }

    /** Keeps each key's latest value and its timestamp; a null value (a tombstone) removes the key. */
    static final class LatestPerKey<V> implements Processor<String, V, Void, Void> {

        private final String storeName;
        private TimestampedKeyValueStore<String, V> store;
        private ProcessorContext<Void, Void> context;

        LatestPerKey(String storeName) {
            this.storeName = storeName;
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
        }
    }
}
