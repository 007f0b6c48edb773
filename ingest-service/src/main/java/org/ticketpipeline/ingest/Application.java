package org.ticketpipeline.ingest;

import io.micronaut.runtime.Micronaut;

/** The ingest service: helpdesk ticket events and releases in over HTTP, Avro records to Kafka out. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
