package org.ticketpipeline.reading;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The reading service: what the trio reads, from the pipeline's aggregates. */
@OpenAPIDefinition(info = @Info(title = "ticket-pipeline-reading", version = "1", description = "Themes, release watches, readings, subscriptions and the readings stream."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        org.ticketpipeline.schemas.process.ExitWithParent.ifAsked(System.getenv());
        Micronaut.run(Application.class, args);
    }
}
