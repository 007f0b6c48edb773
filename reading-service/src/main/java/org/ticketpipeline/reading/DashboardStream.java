package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import reactor.core.publisher.Flux;

/**
 * What the dashboard page listens to, {@code GET /v1/dashboard/stream}: one server-sent event stream
 * with every release-watch snapshot as it is published (event {@code watch}: the watch answer and its
 * reading, so the page needs no second request that could race the store), every reading (events
 * named after their kind), and a {@code heartbeat} every {@code reading.heartbeat-interval} so the
 * page can tell a quiet stream from a dropped one. The first event, {@code connected}, tells the page
 * to (re)load what it shows.
 */
@Context
@Controller
class DashboardStream {

    private final TopicFollower<ReleaseWatch> watches;
    private final ReadingsStream readings;
    private final JsonMapper json;
    private final Duration heartbeat;

    /** Takes the view so that it is built first: it creates the topics this follows. */
    DashboardStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view, ReadingsStream readings) {
        this.json = json;
        this.readings = readings;
        this.heartbeat = settings.getHeartbeatInterval();
        this.watches = new TopicFollower<>(kafka.getBootstrapServers(), settings.getApplicationId() + "-dashboard",
                settings.getReleaseWatchTopic(), new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), ReleaseWatch.class));
    }

    /** The page lives under /dashboard/; the service's root leads there. */
    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/dashboard/"));
    }

    @Get(value = "/v1/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream() {
        // one stream, in the topic's order: a watch and its withdrawal merged from two could reach the page reversed
        Flux<Event<String>> watchEvents = watches.changes().map(change -> {
            if (change.gap()) {
                // following started again after a failure: what was written meanwhile is asked for again
                return Event.of("{}").name("reset");
            }
            if (change.tombstone()) {
                // a watch withdrawn (its release deleted, or sent again without its handoff): the page drops it
                return Event.of(withdrawnJson(change.key())).name("withdrawn");
            }
            ReleaseWatch w = change.value();
            return Event.of(watchJson(w)).name("watch").id(EventIds.oneLine(w.getReleaseId() + "@" + w.getUpdatedAt().toEpochMilli()));
        });
        return Flux.concat(Flux.just(Event.of(Heartbeat.connected(heartbeat)).name("connected")),
                // no replay: on connect the page loads what it shows
                Flux.merge(watchEvents, readings.everyReadingFromNow(), Heartbeat.every(heartbeat)));
    }

    private String withdrawnJson(String releaseId) {
        return asJson(Map.of("releaseId", releaseId), "the withdrawal of " + releaseId);
    }

    private String watchJson(ReleaseWatch w) {
        Instant now = Instant.now();
        return asJson(Map.of("watch", WatchAnswer.of(w, now), "reading", ReleaseReading.of(w, now)), "the watch of " + w.getReleaseId());
    }

    private String asJson(Object event, String what) {
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + what, e);
        }
    }

    @PreDestroy
    void close() {
        watches.close();
    }
}
