package org.ticketpipeline.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import org.ticketpipeline.schemas.json.HalfPairs;
import org.ticketpipeline.schemas.json.JsonRequestBodies;
import org.ticketpipeline.schemas.json.JsonTypes;

/**
 * Parses a request body as JSON, or says where and why it is malformed, and reads its fields by
 * type, as the ingest service does: a body bound straight to a record would be refused by the
 * framework with its own error body, which names neither the field nor the reason.
 */
final class JsonBody {

    private JsonBody() {
    }

    /** Thrown with what a ready 400 problem says. */
    static final class MalformedJson extends Exception {
        private final String title;

        MalformedJson(String title, String detail) {
            super(detail, null, false, false);
            this.title = title;
        }

        MutableHttpResponse<Problem> response() {
            return Problem.response(HttpStatus.BAD_REQUEST, title, getMessage());
        }
    }

    static JsonNode parse(String body) throws MalformedJson {
        if (body == null || body.isBlank()) {
            throw new MalformedJson("Empty body", "the request has no body; send a JSON object");
        }
        try {
            return JsonRequestBodies.read(body);
        } catch (JsonProcessingException e) {
            throw new MalformedJson("Malformed JSON", "the body is not valid JSON" + JsonRequestBodies.whatIsWrong(e));
        }
    }

    /** A string field of an object, null when absent or null; any other type is an error naming the field. */
    static String text(JsonNode object, String field, List<Problem.FieldError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string, got " + describe(value)));
            return null;
        }
        String halfAPair = HalfPairs.problem(value.asText());
        if (halfAPair != null) {
            errors.add(new Problem.FieldError(field, halfAPair));
            return null;
        }
        return value.asText();
    }

    static String describe(JsonNode value) {
        return JsonTypes.describe(value);
    }
}
