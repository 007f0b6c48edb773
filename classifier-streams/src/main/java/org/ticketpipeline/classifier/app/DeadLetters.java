package org.ticketpipeline.classifier.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.classifier.topology.BufferedEventFailed;
import org.ticketpipeline.classifier.topology.EventBeingLetOut;
import org.ticketpipeline.classifier.topology.CorrectionBeingApplied;
import org.ticketpipeline.classifier.topology.FailedWithItsOwnRecord;
import org.ticketpipeline.classifier.topology.HeldCorrectionFailed;
import org.ticketpipeline.schemas.topic.DeadLetterRecords;
import org.ticketpipeline.schemas.topic.GlobalThreadLetters;

/**
 * Unreadable records and records whose processing throws go to {@code <source topic>.dlt} (a
 * repartition topic's to that of the topic it carries: {@link DeadLetterRoutes}), byte for byte, with
 * the task, topic, partition, offset, processor and reason in headers; the stream goes on.
 * Kafka Streams' own dead-letter support (KIP-1034) writes one topic per application; we keep one per
 * source topic, as the rest of the pipeline does, through the same handler responses.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    public static final String REASON = DeadLetterRecords.REASON;
    public static final String EXCEPTION = DeadLetterRecords.EXCEPTION;
    public static final String TASK = DeadLetterRecords.TASK;
    public static final String TOPIC = DeadLetterRecords.TOPIC;
    public static final String PARTITION = DeadLetterRecords.PARTITION;
    public static final String OFFSET = DeadLetterRecords.OFFSET;
    public static final String PROCESSOR = DeadLetterRecords.PROCESSOR;
    /**
     * Where it failed: {@code reading} (it could not be deserialised), {@code before-sorting},
     * {@code sorting} (it waited in the sorting's buffer and was never sorted) or {@code after-sorting}
     * (it was sorted and kept first).
     */
    public static final String STAGE = DeadLetterRecords.STAGE;
    /** The stage of a record that could not be deserialised; the others are {@link BufferedEventFailed.Stage}'s. */
    public static final String READING = DeadLetterRecords.READING;
    /**
     * The stage of a record seen by the replay check but not sorted: one that failed in processing before
     * the sorting, or could not be read back from the service's own repartition topic.
     */
    public static final String BEFORE_SORTING = "before-sorting";

    private DeadLetters() {
    }

    static ProducerRecord<byte[], byte[]> deadLetter(DeadLetterRoutes routes, ErrorHandlerContext context, byte[] key, byte[] value,
                                                     Exception exception) {
        return DeadLetterRecords.asRead(routes.deadLetterTopicOf(context.topic()), context, key, value, exception);
    }

    /**
     * A record that waited (a buffered event, a held correction): where and when it was read is not known
     * any more, so only its topic, task and processor are told; an event also says the stage it failed in.
     */
    static ProducerRecord<byte[], byte[]> deadLetter(DeadLetterRoutes routes, FailedWithItsOwnRecord failed, ErrorHandlerContext context) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterRecords.addWhyAndWhere(headers, failed.getMessage(), failed.getCause() == null ? failed.getClass() : failed.getCause().getClass(),
                context, failed.topic());
        if (failed instanceof BufferedEventFailed event) {
            headers.add(STAGE, DeadLetterRecords.bytes(event.stage().header()));
        }
        LOG.warn("dead-lettering a record of {} that waited (task {}, processor {}): {}", failed.topic(), context.taskId(),
                context.processorNodeId(), failed.getMessage());
        return new ProducerRecord<>(routes.deadLetterTopicOf(failed.topic()), null, failed.key(), failed.value(), headers);
    }

    /**
     * True when a record failed because the schema registry could not be asked (down, a 5xx, a wrong
     * path), not because of what the record holds. Such a record is not put aside: every record read
     * while the registry is away would be, and a ticket already counted whose window entry went to a
     * dead-letter topic is not counted again when redriven. The stream thread fails instead and is
     * replaced ({@link StreamFailures}), reading the same record again; a registry away for good stops
     * the service, which says why.
     */
    static boolean registryAtFault(ErrorHandlerContext context, Throwable exception) {
        if (!GlobalThreadLetters.registryUnavailable(exception)) {
            return false;
        }
        LOG.error("the schema registry could not be asked while handling {}-{}@{} (task {}, processor {}); failing the stream thread "
                + "rather than putting the record aside", context.topic(), context.partition(), context.offset(), context.taskId(),
                context.processorNodeId(), exception);
        return true;
    }

    /** For records that cannot be deserialised. */
    public static final class OnDeserialization implements DeserializationExceptionHandler {

        private DeadLetterRoutes routes = DeadLetterRoutes.fromConfig(Map.of());
        private GlobalThreadLetters globalLetters = new GlobalThreadLetters(Map.of());

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            if (registryAtFault(context, exception)) {
                return Response.fail();
            }
            ProducerRecord<byte[], byte[]> letter = deadLetter(routes, context, record.key(), record.value(), exception);
            // read straight from the source, it was never seen by the replay check and can go back under
            // its own id; from one of the service's repartition topics, it was seen (before the repartition)
            letter.headers().add(STAGE, DeadLetterRecords.bytes(
                    routes.isRerouted(context.topic()) && routes.holdsTicketEvents(letter.topic()) ? BEFORE_SORTING : READING));
            return routes.readByGlobalThread(context.topic())
                    ? globalLetters.putAside(context, letter, exception)
                    : Response.resume(List.of(letter));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            routes = DeadLetterRoutes.fromConfig(configs);
            globalLetters = new GlobalThreadLetters(configs);
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
            if (registryAtFault(context, exception)) {
                return Response.fail();
            }
            if (exception instanceof FailedWithItsOwnRecord failed) {
                return Response.resume(List.of(deadLetter(routes, failed, context)));
            }
            Optional<BufferedEventFailed> letOut = EventBeingLetOut.failedAfterSorting(exception);
            if (letOut.isPresent()) {
                return Response.resume(List.of(deadLetter(routes, letOut.get(), context)));
            }
            Optional<HeldCorrectionFailed> applying = CorrectionBeingApplied.failedDownstream(exception);
            if (applying.isPresent()) {
                return Response.resume(List.of(deadLetter(routes, applying.get(), context)));
            }
            if (EventBeingLetOut.sendingAgain()) {
                // no event to dead-letter, and the record in hand was handled already: the ticket keeps its flag in
                // the sorting's state, and its next event carries it to tickets-sorted
                LOG.error("a ticket sent on again for its age failed after the sorting (task {}, processor {}); going on",
                        context.taskId(), context.processorNodeId(), exception);
                return Response.resume(List.of());
            }
            if (context.topic() == null) {
                // thrown by a punctuation: there is no record in hand to dead-letter
                LOG.error("a punctuation failed (task {}, processor {}, record key {}); going on", context.taskId(), context.processorNodeId(),
                        record == null ? null : record.key(), exception);
                return Response.resume(List.of());
            }
            ProducerRecord<byte[], byte[]> letter = deadLetter(routes, context, context.sourceRawKey(), context.sourceRawValue(), exception);
            if (routes.holdsTicketEvents(letter.topic())) {
                // said outright, so ./dead-letters never takes a SerializationException thrown here for an unread record
                letter.headers().add(STAGE, DeadLetterRecords.bytes(BEFORE_SORTING));
            }
            return Response.resume(List.of(letter));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            routes = DeadLetterRoutes.fromConfig(configs);
        }
    }
}
