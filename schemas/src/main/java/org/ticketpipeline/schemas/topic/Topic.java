package org.ticketpipeline.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values, so a producer, consumer or topology never pairs a
 * topic with the wrong serde.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** Where records of this topic that cannot be read or processed go, with the reason in headers. */
    public String deadLetterName() {
        return deadLetterNameOf(name);
    }

    public static String deadLetterNameOf(String topic) {
        return topic + ".dlt";
    }
}
