package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.topic.Topics;

/** The whole classifier: sorting, then theme windows. Each concern adds itself to one builder. */
public final class ClassifierTopology {

    private ClassifierTopology() {
    }

    /** What the topology needs besides topics and the sorter. */
    public record Settings(List<WindowSpec> windows, Duration dedupeRetention, Duration bugAtL1MaxAge) {
    }

    public static Topology build(Topics topics, Sorter sorter, Serde<ThemeAggregate> aggregateSerde, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SortedTicket> sorted = SortingTopology.addTo(builder, topics, sorter,
                settings.dedupeRetention(), settings.bugAtL1MaxAge());
        ThemeWindowTopology.addTo(sorted, topics, settings.windows(), aggregateSerde);
        return builder.build();
    }
}
