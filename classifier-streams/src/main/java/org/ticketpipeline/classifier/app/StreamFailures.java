package org.ticketpipeline.classifier.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.streams.StopOnError;

/**
 * What the classifier does when a stream thread fails. Once, it is replaced: a failure that passes (a
 * broker that moved a partition away mid-commit) costs one restore. Again and again, it is not: a failure
 * every replacement meets (a full disk under the state directory, a transaction the broker cannot
 * replicate) would loop for ever with a stack trace each time, while nothing is sorted and /health counts
 * the rebalancing as up. After {@value #MAX_FAILURES} failures within {@link #WITHIN}, and whenever Kafka
 * Streams goes to ERROR (the global thread, which cannot be replaced, failed), the service is stopped, so
 * a supervisor starts it again and says so.
 */
final class StreamFailures implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFailures.class);
    static final int MAX_FAILURES = 5;
    static final Duration WITHIN = Duration.ofMinutes(10);

    private final StopOnError stop;
    private final LongSupplier nanoTime;
    private final Deque<Long> failures = new ArrayDeque<>();

    StreamFailures(Runnable stop) {
        this(stop, System::nanoTime);
    }

    StreamFailures(Runnable stop, LongSupplier nanoTime) {
        this.stop = new StopOnError("the classifier's Kafka Streams", stop);
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        stop.failed(exception);
        long now = nanoTime.getAsLong();
        failures.addLast(now);
        while (now - failures.peekFirst() > WITHIN.toNanos()) {
            failures.removeFirst();
        }
        if (failures.size() >= MAX_FAILURES) {
            LOG.error("a stream thread failed {} times within {} min, the last because {}: stopping the classifier rather than "
                    + "replacing it again", failures.size(), WITHIN.toMinutes(), StopOnError.rootCause(exception), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed ({} within {} min); replacing it", failures.size(), WITHIN.toMinutes(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        stop.onChange(newState, oldState);
    }
}
