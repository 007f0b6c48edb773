package org.ticketpipeline.reading;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.ticketpipeline.schemas.topic.DeadLetterRecords;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * A record the reading service cannot read from one of its global tables goes to {@code <topic>.dlt},
 * byte for byte with why and where, and the tables go on. Kafka Streams' default stops the client
 * for good: restored from the same compacted topic at every start, the record would stop it again.
 * The letter is sent here, not handed back, because Kafka Streams cannot write a global thread's.
 */
public final class UnreadableRecords implements DeserializationExceptionHandler {

    private Map<String, Object> producerConfig = Map.of();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.asRead(Topic.deadLetterNameOf(context.topic()), context,
                record.key(), record.value(), exception);
        letter.headers().add(DeadLetterRecords.STAGE, DeadLetterRecords.bytes(DeadLetterRecords.READING));
        DeadLetterRecords.sendFromGlobalThread(producerConfig, letter);
        return Response.resume(List.of());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        producerConfig = DeadLetterRecords.globalThreadProducerConfig(configs);
    }
}
