package org.ticketpipeline.schemas.release;

import java.util.Locale;

/**
 * What a brief's theme is matched on, between the brief and the tickets: its words, whatever their case,
 * and however many spaces (or non-breaking ones, as pasted from a document) stand between them. One rule
 * for the ingest, which refuses a brief naming a theme twice, and the release watch, which matches by it.
 */
public final class ThemeKey {

    private ThemeKey() {
    }

    public static String of(String theme) {
        String key = theme.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < key.length(); i++) {
            if (isSpace(key.charAt(i)) && (key.charAt(i) != ' ' || i + 1 < key.length() && isSpace(key.charAt(i + 1)))) {
                return collapseSpaces(key);
            }
        }
        return key; // the usual case, on the watch's hot path: one plain space between words
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Every run of spaces as one plain space, none at the ends. By hand: the same test as the look above. */
    private static String collapseSpaces(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean space = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isSpace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                }
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }
}
