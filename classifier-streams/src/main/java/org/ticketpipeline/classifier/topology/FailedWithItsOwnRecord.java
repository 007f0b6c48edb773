package org.ticketpipeline.classifier.topology;

import java.nio.charset.StandardCharsets;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * A record that waited in a processor's store and then failed. It surfaces while another record is
 * being processed, or on a punctuation, so it carries its own topic, key and bytes: the dead-letter
 * handler writes it, not the record that happened to be in hand.
 */
public abstract class FailedWithItsOwnRecord extends RuntimeException {

    private final String topic;
    private final byte[] key;
    private final byte[] value;

    <V> FailedWithItsOwnRecord(String message, Throwable cause, Topic<String, V> from, String key, V value) {
        super(message, cause);
        this.topic = from.name();
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.value = bytesOf(from, value);
    }

    /** The value as Avro, or nothing when even that fails (the reason header still names it). */
    private static <V> byte[] bytesOf(Topic<String, V> from, V value) {
        try {
            return from.valueSerde().serializer().serialize(from.name(), value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The topic the record came in on, whose dead-letter topic it goes to. */
    public String topic() {
        return topic;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }
}
