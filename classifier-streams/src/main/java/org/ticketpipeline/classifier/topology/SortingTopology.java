package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.topic.Topics;

/** {@code ticket-events} to {@code tickets-sorted}: each ticket sorted once, replays dropped, later events carrying the sorting. */
public final class SortingTopology {

    private SortingTopology() {
    }

    /** Adds the sorting to the builder and answers the sorted stream, keyed by ticket id, for the next steps. */
    public static KStream<String, SortedTicket> addTo(StreamsBuilder builder, Topics topics, Sorter sorter,
                                                      Duration dedupeRetention, Duration bugAtL1MaxAge) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SortTicketProcessor.SEEN_EVENTS_STORE, dedupeRetention.multipliedBy(2), dedupeRetention.multipliedBy(2), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SortTicketProcessor.TICKET_STATE_STORE),
                Serdes.String(), topics.ticketsSorted().valueSerde()));

        KStream<String, SortedTicket> sorted = builder
                .stream(topics.ticketEvents().name(), Consumed.with(topics.ticketEvents().keySerde(), topics.ticketEvents().valueSerde())
                        .withTimestampExtractor(new OccurredAtTimestampExtractor())
                        .withName("ticket-events-source"))
                .processValues(() -> new SortTicketProcessor(sorter, dedupeRetention, bugAtL1MaxAge), Named.as("sort-ticket"),
                        SortTicketProcessor.SEEN_EVENTS_STORE, SortTicketProcessor.TICKET_STATE_STORE);
        sorted.to(topics.ticketsSorted().name(), Produced.with(Serdes.String(), topics.ticketsSorted().valueSerde())
                .withName("tickets-sorted-sink"));
        return sorted;
    }
}
