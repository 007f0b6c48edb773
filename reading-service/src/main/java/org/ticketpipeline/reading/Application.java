package org.ticketpipeline.reading;

import io.micronaut.runtime.Micronaut;

/** The reading service: what the trio reads, from the pipeline's aggregates. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
