package org.ticketpipeline.schemas.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * A request body read as JSON as every service reads one, and what is wrong with one that is not, said for the
 * person who sent it rather than in the parser's own words (its settings, its classes, a redacted source).
 */
public final class JsonRequestBodies {

    /**
     * One value per body, each field once: Jackson otherwise keeps the last of a repeated field without a word, so
     * {@code {"product":"ledger","product":"roster"}} was counted under roster, and the sender never told.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Pattern START_MARKER = Pattern.compile("\\(start marker at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern SETTING_NAMED = Pattern.compile(", from `[^`]*`\\)");

    private JsonRequestBodies() {
    }

    /** The body's one JSON value; a repeated field or a second value is malformed. */
    public static JsonNode read(String body) throws JsonProcessingException {
        return JSON.readTree(body);
    }

    /** "at line 1, column 40: duplicate field 'product', each field is given once": where and why, in the sender's terms. */
    public static String whatIsWrong(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + reason(e.getOriginalMessage());
    }

    /** The parser's message without its internals. */
    static String reason(String message) {
        if (message == null) {
            return "not JSON";
        }
        if (message.startsWith("Trailing token")) {
            return "more follows the first JSON value; send one value (an array holds many)";
        }
        if (message.startsWith("Duplicate field ")) {
            return message.replace("Duplicate field ", "duplicate field ") + ", each field is given once";
        }
        String reason = START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)");
        return SETTING_NAMED.matcher(reason).replaceAll(")");
    }
}
