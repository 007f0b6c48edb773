package org.ticketpipeline.schemas.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters as every service writes them: the record byte for byte, with why and where in headers
 * (a global thread's are sent by {@link GlobalThreadLetters}).
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
}
