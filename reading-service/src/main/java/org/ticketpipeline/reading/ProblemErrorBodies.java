package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import org.ticketpipeline.schemas.json.FailureDetail;

/**
 * The framework's own errors (a body that is not JSON: 415; an unknown path: 404; a wrong method: 405;
 * anything thrown) answered as problem+json like the API's, not in the framework's own error format.
 * Written here because the Micronaut problem+json module is not among the reachable artifacts; a browser
 * still gets the framework's HTML page.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class ProblemErrorBodies implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        return new Problem("about:blank", status.getReason(), status.getCode(), FailureDetail.of(status.getCode(), status.getReason(),
                context.getErrors().stream().map(Error::getMessage).toList()), List.of());
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
