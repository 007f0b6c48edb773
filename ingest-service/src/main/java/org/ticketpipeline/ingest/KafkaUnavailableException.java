package org.ticketpipeline.ingest;

/**
 * Kafka did not acknowledge in time: the request answers 503 with Retry-After, and nothing is claimed as
 * accepted. Some records of a batch may still have been written ({@link #written()}); resending the whole
 * batch is safe, as a replayed event id counts once.
 */
class KafkaUnavailableException extends RuntimeException {

    private final int written;
    private final boolean registry;
    private final boolean lasting;
    private final String title;

    KafkaUnavailableException(String message, Throwable cause, int written) {
        this(message, cause, written, false);
    }

    /** @param registry whether the schema registry, not Kafka, is what did not answer */
    KafkaUnavailableException(String message, Throwable cause, int written, boolean registry) {
        this(message, cause, written, registry, false);
    }

    /**
     * @param lasting whether the registry answered and refused the schema (incompatible, invalid, not allowed):
     *     sending again will not do better until an operator changes something, so the answer is no 503
     */
    KafkaUnavailableException(String message, Throwable cause, int written, boolean registry, boolean lasting) {
        this(message, cause, written, registry, lasting, lasting ? (registry ? "Schema refused by the registry" : "Topics refused by Kafka")
                : (registry ? "Schema registry unavailable" : "Kafka unavailable"));
    }

    private KafkaUnavailableException(String message, Throwable cause, int written, boolean registry, boolean lasting, String title) {
        super(message, cause);
        this.written = written;
        this.registry = registry;
        this.lasting = lasting;
        this.title = title;
    }

    /** Kafka refused a write as no retry would change (no right to write, a record over the topic's own cap). */
    static KafkaUnavailableException writeRefused(String message, Throwable cause, int written) {
        return new KafkaUnavailableException(message, cause, written, false, true, "Write refused by Kafka");
    }

    /** The problem's title: which of the two the operator should look at, and whether waiting helps. */
    String title() {
        return title;
    }

    boolean lasting() {
        return lasting;
    }

    /** How many of the request's records Kafka did acknowledge before the failure. */
    int written() {
        return written;
    }
}
