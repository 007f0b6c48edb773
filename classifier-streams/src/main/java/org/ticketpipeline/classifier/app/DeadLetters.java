package org.ticketpipeline.classifier.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.classifier.topology.BufferedEventFailed;
import org.ticketpipeline.classifier.topology.EventBeingLetOut;

/**
 * Unreadable records and records whose processing throws go to {@code <source topic>.dlt} (a
 * repartition topic's to that of the topic it carries: {@link DeadLetterRoutes}), byte for byte, with
 * the task, topic, partition, offset, processor and reason in headers; the stream goes on.
 * Kafka Streams' own dead-letter support (KIP-1034) writes one topic per application; we keep one per
 * source topic, as the rest of the pipeline does, through the same handler responses.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration GLOBAL_SEND_TIMEOUT = Duration.ofSeconds(30);

    public static final String REASON = "dlt.reason";
    public static final String EXCEPTION = "dlt.exception";
    public static final String TASK = "dlt.task";
    public static final String TOPIC = "dlt.topic";
    public static final String PARTITION = "dlt.partition";
    public static final String OFFSET = "dlt.offset";
    public static final String PROCESSOR = "dlt.processor";
    /**
     * Where it failed: {@code reading} (it could not be deserialised), {@code sorting} (it waited in the
     * sorting's buffer and was never sorted) or {@code after-sorting} (it was sorted and kept first).
     */
    public static final String STAGE = "dlt.stage";
    /** The stage of a record that could not be deserialised; the others are {@link BufferedEventFailed.Stage}'s. */
    public static final String READING = "reading";

    private DeadLetters() {
    }

    static ProducerRecord<byte[], byte[]> deadLetter(DeadLetterRoutes routes, ErrorHandlerContext context, byte[] key, byte[] value,
                                                     Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        context.headers().forEach(headers::add);
        addWhyAndWhere(headers, exception.getMessage(), exception.getClass(), context, context.topic());
        headers.add(PARTITION, bytes(String.valueOf(context.partition())));
        headers.add(OFFSET, bytes(String.valueOf(context.offset())));
        LOG.warn("dead-lettering record {}-{}@{} (task {}, processor {}): {}", context.topic(), context.partition(),
                context.offset(), context.taskId(), context.processorNodeId(), exception.toString());
        return new ProducerRecord<>(routes.deadLetterTopicOf(context.topic()), null, key, value, headers);
    }

    /** A buffered event: where and when it was read is not known any more, so only its topic, task and processor are told. */
    static ProducerRecord<byte[], byte[]> deadLetter(DeadLetterRoutes routes, BufferedEventFailed failed, ErrorHandlerContext context) {
        RecordHeaders headers = new RecordHeaders();
        addWhyAndWhere(headers, failed.getMessage(), failed.getCause() == null ? failed.getClass() : failed.getCause().getClass(),
                context, failed.topic());
        headers.add(STAGE, bytes(failed.stage().header()));
        LOG.warn("dead-lettering a buffered event of {} (task {}, processor {}): {}", failed.topic(), context.taskId(),
                context.processorNodeId(), failed.getMessage());
        return new ProducerRecord<>(routes.deadLetterTopicOf(failed.topic()), null, failed.key(), failed.value(), headers);
    }

    private static void addWhyAndWhere(RecordHeaders headers, String reason, Class<?> exception, ErrorHandlerContext context, String topic) {
        headers.add(REASON, bytes(String.valueOf(reason)));
        headers.add(EXCEPTION, bytes(exception.getName()));
        headers.add(TASK, bytes(String.valueOf(context.taskId())));
        headers.add(TOPIC, bytes(topic));
        headers.add(PROCESSOR, bytes(String.valueOf(context.processorNodeId())));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** For records that cannot be deserialised. */
    public static final class OnDeserialization implements DeserializationExceptionHandler {

        private DeadLetterRoutes routes = DeadLetterRoutes.fromConfig(Map.of());
        private Map<String, Object> producerConfig = Map.of();

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            ProducerRecord<byte[], byte[]> letter = deadLetter(routes, context, record.key(), record.value(), exception);
            // not read, so never seen by the replay check: it can go back under its own id
            letter.headers().add(STAGE, bytes(READING));
            if (routes.readByGlobalThread(context.topic())) {
                // Kafka Streams 4.2 cannot write a global thread's dead letters: it casts the global
                // context to a record collector and the global thread dies with a ClassCastException,
                // taking the whole client down (apache/kafka PR 21535). So the letter is sent here.
                sendFromTheGlobalThread(letter);
                return Response.resume(List.of());
            }
            return Response.resume(List.of(letter));
        }

        /**
         * Waits for the broker's acknowledgement: the global thread then goes on past the record. When
         * the send fails, the record is logged whole (key and value in Base64) rather than lost unseen, and
         * the thread still goes on: one unreadable release must not stop every ticket from being sorted.
         */
        private void sendFromTheGlobalThread(ProducerRecord<byte[], byte[]> letter) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(letter).get(GLOBAL_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                logUnsent(letter, e);
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                logUnsent(letter, e);
            }
        }

        private static void logUnsent(ProducerRecord<byte[], byte[]> letter, Exception e) {
            LOG.error("could not write the dead letter to {} ({}); the record, key and value in Base64: {} {}", letter.topic(), e.toString(),
                    letter.key() == null ? "(none)" : Base64.getEncoder().encodeToString(letter.key()),
                    letter.value() == null ? "(none)" : Base64.getEncoder().encodeToString(letter.value()));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            routes = DeadLetterRoutes.fromConfig(configs);
            if (configs.containsKey(StreamsConfig.APPLICATION_ID_CONFIG) && configs.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                // the service's own client settings (security included), for the global thread's letters
                Map<String, Object> producer = new HashMap<>(new StreamsConfig(configs).getProducerConfigs(
                        configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-global-dead-letters"));
                producer.put(ProducerConfig.ACKS_CONFIG, "all");
                producerConfig = producer;
            }
        }
    }

    /**
     * For records whose processing throws: the source record's raw bytes go to the dead-letter topic;
     * an event that failed after waiting in the sorting's buffer, in the sorting or in a processor
     * after it, goes there as itself.
     */
    public static final class OnProcessing implements ProcessingExceptionHandler {

        private DeadLetterRoutes routes = DeadLetterRoutes.fromConfig(Map.of());

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (exception instanceof BufferedEventFailed failed) {
                return Response.resume(List.of(deadLetter(routes, failed, context)));
            }
            Optional<BufferedEventFailed> letOut = EventBeingLetOut.failedAfterSorting(exception);
            if (letOut.isPresent()) {
                return Response.resume(List.of(deadLetter(routes, letOut.get(), context)));
            }
            if (context.topic() == null) {
                // thrown by a punctuation: there is no record in hand to dead-letter
                LOG.error("a punctuation failed (task {}, processor {}, record key {}); going on", context.taskId(), context.processorNodeId(),
                        record == null ? null : record.key(), exception);
                return Response.resume(List.of());
            }
            return Response.resume(List.of(deadLetter(routes, context, context.sourceRawKey(), context.sourceRawValue(), exception)));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            routes = DeadLetterRoutes.fromConfig(configs);
        }
    }
}
