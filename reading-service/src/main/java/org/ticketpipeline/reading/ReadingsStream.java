package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
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
 * moment of connection.
 */
@Context
@Controller("/v1/readings")
class ReadingsStream {

    private final TopicFollower<Reading> readings;
    private final JsonMapper json;

    /** Takes the view so that it is built first: it creates the readings topic this follows. */
    ReadingsStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view) {
        this.json = json;
        this.readings = new TopicFollower<>(kafka.getBootstrapServers(), settings.getApplicationId() + "-sse", settings.getReadingsTopic(),
                new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), Reading.class));
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream() {
        return Flux.concat(Flux.just(Event.of("{}").name("connected")), events());
    }

    /** The readings as events named after their kind. */
    Flux<Event<String>> events() {
        return readings.values().map(r -> Event.of(toJson(r)).name(r.getKind().name().toLowerCase(Locale.ROOT)).id(r.getReadingId()));
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
