package org.ticketpipeline.reading;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/** {@code GET /v1/products/{product}/themes?window=hour|week[&at=instant]}: the themes of a window and of the one before. */
@Controller("/v1/products")
@ExecuteOn(TaskExecutors.BLOCKING) // store scans, and the registry asked for a schema the first time: not on the event loop
class ThemesController {

    private final ThemeWindowsView view;

    ThemesController(ThemeWindowsView view) {
        this.view = view;
    }

    @Get("/{product}/themes")
    HttpResponse<?> themes(@PathVariable String product, @QueryValue(defaultValue = "hour") String window, @Nullable @QueryValue String at) {
        Optional<ThemeWindowKeys.Size> size = ThemeWindowKeys.Size.of(window);
        if (size.isEmpty()) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Unknown window", "window must be hour or week",
                    new Problem.FieldError("window", "'" + window + "' is not one of hour / week"));
        }
        Instant when;
        try {
            // a query string reads an offset's '+' typed as is ("...T10:30:00+01:00") as a space, which no instant holds
            when = at == null || at.isBlank() ? Instant.now() : Instant.parse(at.strip().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad instant", "at must be an ISO-8601 instant",
                    new Problem.FieldError("at", "'" + at + "' is not an ISO-8601 instant such as 2026-11-02T09:15:00Z or 2026-11-02T10:15:00+01:00"));
        }
        if (!QueryRange.holds(when)) { // its window's start in epoch milliseconds would overflow
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad instant", "at is out of range",
                    new Problem.FieldError("at", "'" + at + "' " + QueryRange.REASON));
        }
        try {
            if (!view.knows(product)) {
                return Problem.response(HttpStatus.NOT_FOUND, "Unknown product",
                        "no ticket of product '" + product + "' has been themed yet");
            }
            Instant start = size.get().startOf(when);
            Instant previousStart = start.minus(size.get().length());
            List<ThemeWindow> current = view.themes(product, size.get(), start.toEpochMilli());
            List<ThemeWindow> previous = view.themes(product, size.get(), previousStart.toEpochMilli());
            List<ThemeWindow> beforePrevious = view.themes(product, size.get(), previousStart.minus(size.get().length()).toEpochMilli());
            return HttpResponse.ok(new ThemesAnswer(product, size.get().label(), when,
                    ThemeRanking.window(start, start.plus(size.get().length()), current, previous),
                    ThemeRanking.window(previousStart, start, previous, beforePrevious)));
        } catch (InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading",
                    "the theme windows are still being loaded from Kafka; retry in a few seconds").header("Retry-After", "2");
        } catch (TablesStopped e) {
            return e.response();
        }
    }
}
