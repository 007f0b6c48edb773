package org.ticketpipeline.reading;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.ticketpipeline.schemas.topic.DeadLetterRecords;
import org.ticketpipeline.schemas.topic.GlobalThreadLetters;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * A record the reading service cannot read from one of its global tables goes to {@code <topic>.dlt},
 * byte for byte with why and where, and the tables go on. Kafka Streams' default stops the client
 * for good. When the schema registry does not answer, the record is not put aside: the service stops.
 * The letter is sent by {@link GlobalThreadLetters}: Kafka Streams cannot write a global thread's.
 */
public final class UnreadableRecords implements DeserializationExceptionHandler {

    private GlobalThreadLetters letters = new GlobalThreadLetters(Map.of());

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.asRead(Topic.deadLetterNameOf(context.topic()), context,
                record.key(), record.value(), exception);
        letter.headers().add(DeadLetterRecords.STAGE, DeadLetterRecords.bytes(DeadLetterRecords.READING));
        return letters.putAside(context, letter, exception);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        letters = new GlobalThreadLetters(configs);
    }
}
