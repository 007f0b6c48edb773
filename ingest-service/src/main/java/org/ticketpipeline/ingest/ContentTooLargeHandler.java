package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An oversized body answers 413 as problem+json, naming the cap. */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
class ContentTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

    private final IngestSettings settings;

    ContentTooLargeHandler(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
        // a batch is split; a release or a correction is one record, whose texts are what can be shortened
        String remedy = request.getPath().startsWith("/v1/ticket-events")
                ? "split the batch (at most " + settings.getMaxBatchItems() + " events per request)"
                : "shorten its texts";
        return Problem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Body too large",
                "the request body exceeds the cap of " + settings.getMaxBodyBytes() + " bytes; " + remedy).response();
    }
}
