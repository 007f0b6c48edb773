package org.ticketpipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.json.HalfPairs;
import org.ticketpipeline.schemas.json.JsonTypes;
import org.ticketpipeline.schemas.json.OneLine;
import org.ticketpipeline.schemas.time.EventTimes;

/**
 * Reads typed fields out of a JSON object, collecting every problem as a {@link FieldError} instead of
 * stopping at the first, so a producer learns all that is wrong with an item in one answer.
 */
final class JsonFields {

    private final JsonNode node;
    private final String prefix;
    private final int maxTextLength;
    private final List<FieldError> errors;

    JsonFields(JsonNode node, String prefix, int maxTextLength, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.maxTextLength = maxTextLength;
        this.errors = errors;
    }

    List<FieldError> errors() {
        return errors;
    }

    JsonFields child(String name) {
        return new JsonFields(node.path(name), path(name), maxTextLength, errors);
    }

    /**
     * Adds an error for each field of the object that is none of {@code known}: a misspelt field
     * ({@code customer_id}, {@code Tier}) would otherwise be dropped without a word, and its figure
     * (repeat contacts, the tier mix) be wrong for good.
     */
    JsonFields onlyFields(String what, java.util.Collection<String> known) {
        errors.addAll(otherFields(what, known));
        return this;
    }

    /**
     * The answer names this many other fields of one object at most: each names the fields there are, and an event of
     * 90,000 made-up fields (under a megabyte) was answered with 18 MB.
     */
    static final int MOST_OTHER_FIELDS_NAMED = 20;

    /** The fields of the object that are none of {@code known}, each named with what the object's fields are; past a few, a count. */
    List<FieldError> otherFields(String what, java.util.Collection<String> known) {
        List<FieldError> other = new ArrayList<>();
        int[] more = {0};
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                if (known.contains(name)) {
                    return;
                }
                if (other.size() == MOST_OTHER_FIELDS_NAMED) {
                    more[0]++;
                    return;
                }
                String shown = name.length() <= 60 ? name : name.substring(0, 60) + "…";
                other.add(new FieldError(path(shown), "is not a field of " + what + ": " + String.join(", ", known)));
            });
        }
        if (more[0] > 0) {
            other.add(new FieldError(path("(more)"), String.format(java.util.Locale.ROOT, "and %,d more such fields (the first %d are named)",
                    more[0], MOST_OTHER_FIELDS_NAMED)));
        }
        return other;
    }

    /** True when the node is an object; else an error saying what it should have been and what it is. */
    boolean isObject(String shape) {
        if (node.isObject()) {
            return true;
        }
        errors.add(new FieldError(prefix, "must be an object " + shape + ", got " + describe(node)));
        return false;
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    String path(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    String requiredString(String name) {
        if (!has(name)) {
            errors.add(new FieldError(path(name), "is required"));
            return null;
        }
        String value = optionalString(name);
        if (value != null && org.ticketpipeline.schemas.text.Blank.isBlank(value)) {
            errors.add(new FieldError(path(name), "must not be blank"));
            return null;
        }
        return value;
    }

    /**
     * Ids and names (event, ticket, release, product, helpdesk, customer...) are short. Capped well under
     * the text cap, a record can never outgrow Kafka's 1 MiB however a body under the request cap is
     * filled: a ticket id is also the record's key, so a long one would count twice.
     */
    static final int MAX_ID_LENGTH = OneLine.MAX_LENGTH;
    /** A tag list's cap, and each tag's length cap, for the same reason. */
    static final int MAX_TAGS = 100;

    String requiredId(String name) {
        return idLength(name, requiredString(name));
    }

    /**
     * A product's name: an id that holds no '|', which separates the parts of a theme window's key. "acme|eu"
     * would read as a window of product "acme", and product "acme" would be taken for one with tickets.
     */
    String requiredProduct(String name) {
        String product = requiredId(name);
        if (product != null && product.indexOf(org.ticketpipeline.schemas.topic.ThemeWindowKeys.SEPARATOR) >= 0) {
            errors.add(new FieldError(path(name), "must not hold '|', which separates the parts of a theme window's key"));
            return null;
        }
        return product;
    }

    String optionalId(String name) {
        return idLength(name, optionalString(name));
    }

    /**
     * The id or name without blanks at its ends, within its cap and on one line. "ledger " or "zd-1 " from a
     * connector's padded column is product ledger or ticket zd-1: taken as written it was another product, whose
     * themes and readings no one would ask for, or another ticket, counted twice and corrected apart.
     */
    private String idLength(String name, String given) {
        String value = given == null ? null : org.ticketpipeline.schemas.text.Blank.strip(given);
        if (value != null && value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(path(name), "is " + value.length() + " characters, over the cap of " + MAX_ID_LENGTH
                    + " for an id or name"));
            return null;
        }
        String lineProblem = value == null ? null : OneLine.problem(value);
        if (lineProblem != null) {
            errors.add(new FieldError(path(name), lineProblem));
            return null;
        }
        return value;
    }

    String optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path(name), "must be a string, got " + describe(value)));
            return null;
        }
        // characters as a reader counts them: an emoji is one, though Java holds it in two
        int characters = value.asText().codePointCount(0, value.asText().length());
        if (characters > maxTextLength) {
            errors.add(new FieldError(path(name), "is " + characters + " characters, over the cap of " + maxTextLength));
            return null;
        }
        String halfAPair = HalfPairs.problem(value.asText());
        if (halfAPair != null) {
            errors.add(new FieldError(path(name), halfAPair));
            return null;
        }
        return value.asText();
    }

    Instant requiredInstant(String name) {
        if (!has(name)) {
            errors.add(new FieldError(path(name), "is required (an ISO-8601 instant such as 2026-11-02T09:15:00Z)"));
            return null;
        }
        return optionalInstant(name);
    }

    Instant optionalInstant(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.asDouble()) && value.decimalValue().stripTrailingZeros().scale() <= 0) {
            // 1.5e12 and 1500000000000.0 are whole milliseconds, as a spreadsheet or a JavaScript client writes them
            value = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(value.decimalValue().toBigIntegerExact());
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                // asLong() would keep the low 64 bits and could pass off the number as a plausible date
                errors.add(new FieldError(path(name), value.asText() + " is out of the range of epoch milliseconds: send milliseconds "
                        + "or an ISO-8601 instant such as 2026-11-02T09:15:00Z"));
                return null;
            }
            long millis = value.asLong();
            if (EventTimes.pastYear9999(Instant.ofEpochMilli(millis))) {
                // a long, yet no time a ticket or a release has: a day or two added to it overflows downstream
                errors.add(new FieldError(path(name), millis + " is past year 9999 as epoch milliseconds: send the time the event happened"));
                return null;
            }
            if (EventTimes.readsAsSeconds(Instant.ofEpochMilli(millis))) {
                errors.add(new FieldError(path(name), millis + " is before 1973 as epoch milliseconds; epoch seconds? send milliseconds "
                        + "or an ISO-8601 instant such as 2026-11-02T09:15:00Z"));
                return null;
            }
            return Instant.ofEpochMilli(millis);
        }
        if (value.isTextual()) {
            Instant at = instant(value.asText());
            if (at == null) {
                errors.add(new FieldError(path(name), "'" + value.asText() + "' " + whyNotAnInstant(value.asText())));
                return null;
            }
            if (EventTimes.pastYear9999(at)) {
                errors.add(new FieldError(path(name), "'" + value.asText() + "' is past year 9999: send the time the event happened"));
                return null;
            }
            if (EventTimes.readsAsSeconds(at)) {
                // "0001-01-01T00:00:00Z" is many languages' "no date": taken, it would sit outside every window (and
                // a time before 1970 is one Kafka refuses as a record timestamp, failing the whole batch)
                errors.add(new FieldError(path(name), "'" + value.asText() + "' is before 1973, too early for a ticket's event: "
                        + "send the time the event happened"));
                return null;
            }
            return at;
        }
        errors.add(new FieldError(path(name), "must be an ISO-8601 instant string or epoch milliseconds, got "
                + (value.isNumber() ? "a number that is not whole: send whole milliseconds" : describe(value))));
        return null;
    }

    /** An ISO-8601 instant, with Z or an offset, seconds optional ("2026-11-24T00:40Z"); null when it is none. */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** What a time that is no instant lacks, said so the producer knows what to add. */
    static String whyNotAnInstant(String text) {
        String example = "an ISO-8601 instant such as 2026-11-02T09:15:00Z";
        try {
            java.time.LocalDateTime.parse(text);
            return "has no time zone: add Z for UTC or an offset such as +01:00 (" + example + ")";
        } catch (DateTimeParseException notALocalTime) {
            try {
                java.time.LocalDate.parse(text);
                return "is a date without a time: send " + example;
            } catch (DateTimeParseException notADate) {
                return "is not " + example;
            }
        }
    }

    /** An enum value, case-insensitive, with '-' and ' ' read as '_'; errors list the allowed values. */
    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path(name), "must be one of " + allowed(type) + ", got " + describe(value)));
            return null;
        }
        String normalised = value.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        errors.add(new FieldError(path(name), "'" + value.asText() + "' is not one of " + allowed(type)));
        return null;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        if (!has(name)) {
            errors.add(new FieldError(path(name), "is required, one of " + allowed(type)));
            return null;
        }
        return optionalEnum(name, type);
    }

    List<String> stringList(String name) {
        JsonNode value = node.get(name);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(path(name), "must be an array of strings, got " + describe(value)));
            return out;
        }
        if (value.size() > MAX_TAGS) {
            errors.add(new FieldError(path(name), "holds " + value.size() + " items, over the cap of " + MAX_TAGS));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                errors.add(new FieldError(path(name) + "[" + i + "]", "must be a string, got " + describe(value.get(i))));
            } else if (value.get(i).asText().length() > MAX_ID_LENGTH) {
                errors.add(new FieldError(path(name) + "[" + i + "]", "is " + value.get(i).asText().length()
                        + " characters, over the cap of " + MAX_ID_LENGTH));
            } else if (HalfPairs.problem(value.get(i).asText()) != null) {
                errors.add(new FieldError(path(name) + "[" + i + "]", HalfPairs.problem(value.get(i).asText())));
            } else {
                out.add(value.get(i).asText());
            }
        }
        return out;
    }

    static String describe(JsonNode value) {
        return JsonTypes.describe(value);
    }

    /** The values as the README writes them: "L1 / L2 / L3", "bug / brief-input / noise", "created / customer_replied / ...". */
    static <E extends Enum<E>> String allowed(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name();
            names.add(name.matches("[A-Z]\\d+") ? name
                    : type == TicketKind.class ? name.toLowerCase(Locale.ROOT).replace('_', '-') : name.toLowerCase(Locale.ROOT));
        }
        return String.join(" / ", names);
    }
}
