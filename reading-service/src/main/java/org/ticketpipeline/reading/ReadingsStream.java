package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import reactor.core.publisher.Flux;

/**
 * {@code GET /v1/readings/stream}: every reading published on the {@code readings} topic, by any
 * instance, as server-sent events (event name: the reading's kind, id: its reading id); between them a
 * {@code heartbeat} every {@code reading.heartbeat-interval}, as on the dashboard's stream: readings come
 * once a week, and a connection that quiet would be closed by the server's idle timeout. A client that
 * names no event gets the readings from the moment of connection. One that comes back with
 * {@code Last-Event-ID} (as a browser's EventSource does by itself) is first given the readings written
 * after that one, of the last {@code reading.stream-replay}; one whose event is not kept, or unknown, is
 * told so ({@code missed}), with the newest reading's id as its place from then on. {@code product},
 * {@code kind} and {@code audience} keep only the readings a client asks for.
 */
@Context
@Controller("/v1/readings")
class ReadingsStream {

    /** The most readings kept for clients that reconnect, whatever their age: a few a week per product is the usual. */
    static final int MAX_KEPT = 10_000;
    /** How far a client may fall behind what comes before its stream is ended (it comes back with its last id). */
    static final int MAX_BEHIND = 1_024;
    /** How long a client waits for the service to read the topic up to its event before it is told the event is not held. */
    static final Duration WAIT_FOR_UNHELD = Duration.ofSeconds(10);

    /** The kinds of reading, as events are named after them. */
    static final List<String> KINDS = Arrays.stream(ReadingKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();

    /** A reading as the stream sends it, with what a client may ask for it by. */
    record Streamed(String product, String kind, String audience, Event<String> event) {
    }

    private final ReplayLog<Streamed> recent;
    private final ReadingHistory<Streamed> history;
    private final JsonMapper json;
    private final Duration heartbeat;
    private final Duration replayWindow;

    /** Takes the view so that it is built first: it creates the readings topic this follows. */
    ReadingsStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view) {
        this.json = json;
        this.heartbeat = settings.getHeartbeatInterval();
        this.replayWindow = settings.getStreamReplay();
        Clock clock = Clock.systemUTC();
        this.recent = new ReplayLog<>(MAX_KEPT, replayWindow, WAIT_FOR_UNHELD, MAX_BEHIND, clock);
        this.history = new ReadingHistory<>(kafka.getBootstrapServers(), settings.getApplicationId() + "-sse", settings.getReadingsTopic(),
                new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), Reading.class), replayWindow, recent,
                this::streamed, clock);
    }

    /**
     * Every reading as a server-sent event, after those a reconnecting client missed. {@code product}, {@code kind}
     * and {@code audience}, each optional, keep only the readings a client asks for (a trio following its own
     * product's weekly readings), in a replay too.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ApiResponse(responseCode = "200", description = "the readings as server-sent events",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM))
    @ApiResponse(responseCode = "400", description = "a kind or an audience that is not one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> stream(@Nullable @Header("Last-Event-ID") String lastEventId, @Nullable @QueryValue String product,
                           @Nullable @QueryValue @Parameter(schema = @Schema(allowableValues = {"weekly", "release_watch", "theme_spike"})) String kind,
                           @Nullable @QueryValue @Parameter(schema = @Schema(allowableValues = {"trio", "exec", "squad"})) String audience) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String wantedKind = given(kind);
        String wantedAudience = given(audience);
        if (wantedKind != null && !KINDS.contains(wantedKind)) {
            errors.add(new Problem.FieldError("kind", Problem.quoted(kind) + " is not one of " + String.join(" / ", KINDS)
                    + " (the reading's kind, not a subscription's)"));
        }
        if (wantedAudience != null && !ReadingText.AUDIENCES.contains(wantedAudience)) {
            errors.add(new Problem.FieldError("audience", Problem.quoted(audience) + " is not one of " + String.join(" / ", ReadingText.AUDIENCES)));
        }
        if (!errors.isEmpty()) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Unknown filter",
                    "kind must be weekly, release_watch or theme_spike; audience trio, exec or squad", errors.toArray(Problem.FieldError[]::new));
        }
        String wantedProduct = given(product);
        Predicate<Streamed> wanted = r -> (wantedProduct == null || wantedProduct.equals(r.product()))
                && (wantedKind == null || wantedKind.equals(r.kind())) && (wantedAudience == null || wantedAudience.equals(r.audience()));
        // no replay kept: a reconnection starts from its own moment, as documented, rather than hear "missed" each time
        boolean asksForReplay = lastEventId != null && !lastEventId.isBlank() && !replayWindow.isZero();
        return HttpResponse.ok(connectedThen(events(asksForReplay ? asSent(lastEventId) : null, wanted), heartbeat))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    /** A query value as asked: null when absent or blank (a form sends an empty field), without outer spaces. */
    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code connected} first, then the readings as they come, and a heartbeat every interval between them. */
    static Flux<Event<String>> connectedThen(Flux<Event<String>> readings, Duration heartbeat) {
        return Flux.concat(Flux.just(Event.of(Heartbeat.connected(heartbeat)).name("connected")), Flux.merge(readings, Heartbeat.every(heartbeat)));
    }

    /** Every reading from now on, as events named after their kind: what the dashboard's stream carries. */
    Flux<Event<String>> everyReadingFromNow() {
        return events(null, r -> true);
    }

    /**
     * The readings the client wants, after those it missed ({@code lastEventId} null: none). A reading it does not
     * want is sent as {@code passed}, its id alone: a browser keeps the id of the last event, so its place moves on
     * with the topic, and a filter that matches a reading a month does not find its place out of the replay window
     * at the next reconnection.
     */
    Flux<Event<String>> events(String lastEventId, Predicate<Streamed> wanted) {
        return recent.follow(lastEventId).handle((item, out) -> {
            if (item instanceof ReplayLog.Given<Streamed> given) {
                out.next(wanted.test(given.entry().value()) ? given.entry().value().event()
                        : Event.of("{}").name("passed").id(given.entry().eventId()));
            } else {
                out.next(missed((ReplayLog.NotHeld<Streamed>) item));
            }
        });
    }

    /**
     * A header's value as the client's bytes meant it: a browser sends {@code Last-Event-ID} as UTF-8, and the
     * server reads header bytes as ISO-8859-1, so an id with "é" in it would never match. A value whose bytes
     * are not UTF-8 is kept as read.
     */
    static String asSent(String header) {
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        if (!new String(bytes, StandardCharsets.ISO_8859_1).equals(header)) {
            return header; // already more than ISO-8859-1: decoded as characters, not bytes
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return header;
        }
    }

    Streamed streamed(Reading r) {
        String kind = r.getKind().name().toLowerCase(Locale.ROOT);
        return new Streamed(r.getProduct(), kind, r.getAudience(), Event.of(toJson(r)).name(kind).id(EventIds.oneLine(r.getReadingId())));
    }

    /**
     * Said instead of a replay: the client's last event is not among the readings kept, so some may have come
     * that it will not be given. Its id is the newest reading's, the client's place from now on: it is given
     * what comes from here, and is not told again at its next reconnection. With no reading kept at all, the id
     * is empty, which clears the client's place (a browser then reconnects without {@code Last-Event-ID}) for
     * the same reason; but while the topic is still being read the place is left as it was, since its reading
     * may yet be found there.
     */
    private Event<String> missed(ReplayLog.NotHeld<Streamed> notHeld) {
        String reason = notHeld.stillReading()
                ? "the service could not read the readings up to now within " + span(WAIT_FOR_UNHELD)
                + " (the broker or the schema registry away?): readings written since it may be missing from this stream"
                : "not among the readings of the last " + span(replayWindow) + " (at most " + MAX_KEPT
                + ") this service keeps: readings written since it may be missing from this stream";
        Map<String, String> data = new LinkedHashMap<>();
        data.put("lastEventId", notHeld.lastEventId());
        data.put("reason", reason);
        Event<String> event;
        try {
            event = Event.of(json.writeValueAsString(data)).name("missed");
        } catch (IOException e) {
            event = Event.of("{}").name("missed");
        }
        if (notHeld.newestHeld() != null) {
            return event.id(notHeld.newestHeld());
        }
        return notHeld.stillReading() ? event : event.id("");
    }

    /** "14 days", "6 hours", "90 s": as a reader says it. */
    static String span(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
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
