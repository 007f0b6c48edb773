package org.ticketpipeline.schemas.text;

/**
 * Whether a ticket's text holds no words: nothing, spaces, or only invisible characters (a zero-width or
 * no-break space, a byte-order mark). One rule for the ingest, which asks a created event for words, and
 * the sorter, which picks the words it sorts and quotes.
 */
public final class Blank {

    private Blank() {
    }

    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }
}
