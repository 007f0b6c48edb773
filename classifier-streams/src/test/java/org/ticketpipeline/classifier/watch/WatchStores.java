package org.ticketpipeline.classifier.watch;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.topic.Topics;

/** The stores a release watch processor reads, in memory, on a mock context: for tests and benchmarks of the processor alone. */
public final class WatchStores {

    private WatchStores() {
    }

    /** Adds the kept-tickets, published-watches and releases stores to the context; answers the releases store, to fill. */
    public static TimestampedKeyValueStore<String, Release> attach(MockProcessorContext<String, ReleaseWatch> context, Topics topics) {
        store(context, ReleaseWatchProcessor.TICKETS_STORE, topics.ticketsSorted().valueSerde());
        store(context, ReleaseWatchProcessor.STATE_STORE, topics.releaseWatch().valueSerde());
        store(context, org.ticketpipeline.classifier.topology.SortedEventTime.STORE, Serdes.Long());
        TimestampedKeyValueStore<String, Release> releases = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ReleaseWatchProcessor.RELEASES_STORE), Serdes.String(), topics.releases().valueSerde())
                .withLoggingDisabled().build();
        releases.init(context.getStateStoreContext(), releases);
        context.addStateStore(releases);
        return releases;
    }

    private static <V> void store(MockProcessorContext<String, ReleaseWatch> context, String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
