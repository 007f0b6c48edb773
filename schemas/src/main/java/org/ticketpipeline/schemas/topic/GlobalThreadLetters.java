package org.ticketpipeline.schemas.topic;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/**
 * The dead letters of a Kafka Streams global thread, for a deserialization handler to answer with.
 * Kafka Streams 4.2 cannot write them itself: it casts the global context to a record collector and
 * the global thread dies with a ClassCastException, taking the whole client down (apache/kafka PR
 * 21535). So the letter is sent here, and the handler resumes with none. One per handler.
 */
public final class GlobalThreadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalThreadLetters.class);
    private static final Duration SEND_BOUND = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, ?> streamsConfigs;
    private Map<String, Object> producerConfig;

    /** @param streamsConfigs the configuration Kafka Streams hands the handler */
    public GlobalThreadLetters(Map<String, ?> streamsConfigs) {
        this.streamsConfigs = new HashMap<>(streamsConfigs);
    }

    /**
     * Sends the letter and resumes past the record; or, when the record could not be read because of
     * the schema registry, fails: what it is cannot be known, and a table has no redrive.
     */
    public Response putAside(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> letter, Exception exception) {
        if (registryUnavailable(exception)) {
            LOG.error("the schema registry did not answer while reading {}-{}@{}; stopping rather than putting the record aside",
                    context.topic(), context.partition(), context.offset(), exception);
            return Response.fail();
        }
        send(letter);
        return Response.resume(List.of());
    }

    /**
     * True when the record could not be read because of the schema registry, not because its bytes are
     * bad: no connection, a 5xx, or any answer but "no such schema" (a wrong registry path answers 404
     * to every id). An id the registry says it never gave ({@code error_code} 40403) is bad bytes.
     */
    public static boolean registryUnavailable(Throwable exception) {
        for (Throwable c = exception; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SchemaRegistryException e) {
                return e.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND;
            }
        }
        return false;
    }

    /**
     * Waits for the broker. When the send fails, the record is logged whole (key and value in Base64)
     * rather than lost unseen, and the thread goes on: one unreadable record must not stop the
     * service. Rare, so a producer per letter.
     */
    private void send(ProducerRecord<byte[], byte[]> letter) {
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
            producer.send(letter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logUnsent(letter, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // anything thrown out of the handler would kill the global thread, and the client with it
            logUnsent(letter, e);
        } finally {
            closeQuietly(producer);
        }
    }

    /**
     * The service's own client settings (security included), built on the first letter only: a
     * StreamsConfig logs every setting, and there is a handler per task. Empty when the configuration
     * holds no application id or bootstrap servers (a test's handler).
     */
    private Map<String, Object> producerConfig() {
        if (producerConfig != null) {
            return producerConfig;
        }
        if (!streamsConfigs.containsKey(StreamsConfig.APPLICATION_ID_CONFIG) || !streamsConfigs.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            producerConfig = Map.of();
            return producerConfig;
        }
        Map<String, Object> producer = new HashMap<>(new StreamsConfig(streamsConfigs).getProducerConfigs(
                streamsConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-global-dead-letters"));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        // bounded: under exactly-once Kafka Streams' producer defaults retry for ever, and the global
        // thread waits on this send
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_BOUND.toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_BOUND.toMillis());
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig = producer;
        return producerConfig;
    }

    private static void closeQuietly(KafkaProducer<byte[], byte[]> producer) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) { // after an interrupt, close throws: it must not leave the handler either
            LOG.warn("closing the dead-letter producer: {}", e.toString());
        }
    }

    private static void logUnsent(ProducerRecord<byte[], byte[]> letter, Exception e) {
        LOG.error("could not write the dead letter to {} ({}); the record, key and value in Base64: {} {}", letter.topic(), e.toString(),
                letter.key() == null ? "(none)" : Base64.getEncoder().encodeToString(letter.key()),
                letter.value() == null ? "(none)" : Base64.getEncoder().encodeToString(letter.value()));
    }
}
