package org.ticketpipeline.classifier;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.ticketpipeline.classifier.app.DeadLetters;

/** The service's processing handler, keeping what it dead-letters: the test driver does not capture it. */
public final class RecordingDeadLetters implements ProcessingExceptionHandler {

    static final List<ProducerRecord<byte[], byte[]>> SENT = new CopyOnWriteArrayList<>();
    private final DeadLetters.OnProcessing handler = new DeadLetters.OnProcessing();

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Response response = handler.handleError(context, record, exception);
        SENT.addAll(response.deadLetterQueueRecords());
        return response;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
