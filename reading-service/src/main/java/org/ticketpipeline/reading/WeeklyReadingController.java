package org.ticketpipeline.reading;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * {@code GET /v1/products/{product}/readings/weekly[?week=2026-11-16][&format=json|text|markdown][&audience=trio|exec|squad]}: the
 * five-line weekly reading of the week holding {@code week} (default: the last complete week).
 */
@Controller("/v1/products")
@ExecuteOn(TaskExecutors.BLOCKING) // store scans, and the registry asked for a schema the first time: not on the event loop
class WeeklyReadingController {

    private final ThemeWindowsView view;

    WeeklyReadingController(ThemeWindowsView view) {
        this.view = view;
    }

    // the text formats are produced too: a client that asks for them by Accept must not be refused with a 406
    @Get(value = "/{product}/readings/weekly", produces = {MediaType.APPLICATION_JSON, ReadingText.PLAIN, ReadingText.MARKDOWN})
    HttpResponse<?> weekly(@PathVariable String product, @Nullable @QueryValue String week, @Nullable @QueryValue("format") String asked,
                           @QueryValue(defaultValue = "trio") String audience,
                           @Nullable @io.micronaut.http.annotation.Header("Accept") String accept) {
        String format = ReadingText.format(asked, accept);
        HttpResponse<?> refused = ReadingText.unknownAudience(audience);
        if (refused == null) {
            refused = ReadingText.unknownFormat(format);
        }
        if (refused != null) {
            return refused;
        }
        Instant day;
        try {
            day = week == null || week.isBlank()
                    ? Instant.now().minus(ThemeWindowKeys.WEEK)
                    : LocalDate.parse(week).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad week", "week must be a date such as 2026-11-16",
                    new Problem.FieldError("week", "'" + week + "' is not a date such as 2026-11-16"));
        }
        if (!QueryRange.holds(day)) { // its week's start in epoch milliseconds would overflow
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad week", "week is out of range",
                    new Problem.FieldError("week", "'" + week + "' " + QueryRange.REASON));
        }
        Instant start = ThemeWindowKeys.Size.WEEK.startOf(day);
        if (start.isAfter(Instant.now())) {
            // read as "so far, day 1" it would be a reading of a week with no tickets yet, not of that week
            return Problem.response(HttpStatus.BAD_REQUEST, "Bad week", "that week has not begun",
                    new Problem.FieldError("week", "'" + week + "' is in a week that has not begun (it starts " + start + ")"));
        }
        try {
            if (!view.knows(product)) {
                return Problem.response(HttpStatus.NOT_FOUND, "Unknown product", "no ticket of product '" + product + "' has been themed yet");
            }
            Instant previous = start.minus(ThemeWindowKeys.WEEK);
            var thisWeek = view.themes(product, ThemeWindowKeys.Size.WEEK, start.toEpochMilli());
            var weekBefore = view.themes(product, ThemeWindowKeys.Size.WEEK, previous.toEpochMilli());
            Instant now = Instant.now();
            WeeklyReading reading = WeeklyReading.of(product, start, start.plus(ThemeWindowKeys.WEEK), thisWeek, weekBefore, now)
                    .forAudience(audience, thisWeek, weekBefore, now).soFar(now);
            return switch (format) {
                case "text" -> HttpResponse.ok(reading.text()).contentType(ReadingText.PLAIN);
                case "markdown" -> HttpResponse.ok(reading.markdown()).contentType(ReadingText.MARKDOWN);
                // named, not left to the framework: it would take the Accept's first type, q and all, and find no writer for it
                default -> HttpResponse.ok(reading).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
            };
        } catch (InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading",
                    "the theme windows are still being loaded from Kafka; retry in a few seconds").header("Retry-After", "2");
        } catch (TablesStopped e) {
            return e.response();
        }
    }
}
