package org.ticketpipeline.reading;

import org.apache.kafka.streams.KafkaStreams;
import org.ticketpipeline.schemas.streams.StopOnError;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the reading service does when its Kafka Streams fails for good. Its tables are global stores,
 * kept by the one global thread, which cannot be replaced: when it fails (the schema registry away while
 * it reads a record whose schema it has not cached, say) Kafka Streams goes to ERROR, and the process
 * would stay up serving nothing and delivering nothing. As the classifier does for its stream threads,
 * the failure is logged at ERROR with its cause; then, once the client is in ERROR, the service is
 * stopped, so that a supervisor starts it again and the new start restores the tables from their topics.
 */
final class StopOnStreamsError implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StopOnStreamsError.class);

    private final StopOnError stop;

    /** @param stop stops the service; called once, on the thread that moved Kafka Streams to ERROR */
    StopOnStreamsError(Runnable stop) {
        this.stop = new StopOnError("the reading service's tables", stop);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        stop.failed(exception);
        LOG.error("the reading service's table thread failed: {}", exception.toString(), exception);
        // what Kafka Streams does for a global thread anyway (it cannot be replaced), said plainly
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        stop.onChange(newState, oldState);
    }

    /** The innermost reason, where the registry's or the broker's own words are. */
    static String rootCause(Throwable e) {
        return StopOnError.rootCause(e);
    }
}
