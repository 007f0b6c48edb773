package org.ticketpipeline.schemas.text;

/**
 * A "+" in a request's path, made a name's plus. In a path (RFC 3986) "+" is a character like any other, and
 * "4.3.0+hotfix" (a release id with semver's build mark) or "fd+4711" are names a client writes as they are.
 * The HTTP framework's router matches no path variable holding a literal "+" (the request answers 404), yet
 * matches its escape, %2B, and decodes that to "+". So the services escape the "+" of a path before routing a
 * request with no body; one with a body is refused with {@link #plusRefused}, as the framework loses the body of a
 * request whose path a filter rewrote.
 */
public final class PathSegments {

    private PathSegments() {
    }

    /**
     * {@code rawUri} (a path, and maybe a query) with each "+" of its path written %2B; the query is left as it is,
     * where "+" is a form's space and the services read it so. The same string when its path holds no "+".
     */
    public static String plusEscaped(String rawUri) {
        int query = rawUri.indexOf('?');
        int pathEnd = query < 0 ? rawUri.length() : query;
        if (rawUri.lastIndexOf('+', pathEnd - 1) < 0) {
            return rawUri;
        }
        return rawUri.substring(0, pathEnd).replace("+", "%2B") + rawUri.substring(pathEnd);
    }

    /** Whether a request's raw path holds a "+". */
    public static boolean hasPlus(String rawPath) {
        return rawPath != null && rawPath.indexOf('+') >= 0;
    }

    /** What a request with a body and a "+" in its path is told: the same path with %2B is taken. */
    public static String plusRefused(String rawPath) {
        return "the path holds a '+'; write it as %2B (" + plusEscaped(rawPath) + "), as a client that encodes "
                + "each part of a path does, and the name is read with its '+'";
    }
}
