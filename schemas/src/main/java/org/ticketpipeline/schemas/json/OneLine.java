package org.ticketpipeline.schemas.json;

import java.util.Locale;

/**
 * An id or a name is one line of text, in every service that takes one: it is a record key, a URL path and a
 * server-sent event's id line, and a line break would end that line and let the rest pass for events of their own.
 */
public final class OneLine {

    /**
     * The cap on an id or a name (event, ticket, release, product, theme, level...), in every service that takes one:
     * well under the text cap, so a record can never outgrow Kafka's 1 MiB, and what the ingest never took is no
     * ticket's or theme's.
     */
    public static final int MAX_LENGTH = 200;

    private OneLine() {
    }

    /** Why the value cannot be one line (it holds a line break or a NUL), or null. A tab, pasted from a spreadsheet, breaks nothing. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                return String.format(Locale.ROOT, "has a line break or NUL (U+%04X) at position %d: an id or name is one line of text", (int) c, i);
            }
        }
        return null;
    }
}
