package org.ticketpipeline.reading;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The tables cannot be read because the service's Kafka Streams stopped (ERROR, or shutting down), not
 * because they are still loading: no wait brings them back in this process, which is stopping (see
 * {@link StopOnStreamsError}). Said as a 503 so a client retries against the restarted service, and
 * kept apart from a failed write, which it is not.
 */
final class TablesStopped extends RuntimeException {

    private final KafkaStreams.State state;

    TablesStopped(KafkaStreams.State state, Throwable cause) {
        super("the reading service's tables are not served: Kafka Streams is " + state, cause);
        this.state = state;
    }

    KafkaStreams.State state() {
        return state;
    }

    /** The answer to a request that needed the tables. */
    MutableHttpResponse<Problem> response() {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Not serving",
                        "the reading service's tables stopped (Kafka Streams " + state + "); the service is stopping to be started again: retry shortly")
                .header("Retry-After", "10");
    }
}
