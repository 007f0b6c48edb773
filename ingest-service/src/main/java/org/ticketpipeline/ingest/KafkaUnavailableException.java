package org.ticketpipeline.ingest;

/**
 * Kafka did not acknowledge in time: the request answers 503 with Retry-After, and nothing is claimed as
 * accepted. Some records of a batch may still have been written ({@link #written()}); resending the whole
 * batch is safe, as a replayed event id counts once.
 */
class KafkaUnavailableException extends RuntimeException {

    private final int written;

    KafkaUnavailableException(String message, Throwable cause, int written) {
        super(message, cause);
        this.written = written;
    }

    /** How many of the request's records Kafka did acknowledge before the failure. */
    int written() {
        return written;
    }
}
