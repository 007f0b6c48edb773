package org.ticketpipeline.classifier.topology;

/**
 * A value this stream thread holds for the length of one call, and only then. Kafka Streams runs the
 * processing exception handler synchronously inside a {@code forward}, on the thread that forwards, so
 * the handler can ask what was being forwarded; it is cleared when the call returns or throws.
 */
final class DuringCall<T> {

    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** Runs {@code call} with {@code value} held on this thread. */
    void run(T value, Runnable call) {
        current.set(value);
        try {
            call.run();
        } finally {
            current.remove();
        }
    }

    /** The value held on this thread, or null outside a call. */
    T current() {
        return current.get();
    }
}
