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
        return text == null || text.codePoints().allMatch(Blank::invisible);
    }

    /**
     * The text without what {@link #isBlank} counts as blank at its ends: "ledger\u00a0", pasted from a document, is
     * "ledger". {@link String#strip} keeps the no-break and zero-width spaces, and the name would be another one.
     */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && invisible(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && invisible(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}
