package org.ticketpipeline.schemas.streams;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a service, once, when its Kafka Streams goes to ERROR: a client in ERROR never runs again, and
 * the process would stay up serving and sorting nothing. Stopped, a supervisor starts it again, and the
 * new start restores its state from its topics. Both services' failure handlers tell it the failure they
 * saw, so the line that says why names its innermost cause.
 */
public final class StopOnError implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StopOnError.class);

    private final String what;
    private final Runnable stop;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Throwable failure;

    /**
     * @param what the streams, as the log names them ("the reading service's tables")
     * @param stop stops the service; called once, on the thread that moved Kafka Streams to ERROR
     */
    public StopOnError(String what, Runnable stop) {
        this.what = what;
        this.stop = stop;
    }

    /** The failure that is taking the client down, for the line that says why. */
    public void failed(Throwable exception) {
        failure = exception;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR && stopping.compareAndSet(false, true)) {
            LOG.error("{} stopped (Kafka Streams {} -> ERROR) because {}; stopping the service so that it is started again", what, oldState,
                    failure == null ? "of a failure logged above" : rootCause(failure));
            stop.run();
        }
    }

    /** The innermost reason, where the registry's or the broker's own words are. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
