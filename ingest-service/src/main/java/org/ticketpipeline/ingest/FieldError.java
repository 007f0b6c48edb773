package org.ticketpipeline.ingest;

import io.micronaut.serde.annotation.Serdeable;

/** What is wrong with one field of a request: its JSON path and the reason, in plain words. */
@Serdeable
public record FieldError(String field, String reason) {
}
