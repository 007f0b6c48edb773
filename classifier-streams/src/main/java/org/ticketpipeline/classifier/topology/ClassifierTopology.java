package org.ticketpipeline.classifier.topology;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.classifier.watch.ReleaseWatchTopology;
import org.ticketpipeline.classifier.watch.WatchSettings;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.topic.Topics;

/** The whole classifier: sorting, then theme windows and release watches. Each concern adds itself to one builder. */
public final class ClassifierTopology {

    /** The store of each ticket's latest sorting, by ticket id: what {@code GET /v1/tickets/{ticketId}} reads. */
    public static final String SORTED_TICKETS_STORE = SortTicketProcessor.TICKET_STATE_STORE;

    private ClassifierTopology() {
    }

    /** Whether a kept ticket is only heard of (an event without its words came first): nothing of it is sorted yet. */
    public static boolean onlyHeardOf(SortedTicket ticket) {
        return SortTicketProcessor.unsorted(ticket);
    }

    /** What the topology needs besides topics, the sorter and the text vectors. */
    public record Settings(List<WindowSpec> windows, SortingTopology.Settings sorting, WatchSettings watch, int partitions) {
    }

    /** The serdes of the topology's internal state. */
    public record StateSerdes(Serde<ThemeAggregate> aggregates, Serde<ThemeCluster> clusters) {
    }

    public static Topology build(Topics topics, Sorter sorter, TextVectors vectors, StateSerdes serdes, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        SortingTopology.Sorted sorted = SortingTopology.addTo(builder, topics, sorter, vectors, serdes.clusters(),
                settings.sorting(), settings.partitions());
        ThemeWindowTopology.addTo(sorted, topics, settings.windows(), serdes.aggregates());
        // a corrected ticket counts in its release watch as if it had come in sorted that way
        KStream<String, SortedTicket> watched = sorted.tickets().merge(sorted.corrections()
                .filter((product, change) -> change.movesCounts(), Named.as("corrections-that-move-counts"))
                .mapValues(CorrectedSorting::countedAfter, Named.as("corrected-as-counted")), Named.as("sorted-and-corrected"));
        ReleaseWatchTopology.addTo(builder, watched, topics, settings.watch(), settings.partitions());
        return builder.build();
    }
}
