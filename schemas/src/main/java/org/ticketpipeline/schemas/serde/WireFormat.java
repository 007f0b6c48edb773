package org.ticketpipeline.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent Schema Registry framing: byte 0 is the magic byte 0, bytes 1-4 the schema id
 * (big-endian), then the Avro binary encoding. Any Confluent client, Kafka Connect sink or ksqlDB
 * reads records framed this way.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** The schema id in a framed record, or a {@link SerializationException} saying why the bytes are not framed. */
    public static int schemaId(String topic, byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new SerializationException("record on topic '" + topic + "' is " + framed.length
                    + " bytes, shorter than the 5-byte schema registry header");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException("record on topic '" + topic + "' starts with byte " + framed[0]
                    + ", not the schema registry magic byte 0: it was not written by an Avro schema registry serializer");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
