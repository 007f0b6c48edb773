package org.ticketpipeline.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent-framed Avro ({@link WireFormat}). The writer's schema comes from the registry by
 * the id in the record (cached after the first time), and is resolved against the reader's schema,
 * so records written by an older schema version are read by the newer one with defaults filled in.
 *
 * @param <T> a generated specific record class, or {@code GenericRecord} when no class is given
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** A deserializer into the given generated class. */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> recordClass) {
        this.registry = registry;
        this.readerSchema = recordClass == null ? null : SpecificData.get().getSchema(recordClass);
        if (recordClass != null && !SpecificRecord.class.isAssignableFrom(recordClass)) {
            throw new IllegalArgumentException(recordClass + " is not a generated Avro record");
        }
    }

    /** A deserializer into {@code GenericRecord}s in the writer's own schema. */
    public static <R> AvroDeserializer<R> generic(SchemaRegistryClient registry) {
        return new AvroDeserializer<>(registry, null);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read record with schema id " + id + " on topic '" + topic
                    + "' as " + (readerSchema == null ? "a generic record" : readerSchema.getFullName()) + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(e.getMessage(), e);
        }
        return readerSchema == null ? new GenericDatumReader<>(writer) : new SpecificDatumReader<>(writer, readerSchema);
    }
}
