package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
 * the server's idle timeout.
 */
@Context
@Controller("/v1/readings")
class ReadingsStream {

    private final TopicFollower<Reading> readings;
    private final JsonMapper json;
    private final Duration heartbeat;

    /** Takes the view so that it is built first: it creates the readings topic this follows. */
    ReadingsStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view) {
        this.json = json;
        this.heartbeat = settings.getHeartbeatInterval();
        this.readings = new TopicFollower<>(kafka.getBootstrapServers(), settings.getApplicationId() + "-sse", settings.getReadingsTopic(),
                new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), Reading.class));
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream() {
        return connectedThen(events(), heartbeat);
    }

    /** {@code connected} first, then the readings as they come, and a heartbeat every interval between them. */
    static Flux<Event<String>> connectedThen(Flux<Event<String>> readings, Duration heartbeat) {
        return Flux.concat(Flux.just(Event.of(Heartbeat.connected(heartbeat)).name("connected")), Flux.merge(readings, Heartbeat.every(heartbeat)));
    }

    /** The readings as events named after their kind. */
    Flux<Event<String>> events() {
        return readings.values().map(r -> Event.of(toJson(r)).name(r.getKind().name().toLowerCase(Locale.ROOT)).id(EventIds.oneLine(r.getReadingId())));
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
        readings.close();
    }
}
