package org.ticketpipeline.classifier.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.ticketpipeline.schemas.SortedTicket;

/**
 * Window entries on the internal repartition topic: the value is the ticket in its own registered Avro
 * encoding (readable by any tool that reads {@code tickets-sorted}), and a taken-back entry says so in
 * a header, as does one for some of the windows only. No library offers a flag beside a value; a second Avro type that wraps the ticket would
 * register a second schema for the same data.
 */
final class WindowEntrySerde implements Serde<WindowEntry> {

    static final String TAKE_BACK_HEADER = "ticket-pipeline.take-back";
    /** The windows an entry is for, by name, comma-separated; no header: all of them. */
    static final String WINDOWS_HEADER = "ticket-pipeline.windows";
    private static final byte[] YES = "true".getBytes(StandardCharsets.UTF_8);

    private final Serde<SortedTicket> tickets;

    WindowEntrySerde(Serde<SortedTicket> tickets) {
        this.tickets = tickets;
    }

    @Override
    public Serializer<WindowEntry> serializer() {
        Serializer<SortedTicket> inner = tickets.serializer();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, WindowEntry entry) {
                if (entry != null && (entry.retract() || entry.windows() != null)) {
                    throw new IllegalStateException("a taken-back window entry, or one for some windows, needs record headers to say so");
                }
                return entry == null ? null : inner.serialize(topic, entry.ticket());
            }

            @Override
            public byte[] serialize(String topic, Headers headers, WindowEntry entry) {
                headers.remove(TAKE_BACK_HEADER);
                headers.remove(WINDOWS_HEADER);
                if (entry == null) {
                    return null;
                }
                if (entry.retract()) {
                    headers.add(TAKE_BACK_HEADER, YES);
                }
                if (entry.windows() != null) {
                    headers.add(WINDOWS_HEADER, String.join(",", new java.util.TreeSet<>(entry.windows())).getBytes(StandardCharsets.UTF_8));
                }
                return inner.serialize(topic, headers, entry.ticket());
            }
        };
    }

    @Override
    public Deserializer<WindowEntry> deserializer() {
        Deserializer<SortedTicket> inner = tickets.deserializer();
        return new Deserializer<>() {
            @Override
            public WindowEntry deserialize(String topic, byte[] data) {
                return data == null ? null : WindowEntry.count(inner.deserialize(topic, data));
            }

            @Override
            public WindowEntry deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return null;
                }
                SortedTicket ticket = inner.deserialize(topic, headers, data);
                boolean retract = headers != null && headers.lastHeader(TAKE_BACK_HEADER) != null;
                org.apache.kafka.common.header.Header windows = headers == null ? null : headers.lastHeader(WINDOWS_HEADER);
                return new WindowEntry(ticket, retract, windows == null ? null
                        : java.util.Set.of(new String(windows.value(), StandardCharsets.UTF_8).split(",")));
            }
        };
    }
}
