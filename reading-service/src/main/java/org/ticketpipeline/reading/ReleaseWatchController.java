package org.ticketpipeline.reading;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ticketpipeline.schemas.ReleaseWatch;

/**
 * {@code GET /v1/releases/{id}/watch}: how a release's first 48 hours go against its brief; and
 * {@code GET /v1/releases/{id}/reading}: the same as a short reading with one voice-of-customer moment;
 * {@code GET /v1/releases}: the releases being watched and those recently closed.
 */
@Controller("/v1/releases")
@ExecuteOn(TaskExecutors.BLOCKING) // store scans, and the registry asked for a schema the first time: not on the event loop
class ReleaseWatchController {

    private final ThemeWindowsView view;

    ReleaseWatchController(ThemeWindowsView view) {
        this.view = view;
    }

    /** {@code GET /v1/releases[?product=][&closedWithinDays=14]}: releases being watched and recently closed. */
    @Get
    HttpResponse<?> releases(@io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String product,
                             @io.micronaut.http.annotation.QueryValue(defaultValue = "14") String closedWithinDays) {
        int days;
        try {
            days = Integer.parseInt(closedWithinDays.trim());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 0 || days > 3650) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad closedWithinDays", "closedWithinDays must be a whole number of days from 0 to 3650",
                    new Problem.FieldError("closedWithinDays", "'" + closedWithinDays + "' is not a whole number from 0 to 3650"));
        }
        try {
            return HttpResponse.ok(ReleaseSummary.list(view.watches(), java.time.Instant.now(), java.time.Duration.ofDays(days), product));
        } catch (InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading",
                    "the release watches are still being loaded from Kafka; retry in a few seconds").header("Retry-After", "2");
        } catch (TablesStopped e) {
            return e.response();
        }
    }

    @Get(value = "/{id}/reading", produces = {io.micronaut.http.MediaType.APPLICATION_JSON, ReadingText.PLAIN, ReadingText.MARKDOWN})
    HttpResponse<?> reading(@PathVariable String id, @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue("format") String asked,
                            @io.micronaut.http.annotation.QueryValue(defaultValue = "trio") String audience,
                            @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.Header("Accept") String accept) {
        String format = ReadingText.format(asked, accept);
        HttpResponse<?> refused = ReadingText.unknownFormat(format);
        if (refused == null) {
            refused = ReadingText.unknownAudience(audience);
        }
        if (refused != null) {
            return refused;
        }
        try {
            ReleaseWatch watch = view.watch(id);
            if (watch == null) {
                return Problem.response(HttpStatus.NOT_FOUND, "No watch", "no watch for release '" + id + "' yet, so no reading");
            }
            ReleaseReading reading = ReleaseReading.of(watch, Instant.now(), audience);
            return switch (format) {
                case "text" -> HttpResponse.ok(reading.text()).contentType(ReadingText.PLAIN);
                case "markdown" -> HttpResponse.ok(reading.markdown()).contentType(ReadingText.MARKDOWN);
                // named, not left to the framework: it would take the Accept's first type, q and all, and find no writer for it
                default -> HttpResponse.ok(reading).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
            };
        } catch (InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading",
                    "the release watches are still being loaded from Kafka; retry in a few seconds").header("Retry-After", "2");
        } catch (TablesStopped e) {
            return e.response();
        }
    }

    @Get("/{id}/watch")
    HttpResponse<?> watch(@PathVariable String id) {
        try {
            ReleaseWatch watch = view.watch(id);
            if (watch == null) {
                return Problem.response(HttpStatus.NOT_FOUND, "No watch",
                        "no watch for release '" + id + "': it was not registered (POST /v1/releases with a signed handoff), "
                                + "or its first snapshot is still being made");
            }
            return HttpResponse.ok(WatchAnswer.of(watch, java.time.Instant.now()));
        } catch (InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading",
                    "the release watches are still being loaded from Kafka; retry in a few seconds").header("Retry-After", "2");
        } catch (TablesStopped e) {
            return e.response();
        }
    }
}
