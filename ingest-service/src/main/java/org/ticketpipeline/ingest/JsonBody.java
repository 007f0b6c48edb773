package org.ticketpipeline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import org.ticketpipeline.schemas.json.JsonRequestBodies;
import org.ticketpipeline.schemas.json.RequestText;

/** Parses a request body as JSON, or says where and why it is malformed. */
final class JsonBody {

    private JsonBody() {
    }

    /** Thrown with a ready 400 problem. */
    static final class MalformedJson extends Exception {
        private final Problem problem;

        MalformedJson(Problem problem) {
            super(problem.extension().path("detail").asText(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /**
     * The request's body, parsed. The controllers take the request rather than the body bound as a String:
     * the OpenAPI description then shows the object their annotations document, not a string. They take its
     * bytes so that {@link RequestText} decodes them, saying where a byte is not in the charset named.
     */
    static JsonNode parse(HttpRequest<byte[]> request) throws MalformedJson {
        String text;
        try {
            text = RequestText.of(request.getBody().orElse(new byte[0]), request.getHeaders().get("Content-Type"));
        } catch (RequestText.Unreadable e) {
            throw new MalformedJson(Problem.of(HttpStatus.valueOf(e.status()), e.title(), e.getMessage()));
        }
        return parse(text);
    }

    static JsonNode parse(String body) throws MalformedJson {
        if (body == null || body.isBlank()) {
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Empty body", "the request has no body; send a JSON object or array"));
        }
        try {
            return JsonRequestBodies.read(body);
        } catch (JsonProcessingException e) {
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON" + JsonRequestBodies.whatIsWrong(e)));
        }
    }
}
