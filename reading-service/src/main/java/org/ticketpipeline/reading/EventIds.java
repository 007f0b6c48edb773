package org.ticketpipeline.reading;

/**
 * A server-sent event's id as one line. Micronaut writes an event's id as given, and only the data is
 * split on line breaks; an id made of a product, release or theme name with a line break in it would
 * end the id line and let the rest pass for fields and events of its own. The ingest refuses such ids;
 * records written straight to Kafka reach the streams too.
 */
final class EventIds {

    private EventIds() {
    }

    /** The id with CR, LF and NUL percent-encoded (and '%' itself, so two ids never read alike). */
    static String oneLine(String id) {
        StringBuilder out = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            String escaped = switch (c) {
                case '\r' -> "%0D";
                case '\n' -> "%0A";
                case '\0' -> "%00";
                case '%' -> "%25";
                default -> null;
            };
            if (escaped != null && out == null) {
                out = new StringBuilder(id.length() + 8).append(id, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? id : out.toString();
    }
}
