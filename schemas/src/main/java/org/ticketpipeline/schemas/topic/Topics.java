package org.ticketpipeline.schemas.topic;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerde;

/**
 * The typed registry of the pipeline's topics: each name (from configuration) with its key and value
 * serdes. Keys are plain UTF-8 strings (ticket id, release id, or a composite documented on the value
 * schema); values are Avro in the schema registry wire format.
 */
public final class Topics {

    private final TopicNames names;
    private final Topic<String, TicketEvent> ticketEvents;
    private final Topic<String, Release> releases;
    private final Topic<String, SortedTicket> ticketsSorted;
    private final Topic<String, ThemeWindow> themeWindows;
    private final Topic<String, ReleaseWatch> releaseWatch;
    private final Topic<String, Reading> readings;
    private final Topic<String, Correction> corrections;

    public Topics(TopicNames names, SchemaRegistryClient registry) {
        this.names = names;
        Serde<String> keys = Serdes.String();
        this.ticketEvents = new Topic<>(names.ticketEvents(), keys, AvroSerde.forValues(registry, TicketEvent.class));
        this.releases = new Topic<>(names.releases(), keys, AvroSerde.forValues(registry, Release.class));
        this.ticketsSorted = new Topic<>(names.ticketsSorted(), keys, AvroSerde.forValues(registry, SortedTicket.class));
        this.themeWindows = new Topic<>(names.themeWindows(), keys, AvroSerde.forValues(registry, ThemeWindow.class));
        this.releaseWatch = new Topic<>(names.releaseWatch(), keys, AvroSerde.forValues(registry, ReleaseWatch.class));
        this.readings = new Topic<>(names.readings(), keys, AvroSerde.forValues(registry, Reading.class));
        this.corrections = new Topic<>(names.corrections(), keys, AvroSerde.forValues(registry, Correction.class));
    }

    public TopicNames names() {
        return names;
    }

    public Topic<String, TicketEvent> ticketEvents() {
        return ticketEvents;
    }

    public Topic<String, Release> releases() {
        return releases;
    }

    public Topic<String, SortedTicket> ticketsSorted() {
        return ticketsSorted;
    }

    public Topic<String, ThemeWindow> themeWindows() {
        return themeWindows;
    }

    public Topic<String, ReleaseWatch> releaseWatch() {
        return releaseWatch;
    }

    public Topic<String, Reading> readings() {
        return readings;
    }

    public Topic<String, Correction> corrections() {
        return corrections;
    }
}
