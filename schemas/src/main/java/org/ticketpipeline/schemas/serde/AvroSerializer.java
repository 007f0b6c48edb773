package org.ticketpipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/**
 * Writes Avro records in the Confluent wire format ({@link WireFormat}), registering the record's
 * schema under {@code <topic>-value} (or {@code -key}) the first time a schema is seen, with
 * BACKWARD_TRANSITIVE compatibility when the subject has no rule of its own (an operator's is kept). Ours rather than Confluent's because that one is not on Maven Central.
 *
 * <p>After the first record of a schema, serialising makes no registry call: the id is cached by
 * schema identity (generated classes share one {@code SCHEMA$} instance).
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    /**
     * The compatibility rule a subject the pipeline writes gets when it has none: transitive, as the releases
     * and corrections topics keep records of every version for good, and a new schema must read them all,
     * not only the latest version's (a field dropped, then added back with another type, passes BACKWARD).
     */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    public AvroSerializer(SchemaRegistryClient registry, boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(schema, data).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " to topic '" + topic + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Whether a record of {@code schema} can be written to {@code topic} without asking the registry: its id is known. */
    public boolean knows(String topic, Schema schema) {
        return ids.containsKey(new SubjectSchema(topic + (isKey ? "-key" : "-value"), schema));
    }

    private int schemaId(String topic, Schema schema) {
        String subject = topic + (isKey ? "-key" : "-value");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        // Registered outside the map's lock (not in computeIfAbsent): while a registry does not answer,
        // concurrent first writes each wait their own timeout, not those of every caller before them.
        // Registering the same schema twice gives the same id.
        try {
            registry.setCompatibilityUnlessSet(subject, COMPATIBILITY);
            int id = register(subject, schema);
            ids.putIfAbsent(key, id);
            return id;
        } catch (SchemaRegistryException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    /**
     * Registers the schema; once more when the registry answered 409, as two first writes racing to create a
     * subject can get (the one that lost finds the schema there the second time). Any other answer, or none,
     * is not asked again: an incompatible schema gets its 409 twice, and a timeout is spent.
     */
    private int register(String subject, Schema schema) {
        try {
            return registry.register(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.status() != 409) { // a conflict: the subject being created by another write (an incompatible schema fails again)
                throw e;
            }
            return registry.register(subject, schema);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DatumWriter<Object> writerFor(Schema schema, T data) {
        return writers.computeIfAbsent(schema, s -> data instanceof SpecificRecord
                ? (DatumWriter) new SpecificDatumWriter<>(s)
                : (DatumWriter) new GenericDatumWriter<>(s));
    }

    /** Subject and schema, the schema compared by identity: hashing a schema's whole tree per record costs more than the write. */
    private record SubjectSchema(String subject, Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SubjectSchema other && other.schema == schema && other.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }
}
