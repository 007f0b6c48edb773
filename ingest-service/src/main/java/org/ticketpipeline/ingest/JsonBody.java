package org.ticketpipeline.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

/** Parses a request body as JSON, or says where and why it is malformed. */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
     * the OpenAPI description then shows the object their annotations document, not a string.
     */
    static JsonNode parse(HttpRequest<String> request) throws MalformedJson {
        return parse(request.getBody().orElse(""));
    }

    static JsonNode parse(String body) throws MalformedJson {
        if (body == null || body.isBlank()) {
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Empty body", "the request has no body; send a JSON object or array"));
        }
        try {
            // a file saved by Notepad or PowerShell and sent with --data-binary starts with a byte-order mark
            return JSON.readTree(body.charAt(0) == '\uFEFF' ? body.substring(1) : body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MalformedJson(Problem.of(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "the body is not valid JSON" + where + ": " + e.getOriginalMessage()));
        }
    }
}
