package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import reactor.core.publisher.Flux;

/**
 * {@code GET /v1/readings/stream}: every reading published on the {@code readings} topic, by any
 * instance, as server-sent events (event name: the reading's kind, id: its reading id), from the
 * moment of connection; between them a {@code heartbeat} every {@code reading.heartbeat-interval}, as
 * on the dashboard's stream: readings come once a week, and a connection that quiet would be closed by
 * the server's idle timeout. A client that comes back with {@code Last-Event-ID} (as a browser's
 * EventSource does by itself) is first given the readings written after that one, from the last
 * {@code reading.stream-replay}; one whose event is older, or unknown, is told so ({@code missed}).
 */
@Context
@Controller("/v1/readings")
class ReadingsStream {

    /** The most readings kept for clients that reconnect, whatever their age: a few a week per product is the usual. */
    static final int MAX_REPLAYED = 10_000;

    private final ReplayLog<Reading> log;
    private final ReadingHistory history;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final Duration replay;

    /** Takes the view so that it is built first: it creates the readings topic this follows. */
    ReadingsStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view) {
        this.json = json;
        this.heartbeat = settings.getHeartbeatInterval();
        this.replay = settings.getStreamReplay();
        this.log = new ReplayLog<>(MAX_REPLAYED, replay, java.time.Clock.systemUTC());
        this.history = new ReadingHistory(kafka.getBootstrapServers(), settings.getApplicationId() + "-sse", settings.getReadingsTopic(),
                new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), Reading.class), replay, log);
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream(@Nullable @Header("Last-Event-ID") String lastEventId) {
        return connectedThen(events(lastEventId == null || lastEventId.isBlank() ? null : lastEventId), heartbeat);
    }

    /** {@code connected} first, then the readings as they come, and a heartbeat every interval between them. */
    static Flux<Event<String>> connectedThen(Flux<Event<String>> readings, Duration heartbeat) {
        return Flux.concat(Flux.just(Event.of(Heartbeat.connected(heartbeat)).name("connected")), Flux.merge(readings, Heartbeat.every(heartbeat)));
    }

    /** The readings as events named after their kind, after those a reconnecting client missed. */
    Flux<Event<String>> events(String lastEventId) {
        return log.follow(lastEventId).map(item -> item.entry() != null ? event(item.entry().value()) : missed(item.notHeld()));
    }

    private Event<String> event(Reading r) {
        return Event.of(toJson(r)).name(r.getKind().name().toLowerCase(Locale.ROOT)).id(EventIds.oneLine(r.getReadingId()));
    }

    /**
     * Said instead of a replay: the client's last event is not among the readings kept, so some may have come
     * that it will not be given. No id: the client's own last id stays its place.
     */
    private Event<String> missed(String lastEventId) {
        try {
            return Event.of(json.writeValueAsString(Map.of("lastEventId", lastEventId, "reason",
                    "not among the readings of the last " + span(replay) + " (at most " + MAX_REPLAYED
                            + ") this service keeps: readings written since it may be missing from this stream"))).name("missed");
        } catch (IOException e) {
            return Event.of("{}").name("missed");
        }
    }

    /** "14 days", "6 hours", "90 s": as a reader says it. */
    static String span(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " hours";
        }
        return duration.toSeconds() + " s";
    }

    private String toJson(Reading reading) {
        try {
            return json.writeValueAsString(Map.of("readingId", reading.getReadingId(), "kind", reading.getKind().name().toLowerCase(Locale.ROOT),
                    "product", reading.getProduct(), "audience", reading.getAudience(), "periodStart", reading.getPeriodStart().toString(),
                    "lines", reading.getLines(), "madeFrom", reading.getMadeFrom()));
        } catch (IOException e) {
            return "{}";
        }
    }

    @PreDestroy
    void close() {
        history.close();
    }
}
