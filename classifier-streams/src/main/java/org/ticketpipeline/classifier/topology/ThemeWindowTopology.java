package org.ticketpipeline.classifier.topology;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.WindowStore;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Per product and theme, tumbling windows of new tickets (hourly and weekly by default) with volume,
 * distinct customers, kind and tier mix, quotes, first seen and movement, written to {@code theme-windows}.
 */
public final class ThemeWindowTopology {

    private ThemeWindowTopology() {
    }

    public static void addTo(KStream<String, SortedTicket> sorted, Topics topics, List<WindowSpec> windows,
                             Serde<ThemeAggregate> aggregateSerde) {
        KGroupedStream<String, SortedTicket> byTheme = sorted
                .filter((ticketId, ticket) -> ticket.getEventType() == TicketEventType.CREATED, Named.as("new-tickets-only"))
                .selectKey((ticketId, ticket) -> ThemeWindowKeys.theme(ticket.getProduct(), ticket.getTheme()), Named.as("key-by-product-theme"))
                .groupByKey(Grouped.with("tickets-by-product-theme", Serdes.String(), topics.ticketsSorted().valueSerde()));
        for (WindowSpec spec : windows) {
            byTheme.windowedBy(new AlignedTumblingWindows(spec.size(), spec.offset(), spec.grace()))
                    .aggregate(ThemeAggregator::empty, (key, ticket, agg) -> ThemeAggregator.add(agg, ticket),
                            Named.as("theme-" + spec.name() + "-aggregate"),
                            Materialized.<String, ThemeAggregate, WindowStore<Bytes, byte[]>>as(spec.storeName())
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(aggregateSerde)
                                    .withRetention(spec.retention()))
                    .toStream(Named.as("theme-" + spec.name() + "-updates"))
                    .process(() -> new MovementProcessor(spec), Named.as("theme-" + spec.name() + "-movement"), spec.storeName())
                    .to(topics.themeWindows().name(), Produced.with(Serdes.String(), topics.themeWindows().valueSerde())
                            .withName("theme-" + spec.name() + "-sink"));
        }
    }
}
