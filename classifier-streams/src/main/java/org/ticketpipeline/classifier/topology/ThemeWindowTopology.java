package org.ticketpipeline.classifier.topology;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.WindowStore;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Per product and theme, tumbling windows of new tickets (hourly and weekly by default) with volume,
 * distinct customers, kind and tier mix, quotes, first seen and movement, written to {@code theme-windows}.
 * A correction that changes a ticket's theme, kind or level takes it back out of the windows it was
 * counted in and counts it again as corrected, at its creation time (within the grace, like any late
 * ticket).
 */
public final class ThemeWindowTopology {

    /** The name of the repartition that groups window entries by product and theme. */
    public static final String ENTRIES_BY_PRODUCT_THEME = "tickets-by-product-theme";

    private ThemeWindowTopology() {
    }

    public static void addTo(SortingTopology.Sorted sorted, Topics topics, List<WindowSpec> windows,
                             Serde<ThemeAggregate> aggregateSerde) {
        KStream<String, WindowEntry> created = sorted.tickets()
                .filter((product, ticket) -> NewTickets.isNew(ticket), Named.as("new-tickets-only"))
                .mapValues(WindowEntry::count, Named.as("count-new-tickets"));
        KStream<String, WindowEntry> moved = sorted.corrections()
                .process(() -> new MoveCorrectedTickets(windows), Named.as("move-corrected-tickets"), SortTicketProcessor.EVENT_TIME_STORE);
        WindowEntrySerde entrySerde = new WindowEntrySerde(topics.ticketsSorted().valueSerde());
        // one repartition for every window (the topic a groupByKey of this name made before): each window
        // then takes the entries that are for it, as a correction moves a ticket only where it may still count
        KStream<String, WindowEntry> byTheme = created.merge(moved, Named.as("window-entries"))
                .selectKey((product, entry) -> ThemeWindowKeys.theme(entry.ticket().getProduct(), entry.ticket().getTheme()),
                        Named.as("key-by-product-theme"))
                .repartition(Repartitioned.with(Serdes.String(), entrySerde).withName(ENTRIES_BY_PRODUCT_THEME));
        for (WindowSpec spec : windows) {
            byTheme.filter((key, entry) -> entry.isFor(spec.name()), Named.as("theme-" + spec.name() + "-entries"))
                    .groupByKey(Grouped.with("theme-" + spec.name() + "-entries-by-theme", Serdes.String(), entrySerde))
                    .windowedBy(new AlignedTumblingWindows(spec.size(), spec.offset(), spec.grace()))
                    .aggregate(ThemeAggregator::empty, (key, entry, agg) -> entry.retract() ? ThemeAggregator.remove(agg, entry.ticket()) : ThemeAggregator.add(agg, entry.ticket()),
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
