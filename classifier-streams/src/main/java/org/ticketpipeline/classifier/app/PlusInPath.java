package org.ticketpipeline.classifier.app;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import java.net.URI;
import org.ticketpipeline.schemas.text.PathSegments;

/**
 * A name's "+" in a path ("4.3.0+hotfix") is a plus, not a 404: escaped before the route is matched (PathSegments).
 * The framework loses the body of a request rewritten so; no route here reads a body under a path that names a thing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class PlusInPath {

    /** The request, or one in its place whose path has %2B for "+": the one the route is then matched on. */
    @PreMatching
    @RequestFilter
    HttpRequest<?> escapePlus(HttpRequest<?> request) {
        String uri = request.getUri().toString();
        String escaped = PathSegments.plusEscaped(uri);
        return escaped.equals(uri) ? request : request.mutate().uri(URI.create(escaped));
    }
}
