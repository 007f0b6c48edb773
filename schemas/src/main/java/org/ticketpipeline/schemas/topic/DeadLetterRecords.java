package org.ticketpipeline.schemas.topic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/**
 * Dead letters as every service writes them: the record byte for byte, with why and where in headers,
 * and the way to send one from a Kafka Streams global thread.
 */
public final class DeadLetterRecords {

    public static final String REASON = "dlt.reason";
    public static final String EXCEPTION = "dlt.exception";
    public static final String TASK = "dlt.task";
    public static final String TOPIC = "dlt.topic";
    public static final String PARTITION = "dlt.partition";
    public static final String OFFSET = "dlt.offset";
    public static final String PROCESSOR = "dlt.processor";
    /** Where it failed; {@link #READING} for a record that could not be deserialised. */
    public static final String STAGE = "dlt.stage";
    public static final String READING = "reading";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecords.class);
    private static final Duration SEND_BOUND = Duration.ofSeconds(10);
    private static final Duration GLOBAL_SEND_TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterRecords() {
    }

    /** The record as it was read, for {@code deadLetterTopic}, with the reason, task, processor, topic, partition and offset. */
    public static ProducerRecord<byte[], byte[]> asRead(String deadLetterTopic, ErrorHandlerContext context, byte[] key, byte[] value,
                                                        Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        context.headers().forEach(headers::add);
        addWhyAndWhere(headers, exception.getMessage(), exception.getClass(), context, context.topic());
        headers.add(PARTITION, bytes(String.valueOf(context.partition())));
        headers.add(OFFSET, bytes(String.valueOf(context.offset())));
        LOG.warn("dead-lettering record {}-{}@{} (task {}, processor {}): {}", context.topic(), context.partition(),
                context.offset(), context.taskId(), context.processorNodeId(), exception.toString());
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    public static void addWhyAndWhere(RecordHeaders headers, String reason, Class<?> exception, ErrorHandlerContext context, String topic) {
        headers.add(REASON, bytes(String.valueOf(reason)));
        headers.add(EXCEPTION, bytes(exception.getName()));
        headers.add(TASK, bytes(String.valueOf(context.taskId())));
        headers.add(TOPIC, bytes(topic));
        headers.add(PROCESSOR, bytes(String.valueOf(context.processorNodeId())));
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The producer settings for a global thread's dead letters: the service's own client settings
     * (security included) from the configuration Kafka Streams hands a handler; empty when it holds no
     * application id or bootstrap servers (a test's handler).
     */
    public static Map<String, Object> globalThreadProducerConfig(Map<String, ?> streamsConfigs) {
        if (!streamsConfigs.containsKey(StreamsConfig.APPLICATION_ID_CONFIG) || !streamsConfigs.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            return Map.of();
        }
        Map<String, Object> producer = new HashMap<>(new StreamsConfig(streamsConfigs).getProducerConfigs(
                streamsConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-global-dead-letters"));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        // bounded: under exactly-once Kafka Streams' producer defaults retry for ever, and the global
        // thread waits on this send
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_BOUND.toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_BOUND.toMillis());
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) GLOBAL_SEND_TIMEOUT.toMillis());
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return producer;
    }

    /**
     * Sends a dead letter from a global thread and waits for the broker. Kafka Streams 4.2 cannot write
     * one itself: it casts the global context to a record collector and the global thread dies with a
     * ClassCastException, taking the whole client down (apache/kafka PR 21535). When the send fails,
     * the record is logged whole (key and value in Base64) rather than lost unseen, and the thread goes
     * on: one unreadable record must not stop the service. Rare, so a producer per letter.
     */
    public static void sendFromGlobalThread(Map<String, Object> producerConfig, ProducerRecord<byte[], byte[]> letter) {
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            producer.send(letter).get(GLOBAL_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
     * True when the record could not be read because of the schema registry, not because its bytes are
     * bad: no connection, a 5xx, or any answer but "no such schema" (a wrong registry path answers 404
     * to every id). What the record is cannot be known then, so a global thread must not put it aside.
     * An id the registry says it never gave ({@code error_code} 40403) is bad bytes.
     */
    public static boolean registryUnavailable(Throwable exception) {
        for (Throwable c = exception; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SchemaRegistryException e) {
                return e.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND;
            }
        }
        return false;
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
