package org.ticketpipeline.classifier.app;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.ticketpipeline.schemas.json.FailureDetail;

/**
 * The framework's own errors (an unknown path: 404; a wrong method: 405; anything thrown) answered as
 * problem+json, as {@link TicketController}'s and the other services' are, not in the framework's own
 * format. Written here for the reason the other services give: the Micronaut problem+json module is not
 * among the reachable artifacts.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class ProblemErrorBodies implements JsonErrorResponseBodyProvider<ProblemErrorBodies.Body> {

    /** RFC 9457's members this service fills. */
    @Serdeable
    record Body(String type, String title, int status, String detail) {
    }

    @Override
    public Body body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        return new Body("about:blank", status.getReason(), status.getCode(), FailureDetail.of(status.getCode(), status.getReason(),
                context.getErrors().stream().map(Error::getMessage).toList()));
    }

    @Override
    public String contentType() {
        return TicketController.PROBLEM_JSON;
    }
}
