package org.ticketpipeline.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;

/** A Kafka (and Kafka Streams) {@link Serde} for a generated Avro record class, in the Confluent wire format. */
public final class AvroSerde {

    private AvroSerde() {
    }

    public static <T extends SpecificRecord> Serde<T> forValues(SchemaRegistryClient registry, Class<T> recordClass) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, false), new AvroDeserializer<>(registry, recordClass));
    }

    public static <T extends SpecificRecord> Serde<T> forKeys(SchemaRegistryClient registry, Class<T> recordClass) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, true), new AvroDeserializer<>(registry, recordClass));
    }
}
