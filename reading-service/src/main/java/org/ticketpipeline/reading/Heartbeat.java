package org.ticketpipeline.reading;

import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * A {@code heartbeat} server-sent event every {@code reading.heartbeat-interval}, merged into a stream:
 * a client can tell a quiet stream from a dropped one, and the server's idle timeout does not close a
 * connection that is only waiting for the next reading.
 */
final class Heartbeat {

    private Heartbeat() {
    }

    static Flux<Event<String>> every(Duration interval) {
        // a tick with no demand is dropped: Flux.interval ends the whole stream with an overflow error when a
        // client has stopped reading for a while, and a heartbeat nobody reads is worth nothing
        return Flux.interval(interval).onBackpressureDrop().map(i -> Event.of(at()).name("heartbeat"));
    }

    /**
     * The data of a stream's first event: when, and how often a heartbeat follows, so a client can tell how
     * long a silence means a dropped connection (the interval is a setting).
     */
    static String connected(Duration interval) {
        return "{\"at\":\"" + Instant.now() + "\",\"heartbeatMs\":" + interval.toMillis() + "}";
    }

    /** The data of a heartbeat: when it was sent. */
    static String at() {
        return "{\"at\":\"" + Instant.now() + "\"}";
    }
}
