package org.ticketpipeline.classifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
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
        handler.configure(configs);
    }

    /** Test driver settings as the service runs: exactly-once, its dead-letter handlers (this one recording). */
    static Properties driverProperties(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "classifier-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnDeserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RecordingDeadLetters.class);
        return props;
    }
}
