package org.ticketpipeline.reading;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.topic.DeadLetterRecords;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * A record the reading service cannot read from one of its global tables goes to {@code <topic>.dlt},
 * byte for byte with why and where, and the tables go on. Kafka Streams' default stops the client
 * for good. When the schema registry does not answer, the record is not put aside: the service stops.
 * The letter is sent here, not handed back, because Kafka Streams cannot write a global thread's.
 */
public final class UnreadableRecords implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRecords.class);

    private Map<String, ?> configs = Map.of();
    private Map<String, Object> producerConfig;

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (DeadLetterRecords.registryUnavailable(exception)) {
            // what the record is cannot be known (a subscription, say), and a table has no redrive: stop rather than lose it
            LOG.error("the schema registry did not answer while reading {}-{}@{}; stopping rather than putting the record aside",
                    context.topic(), context.partition(), context.offset(), exception);
            return Response.fail();
        }
        if (producerConfig == null) {
            // built on the first letter only: a StreamsConfig logs every setting
            producerConfig = DeadLetterRecords.globalThreadProducerConfig(configs);
        }
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.asRead(Topic.deadLetterNameOf(context.topic()), context,
                record.key(), record.value(), exception);
        letter.headers().add(DeadLetterRecords.STAGE, DeadLetterRecords.bytes(DeadLetterRecords.READING));
        DeadLetterRecords.sendFromGlobalThread(producerConfig, letter);
        return Response.resume(List.of());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = new java.util.HashMap<>(configs);
    }
}
