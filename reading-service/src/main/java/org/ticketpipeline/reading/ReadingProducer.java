package org.ticketpipeline.reading;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/** Writes subscriptions, deliveries and readings to their topics, waiting for Kafka's acknowledgement. */
@Singleton
class ReadingProducer {

    private final Producer<String, SpecificRecord> producer;

    @Inject
    ReadingProducer(KafkaSettings kafka) {
        this(new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 9_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new AvroSerializer<SpecificRecord>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), false)));
    }

    /** Over a producer made elsewhere (a test's). */
    ReadingProducer(Producer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /**
     * Nothing was written: Kafka did not acknowledge, or the record could not be made (its schema is
     * registered on the first write of each kind, so the schema registry must answer then). Worth a
     * retry once the cause is back; {@link #title()} names which one is away.
     */
    static final class NotWritten extends IllegalStateException {
        private final String title;

        NotWritten(String title, String message, Throwable cause) {
            super(message, cause);
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    /**
     * The partition every reading is written to, whatever its key: readings are a few a week, and in one
     * partition every instance reads them in one order, so a stream client that comes back with its last
     * reading's id is given exactly what came after it ({@link ReplayLog}).
     */
    static final int READINGS_PARTITION = 0;

    /** Sends and waits; a null value is a tombstone. Throws {@link NotWritten} when the write was not taken. */
    void send(String topic, String key, SpecificRecord value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** A reading, to {@link #READINGS_PARTITION}; as {@link #send(String, String, SpecificRecord)} otherwise. */
    void sendReading(String topic, Reading reading) {
        send(new ProducerRecord<>(topic, READINGS_PARTITION, reading.getReadingId(), reading));
    }

    private void send(ProducerRecord<String, SpecificRecord> record) {
        String topic = record.topic();
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotWritten("Kafka unavailable", "interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotWritten("Kafka unavailable", "Kafka did not acknowledge the write to " + topic + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            // thrown by send itself, before anything is sent: the serializer's registry call above all
            throw registryCause(e) != null
                    ? new NotWritten("Schema registry unavailable", "the schema registry did not take the schema of " + topic + ": "
                    + registryCause(e).getMessage(), e)
                    : new NotWritten("Kafka unavailable", "Kafka refused the write to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static SchemaRegistryException registryCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SchemaRegistryException registry) {
                return registry;
            }
        }
        return null;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
