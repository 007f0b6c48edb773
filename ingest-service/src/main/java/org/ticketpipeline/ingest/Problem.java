package org.ticketpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** RFC 9457 problem details ({@code application/problem+json}) with the fields at fault. */
final class Problem {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body = JSON.createObjectNode();
    private final HttpStatus status;

    private Problem(HttpStatus status, String title, String detail) {
        this.status = status;
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
    }

    static Problem of(HttpStatus status, String title, String detail) {
        return new Problem(status, title, detail);
    }

    Problem errors(List<FieldError> errors) {
        ArrayNode array = body.putArray("errors");
        errors.forEach(e -> array.addObject().put("field", e.field()).put("reason", e.reason()));
        return this;
    }

    ObjectNode extension() {
        return body;
    }

    /** 503 with Retry-After: Kafka did not acknowledge, so nothing of the request is claimed as taken. */
    static MutableHttpResponse<String> unavailable(KafkaUnavailableException e, String detail, int retryAfterSeconds) {
        return unavailable(e.title(), detail, retryAfterSeconds);
    }

    private static MutableHttpResponse<String> unavailable(String title, String detail, int retryAfterSeconds) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, title, detail).response()
                .header("Retry-After", String.valueOf(retryAfterSeconds));
    }

    String bodyText() {
        return body.toString();
    }

    MutableHttpResponse<String> response() {
        return HttpResponse.<String>status(status).contentType(MEDIA_TYPE).body(body.toString());
    }
}
