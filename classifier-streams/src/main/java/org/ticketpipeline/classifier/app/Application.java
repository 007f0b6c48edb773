package org.ticketpipeline.classifier.app;

import io.micronaut.runtime.Micronaut;

/** The classifier: a Kafka Streams application that sorts tickets and windows them by theme. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        org.ticketpipeline.schemas.process.ExitWithParent.ifAsked(System.getenv());
        Micronaut.run(Application.class, args);
    }
}
