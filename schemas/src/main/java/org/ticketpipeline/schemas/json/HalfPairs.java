package org.ticketpipeline.schemas.json;

import java.util.Locale;

/**
 * Text Kafka can carry: no half of a UTF-16 surrogate pair, as JSON's "\ud800" escape writes it (a text cut in the
 * middle of an emoji). Jackson takes one; written as UTF-8 it becomes '?', so "e-\ud800" and "e-\udc00" would both
 * land as "e-?", and a secret or a theme stored so is not the one its sender holds. One rule for every service.
 */
public final class HalfPairs {

    private HalfPairs() {
    }

    /** Why the value holds no text Kafka can carry, or null. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(Locale.ROOT, "holds half of a UTF-16 surrogate pair (\\u%04x) at position %d, which no UTF-8 text can "
                        + "carry: a text cut in the middle of a character?", (int) c, i);
            }
        }
        return null;
    }
}
