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
    /**
     * 503 with Retry-After, detail: the failure, what is not taken, and how to retry; or, when the registry
     * refused the schema, 500 without Retry-After: a client that retries would be refused for ever.
     */
    static MutableHttpResponse<String> unavailable(KafkaUnavailableException e, String notTaken, String retry, int retryAfterSeconds) {
        if (e.lasting()) {
            return of(HttpStatus.INTERNAL_SERVER_ERROR, e.title(), e.getMessage() + ". " + notTaken
                    + ": sending it again will not help until an operator changes the setting refused; the service's log says more.").response();
        }
        return unavailable(e.title(), e.getMessage() + ". " + notTaken + ": " + retry, retryAfterSeconds);
    }

    /** 413 for a record Kafka would refuse on every retry: {@code what} names it ("the release", "item 3"). Nothing is written. */
    static MutableHttpResponse<String> tooLargeForKafka(String what, EventPublisher.RecordTooLargeException e) {
        return of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Too large for Kafka", what + " is " + e.bytes() + " bytes as a Kafka record; at most "
                + EventPublisher.MAX_RECORD_BYTES + " are taken. Nothing of the request is written: shorten its texts and send it again.")
                .response();
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
