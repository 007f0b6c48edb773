package org.ticketpipeline.reading;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem details, with the fields at fault. */
@Serdeable
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    static final String MEDIA_TYPE = "application/problem+json";

    /** What is wrong with one field (or query parameter) of a request. */
    @Serdeable
    public record FieldError(String field, String reason) {
    }

    /** A value a client sent, quoted and cut at 40 characters: a refusal names it without echoing kilobytes back. */
    static String quoted(String value) {
        return "'" + (value.length() <= 40 ? value : value.substring(0, 40) + "…") + "'";
    }

    static MutableHttpResponse<Problem> response(HttpStatus status, String title, String detail, FieldError... errors) {
        return HttpResponse.status(status).contentType(MEDIA_TYPE)
                .body(new Problem("about:blank", title, status.getCode(), detail, List.of(errors)));
    }
}
