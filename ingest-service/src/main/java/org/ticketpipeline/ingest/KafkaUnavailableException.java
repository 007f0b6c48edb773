package org.ticketpipeline.ingest;

/** Kafka did not acknowledge in time: the request answers 503 with Retry-After, and nothing is claimed as accepted. */
class KafkaUnavailableException extends RuntimeException {

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
