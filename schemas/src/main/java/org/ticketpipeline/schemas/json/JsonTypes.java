package org.ticketpipeline.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How a JSON value is named in an error that says what came instead of what was asked, for every service that reads JSON. */
public final class JsonTypes {

    private JsonTypes() {
    }

    /** "a string", "a number", "an array"...: the value's type as a reason reads it. */
    public static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
