package org.ticketpipeline.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The ingest service: helpdesk ticket events and releases in over HTTP, Avro records to Kafka out. */
@OpenAPIDefinition(info = @Info(title = "ticket-pipeline-ingest", version = "1", description = "Ticket events, releases with their support handoff, and corrections in."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        org.ticketpipeline.schemas.process.ExitWithParent.ifAsked(System.getenv());
        Micronaut.run(Application.class, args);
    }
}
