package org.ticketpipeline.classifier.watch;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.topic.GlobalTables;
import org.ticketpipeline.schemas.topic.Topics;

/** {@code releases} + the product-keyed sorted tickets to {@code release-watch}: each release's first hours against its brief. */
public final class ReleaseWatchTopology {

    private ReleaseWatchTopology() {
    }

    /**
     * @param sortedByProduct new and later ticket events, sorted, keyed by product
     * @param partitions the partitions of that stream's topic, so each task publishes only its own products' watches
     */
    public static void addTo(StreamsBuilder builder, KStream<String, SortedTicket> sortedByProduct, Topics topics,
                             WatchSettings settings, int partitions) {
        GlobalTables.add(builder, topics.releases().name(), "releases-source", ReleaseWatchProcessor.RELEASES_STORE, topics.releases().valueSerde());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReleaseWatchProcessor.TICKETS_STORE),
                Serdes.String(), topics.ticketsSorted().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReleaseWatchProcessor.STATE_STORE),
                Serdes.String(), topics.releaseWatch().valueSerde()));
        sortedByProduct
                .process(() -> new ReleaseWatchProcessor(settings, partitions), Named.as("watch-releases"),
                        ReleaseWatchProcessor.TICKETS_STORE, ReleaseWatchProcessor.STATE_STORE,
                        org.ticketpipeline.classifier.topology.SortedEventTime.STORE)
                .to(topics.releaseWatch().name(), Produced.with(Serdes.String(), topics.releaseWatch().valueSerde())
                        .withName("release-watch-sink"));
    }
}
