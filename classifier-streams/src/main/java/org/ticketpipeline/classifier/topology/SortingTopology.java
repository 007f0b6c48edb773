package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * {@code ticket-events} to {@code tickets-sorted}: replays dropped (by ticket), then each ticket sorted
 * and themed (by product, so a product's emerging themes are one set), later events carrying the sorting;
 * {@code corrections} applied to the kept sortings, which they win from then on.
 */
public final class SortingTopology {

    /** The names of the repartitions that bring a product's events, and its corrections, to one task. */
    public static final String EVENTS_BY_PRODUCT = "ticket-events-by-product";
    public static final String CORRECTIONS_BY_PRODUCT = "corrections-by-product";

    private SortingTopology() {
    }

    /**
     * What sorting needs.
     *
     * @param batchSize texts the encoder embeds together at most; the sorting lets about eight times that wait
     * @param maxWait how often tickets whose embeddings are done are let out when no new events come (wall-clock)
     * @param maxFutureSkew how far after its record's timestamp an event may say it happened
     * @param ticketRetention how long a ticket with no event is kept (zero: for ever)
     * @param emergingThemeRetention how long an emerging theme may go without a ticket, per ticket it holds (zero: for ever)
     */
    public record Settings(Duration dedupeRetention, Duration bugAtL1MaxAge, double emergingThreshold, int batchSize, Duration maxWait,
                           Duration maxFutureSkew, Duration ticketRetention, Duration emergingThemeRetention, Duration correctionWait) {

        public static final Duration DEFAULT_TICKET_RETENTION = Duration.ofDays(90);
        public static final Duration DEFAULT_EMERGING_THEME_RETENTION = Duration.ofDays(30);
        /**
         * How long a correction of a ticket not sorted yet waits for the ticket's first event: the two come by
         * different topics, so a correction sent as the ticket is created (a helpdesk macro), or read while a
         * backlog of events is caught up, can come first.
         */
        public static final Duration DEFAULT_CORRECTION_WAIT = Duration.ofMinutes(15);

        /** With the default retentions of tickets and themes, and the default wait of a correction for its ticket. */
        public Settings(Duration dedupeRetention, Duration bugAtL1MaxAge, double emergingThreshold, int batchSize, Duration maxWait,
                        Duration maxFutureSkew) {
            this(dedupeRetention, bugAtL1MaxAge, emergingThreshold, batchSize, maxWait, maxFutureSkew, DEFAULT_TICKET_RETENTION,
                    DEFAULT_EMERGING_THEME_RETENTION, DEFAULT_CORRECTION_WAIT);
        }
    }

    /**
     * The sorting's streams, keyed by product, for the windows and release watches: every sorted
     * event, and every correction with the sorting before and after it.
     */
    public record Sorted(KStream<String, SortedTicket> tickets, KStream<String, CorrectedSorting> corrections) {
    }

    /** Adds the sorting to the builder and answers its streams. */
    public static Sorted addTo(StreamsBuilder builder, Topics topics, Sorter sorter, TextVectors vectors,
                                                      Serde<ThemeCluster> clusterSerde, Settings settings, int partitions) {
        Duration dedupe = settings.dedupeRetention();
        EventTimeCheck eventTimes = new EventTimeCheck(settings.maxFutureSkew());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DropReplayedEvents.STORE, dedupe.multipliedBy(2), dedupe.multipliedBy(2), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SortTicketProcessor.TICKET_STATE_STORE), Serdes.String(), topics.ticketsSorted().valueSerde()));
        // one number, in memory, logged: after a restart or a move, a correction of a backfilled ticket is judged
        // against the latest event time let out, not the correction's own clock, before any new event comes;
        // cached, so a commit writes it to the changelog once
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SortTicketProcessor.EVENT_TIME_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        // cached: a bug's entry is written as it comes and deleted when it is routed or flagged; the cache
        // sends one changelog record per key and commit instead of one per write
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ParkedBugs.STORE), Serdes.String(), Serdes.String()).withCachingEnabled());
        // cached: a theme's centre moves with every ticket it takes, and the batch buffer's entries are
        // written and deleted within one commit, so only the last state per commit reaches the
        // changelog (a tenth more tickets a second in the benchmark)
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SortTicketProcessor.THEME_CLUSTERS_STORE), Serdes.String(), clusterSerde).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SortTicketProcessor.PENDING_STORE), Serdes.String(), topics.ticketEvents().valueSerde())
                .withCachingEnabled());
        // a correction of a ticket whose events wait in that buffer waits for them, with its record's time
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(ApplyCorrectionProcessor.HELD_STORE), Serdes.String(), topics.corrections().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ApplyCorrectionProcessor.CORRECTED_THEMES_STORE), Serdes.String(), Serdes.String()));

        KStream<String, SortedTicket> sorted = builder
                .stream(topics.ticketEvents().name(), Consumed.with(topics.ticketEvents().keySerde(), topics.ticketEvents().valueSerde())
                        .withTimestampExtractor(new OccurredAtTimestampExtractor(eventTimes))
                        .withName("ticket-events-source"))
                .processValues(() -> new RefuseUnusableEventTimes(eventTimes), Named.as("refuse-unusable-event-times"))
                .processValues(() -> new DropReplayedEvents(dedupe), Named.as("drop-replayed-events"), DropReplayedEvents.STORE)
                .selectKey((ticketId, event) -> event.getProduct(), Named.as("key-by-product"))
                .repartition(Repartitioned.with(Serdes.String(), topics.ticketEvents().valueSerde()).withName(EVENTS_BY_PRODUCT)
                        .withNumberOfPartitions(partitions))
                .process(() -> new SortTicketProcessor(sorter, vectors, settings, topics.ticketEvents()), Named.as("sort-ticket"),
                        SortTicketProcessor.TICKET_STATE_STORE, SortTicketProcessor.THEME_CLUSTERS_STORE, SortTicketProcessor.PENDING_STORE,
                        ParkedBugs.STORE, SortTicketProcessor.EVENT_TIME_STORE);
        sorted.selectKey((product, ticket) -> ticket.getTicketId(), Named.as("key-by-ticket"))
                .to(topics.ticketsSorted().name(), Produced.with(Serdes.String(), topics.ticketsSorted().valueSerde())
                        .withName("tickets-sorted-sink"));

        // corrections meet the kept sortings in the same task: repartitioned by product, as the events are
        KStream<String, CorrectedSorting> corrected = builder
                .stream(topics.corrections().name(), Consumed.with(Serdes.String(), topics.corrections().valueSerde())
                        .withName("corrections-source"))
                .selectKey((ticketId, correction) -> correction.getProduct(), Named.as("key-correction-by-product"))
                .repartition(Repartitioned.with(Serdes.String(), topics.corrections().valueSerde()).withName(CORRECTIONS_BY_PRODUCT)
                        .withNumberOfPartitions(partitions))
                .process(() -> new ApplyCorrectionProcessor(new Misrouting(settings.bugAtL1MaxAge()), settings.ticketRetention(), settings.correctionWait(), sorter,
                                topics.corrections()),
                        Named.as("apply-correction"), SortTicketProcessor.TICKET_STATE_STORE, SortTicketProcessor.THEME_CLUSTERS_STORE,
                        ParkedBugs.STORE, SortTicketProcessor.PENDING_STORE, ApplyCorrectionProcessor.HELD_STORE,
                        ApplyCorrectionProcessor.CORRECTED_THEMES_STORE, SortTicketProcessor.EVENT_TIME_STORE);
        corrected.map((product, change) -> KeyValue.pair(change.after().getTicketId(), change.after()), Named.as("key-corrected-by-ticket"))
                .to(topics.ticketsSorted().name(), Produced.with(Serdes.String(), topics.ticketsSorted().valueSerde())
                        .withName("corrected-tickets-sink"));
        return new Sorted(sorted, corrected);
    }
}
