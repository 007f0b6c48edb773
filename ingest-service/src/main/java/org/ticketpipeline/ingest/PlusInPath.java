package org.ticketpipeline.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import org.ticketpipeline.schemas.text.PathSegments;

/**
 * A "+" in a path, as in a correction of ticket "fd+4711", is answered with how to write it (%2B) rather than the
 * router's bare 404. Not rewritten, as the reading service does for its reads: the framework would lose the body.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class PlusInPath {

    @PreMatching
    @RequestFilter
    @Nullable
    HttpResponse<?> refusePlus(HttpRequest<?> request) {
        String path = request.getUri().getRawPath();
        return PathSegments.hasPlus(path) ? Problem.of(HttpStatus.BAD_REQUEST, "Plus in the path", PathSegments.plusRefused(path)).response() : null;
    }
}
