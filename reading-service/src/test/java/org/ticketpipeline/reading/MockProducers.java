package org.ticketpipeline.reading;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers for tests that must not need a broker. */
final class MockProducers {

    private MockProducers() {
    }

    /** Kafka's own mock: every send acknowledged at once and kept in {@code history()}; values are not really serialised. */
    static MockProducer<String, SpecificRecord> acknowledging() {
        return new MockProducer<String, SpecificRecord>(true, null, new StringSerializer(), (topic, value) -> new byte[0]);
    }
}
